/** Browser: download the data URL as a file through a temporary <a download>. */
export const canSaveImage: boolean = true

export async function saveImage(dataUrl: string, fileName: string): Promise<void> {
  const link = document.createElement('a')
  link.href = dataUrl
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
}
