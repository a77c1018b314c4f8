import { exportsArea, type ExportAnswer, type ExportList } from '@domain/api/exports'
import type { InputOf } from '@domain/api/contract'
import { areaCaller } from './transport'
import { openExportFile } from './exportFile'

const call = areaCaller(exportsArea)

export type ExportFilters<L extends ExportList> = InputOf<(typeof exportsArea.actions)[L]>

/**
 * 导出 Excel: the function writes the file from the list's filters and answers a temporary URL;
 * the file is then handed to the platform (exportFile.h5.ts: a download; exportFile.weapp.ts:
 * downloadFile + openDocument). Answers what the function answered, for 已导出 N 行.
 * The 服务 tab (main package) uses exportOrders.ts instead, which carries only the order schemas.
 */
export async function exportList<L extends ExportList>(list: L, filters: ExportFilters<L>): Promise<ExportAnswer> {
  const answer = await call('exports', list, filters)
  await openExportFile(answer)
  return answer
}
