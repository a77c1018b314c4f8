/**
 * Saving the template and choosing a workbook. Taro picks files.h5.ts or files.weapp.ts by file
 * suffix at build time; this fallback (other platforms) can do neither, so the page says so.
 */
export interface PickedFile {
  name: string
  size: number
  base64: string
}

export const canHandleFiles: boolean = false

export async function saveWorkbook(_base64: string, _fileName: string, _contentType: string): Promise<void> {}

export async function pickWorkbook(): Promise<PickedFile | null> {
  return null
}
