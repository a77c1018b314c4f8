import * as v from 'valibot'
import { action, area } from './contract'
import type { ImportRowError, ImportSummary } from '../imports'
import type { HouseholdImportSummary } from '../householdImport'

export type { ImportRowError, ImportSummary } from '../imports'
export type { HouseholdImportSummary } from '../householdImport'

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
export interface ImportRejected<S = ImportSummary> {
  /** In workbook order, at most MAX_REPORTED_ERRORS (500). */
  errors: ImportRowError[]
  /** Errors beyond those listed. */
  more: number
  /** What the good rows would have added (HouseholdImportSummary for a households workbook). */
  summary: S
}

/** A households workbook imported (or, for a dry run, checked): what it adds. */
export interface HouseholdImportDone {
  importId: string | null
  dryRun: boolean
  summary: HouseholdImportSummary
}

const workbookInput = v.strictObject({
  // The size limit is the function's (IMPORT.FILE_TOO_LARGE), so the person is told in words.
  fileBase64: v.pipe(v.string('请选择要导入的文件'), v.minLength(1, '请选择要导入的文件'), v.regex(/^[A-Za-z0-9+/=\r\n]+$/, '文件内容不正确')),
  fileName: v.optional(v.pipe(v.string('文件名不正确'), v.maxLength(200, '文件名太长'))),
  dryRun: v.optional(v.boolean('试导入标志不正确')),
})

export const importsArea = area('imports', {
  template: action<Record<string, never>, ImportTemplate>(v.strictObject({})),
  importWorkbook: action<{ fileBase64: string; fileName?: string; dryRun?: boolean }, ImportDone>(workbookInput),
  /** The households workbook (one 住户 sheet) for those who maintain households (community admins, grid workers). */
  householdsTemplate: action<Record<string, never>, ImportTemplate>(v.strictObject({})),
  /** Households of the importer's buildings, all or nothing; IMPORT.INVALID_ROWS carries every bad row (ImportRejected, summary in households). */
  importHouseholds: action<{ fileBase64: string; fileName?: string; dryRun?: boolean }, HouseholdImportDone>(workbookInput),
})
