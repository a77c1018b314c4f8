import * as v from 'valibot'
import type { ActionContract, InputOf } from './contract'

/**
 * A list's input schema without its paging fields: the same strict object, the same messages
 * (domain/api/exports.ts). Only a strict object can be narrowed this way; anything else is a
 * programming error.
 */
export function filtersOf<C extends ActionContract<any, any>, K extends keyof InputOf<C> & string>(
  contract: C,
  paging: readonly K[],
): v.GenericSchema<unknown, Omit<InputOf<C>, K>> {
  const schema = contract.input as unknown as v.StrictObjectSchema<v.ObjectEntries, undefined>
  if (schema.type !== 'strict_object') throw new Error('filtersOf: the list schema is not a strict object')
  return v.omit(schema, paging as unknown as [string, ...string[]]) as unknown as v.GenericSchema<unknown, Omit<InputOf<C>, K>>
}

/** What every export answers: the uploaded file, a temporary URL to download it, its row count and name. */
export interface ExportAnswer {
  fileId: string
  /** A temporary download URL (about an hour). */
  url: string
  /** Data rows in the file (the header not counted). */
  rows: number
  /** The file name to save as, e.g. 北门社区党员_20261204.xlsx. */
  name: string
}
