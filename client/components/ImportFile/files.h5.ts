/** Browser: the template downloads through a temporary <a download>; a file comes from an <input type=file>. */
import type { PickedFile } from './files'

export type { PickedFile } from './files'
export const canHandleFiles: boolean = true

export async function saveWorkbook(base64: string, fileName: string, contentType: string): Promise<void> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The download has started from the click; the URL can go after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

/** Opens the browser's file chooser (called from a tap, so the browser allows it); null when cancelled. */
export function pickWorkbook(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    input.style.display = 'none'
    input.setAttribute('data-testid', 'import-file-input')
    const done = () => input.remove()
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done()
      if (!file) return resolve(null)
      readAsBase64(file).then((base64) => resolve({ name: file.name, size: file.size, base64 }), reject)
    })
    input.addEventListener('cancel', () => {
      done()
      resolve(null)
    })
    document.body.appendChild(input)
    input.click()
  })
}
