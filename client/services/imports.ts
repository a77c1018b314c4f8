import { importsArea } from '@domain/api/imports'
import { areaCaller } from './transport'

const call = areaCaller(importsArea)

/** Bulk import (批量导入): typed one-liners over the one transport. */

export const importTemplate = () => call('imports', 'template', {})

/** `dryRun`: validate every row and write nothing (the page's 检查 step). */
export const importWorkbook = (fileBase64: string, fileName: string, dryRun: boolean) => call('imports', 'importWorkbook', { fileBase64, fileName, dryRun })

/** The households workbook (住户 sheet) for community admins and grid workers. */
export const householdsTemplate = () => call('imports', 'householdsTemplate', {})

/** `dryRun`: validate every row and write nothing. */
export const importHouseholds = (fileBase64: string, fileName: string, dryRun: boolean) => call('imports', 'importHouseholds', { fileBase64, fileName, dryRun })
