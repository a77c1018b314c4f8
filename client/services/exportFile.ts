import type { ExportAnswer } from '@domain/api/filtersOf'
import { ApiError } from './ApiError'

/**
 * Opening an exported .xlsx. Taro picks exportFile.weapp.ts (downloadFile + openDocument) or
 * exportFile.h5.ts (a download from the temporary URL) by file suffix; this fallback is what the
 * type checker sees and what other platforms get.
 */
export async function openExportFile(_file: ExportAnswer): Promise<void> {
  throw new ApiError('SYSTEM.INTERNAL', '当前环境不能打开导出的文件')
}
