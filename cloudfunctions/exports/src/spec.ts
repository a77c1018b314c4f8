import type { ExportCell, ExportColumn } from '../../../domain/exports'

/** What an action hands to the writer: everything checked, rows still to be read. */
export interface ExportSpec {
  /** File name without the date (added by index.ts). */
  name: string
  sheet: string
  columns: ExportColumn<any>[]
  rows: AsyncIterable<ExportCell[]>
  fullPhones: boolean
}
