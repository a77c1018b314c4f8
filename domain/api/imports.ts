import * as v from 'valibot'
import { action, area } from './contract'
import type { ImportRowError, ImportSummary } from '../imports'

export type { ImportRowError, ImportSummary } from '../imports'

/** The template workbook: an empty 社区 / 单位 / 党员 sheet each, header and notes row. */
export interface ImportTemplate {
  fileName: string
  contentType: string
  base64: string
}

export interface ImportDone {
  /** The `imports` record (the audit of the whole import); null for a dry run. */
  importId: string | null
  dryRun: boolean
  summary: ImportSummary
}

/**
 * What IMPORT.INVALID_ROWS carries in its `details`: every bad row, and what the good rows would
 * have added. Nothing was written.
 */
export interface ImportRejected {
  /** In workbook order, at most MAX_REPORTED_ERRORS (500). */
  errors: ImportRowError[]
  /** Errors beyond those listed. */
  more: number
  summary: ImportSummary
}

export const importsArea = area('imports', {
  template: action<Record<string, never>, ImportTemplate>(v.strictObject({})),
  importWorkbook: action<{ fileBase64: string; fileName?: string; dryRun?: boolean }, ImportDone>(
    v.strictObject({
      // The size limit is the function's (IMPORT.FILE_TOO_LARGE), so the person is told in words.
      fileBase64: v.pipe(v.string('请选择要导入的文件'), v.minLength(1, '请选择要导入的文件'), v.regex(/^[A-Za-z0-9+/=\r\n]+$/, '文件内容不正确')),
      fileName: v.optional(v.pipe(v.string('文件名不正确'), v.maxLength(200, '文件名太长'))),
      dryRun: v.optional(v.boolean('试导入标志不正确')),
    }),
  ),
})
