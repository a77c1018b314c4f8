/**
 * WeChat: the template is written to the user data folder and opened with openDocument (its menu
 * offers 转发 and 用其他应用打开, so it reaches a computer); a workbook is chosen from a chat with
 * chooseMessageFile, where people keep the files they were sent.
 */
import Taro from '@tarojs/taro'
import type { PickedFile } from './files'

export type { PickedFile } from './files'
export const canHandleFiles: boolean = true

export async function saveWorkbook(base64: string, fileName: string, _contentType: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  Taro.getFileSystemManager().writeFileSync(filePath, base64, 'base64')
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
}

export async function pickWorkbook(): Promise<PickedFile | null> {
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })
  } catch {
    // Cancelled: nothing chosen.
    return null
  }
  const file = chosen.tempFiles[0]
  if (!file) return null
  const base64 = Taro.getFileSystemManager().readFileSync(file.path, 'base64') as string
  return { name: file.name, size: file.size, base64 }
}
