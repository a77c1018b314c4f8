import Taro from '@tarojs/taro'
import type { ExportAnswer } from '@domain/api/filtersOf'
import { ApiError } from './ApiError'

/**
 * WeChat: the temporary URL downloaded into the mini-program's temp files, then opened in
 * WeChat's document viewer, where 「…」 offers to forward or save it. The URL's host must be on
 * the mini-program's downloadFile domain list (the environment's storage domain; docs/exports.md).
 */
export async function openExportFile(file: ExportAnswer): Promise<void> {
  let filePath: string
  try {
    const res = await Taro.downloadFile({ url: file.url })
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`)
    filePath = res.tempFilePath
  } catch (e) {
    throw new ApiError('NETWORK.UNAVAILABLE', '文件下载失败，请检查网络后重试', e instanceof Error ? e.message : e)
  }
  try {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
  } catch (e) {
    throw new ApiError('SYSTEM.INTERNAL', '无法打开导出的文件，请稍后重试', e instanceof Error ? e.message : e)
  }
}
