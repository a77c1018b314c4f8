import type { WishPhoto } from '@domain/wishes'
import { ApiError } from './ApiError'
import { apiUrl, getChosenOpenid } from './localIdentity'
import { checkLocalPhoto, type LocalPhoto } from './uploadCheck'

/**
 * Browser (local mode): a file input for choosing, the local server's upload endpoint
 * (`POST /__local/upload?cloudPath=…`, server/emulator/PLATFORM.md) for what wx.cloud.uploadFile
 * does on weapp. It answers the same kind of fileID, so the wish stores the same thing.
 */
export function choosePhotos(max: number): Promise<LocalPhoto[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/*'
    input.multiple = max > 1
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, max)
      input.remove()
      // An object URL lives as long as this page; the offline queue uploads before a reload if it can.
      resolve(files.map((f) => ({ path: URL.createObjectURL(f), mime: f.type || 'application/octet-stream', bytes: f.size })))
    })
    input.addEventListener('cancel', () => {
      input.remove()
      resolve([])
    })
    document.body.appendChild(input)
    input.click()
  })
}

export async function uploadPhoto(photo: LocalPhoto, folder: string): Promise<WishPhoto> {
  checkLocalPhoto(photo)
  let body: Blob
  try {
    body = await (await fetch(photo.path)).blob()
  } catch {
    // The page was reloaded since the photo was chosen: its object URL is gone.
    throw new ApiError('WISH.BAD_PHOTO', '照片已失效，请重新选择照片')
  }
  const ext = photo.mime === 'image/png' ? 'png' : photo.mime === 'image/webp' ? 'webp' : 'jpg'
  const cloudPath = `${folder}/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`
  const headers: Record<string, string> = { 'content-type': photo.mime }
  const openid = getChosenOpenid()
  if (openid) headers['x-wx-openid'] = openid
  let answer: { fileID?: unknown; code?: unknown; message?: unknown }
  try {
    const res = await fetch(apiUrl(`/__local/upload?cloudPath=${encodeURIComponent(cloudPath)}`), { method: 'POST', headers, body })
    answer = await res.json()
  } catch (e) {
    throw new ApiError('NETWORK.UNAVAILABLE', '照片上传失败，请检查网络后重试', e instanceof Error ? e.message : e)
  }
  if (typeof answer.fileID !== 'string') {
    throw new ApiError(typeof answer.code === 'string' ? answer.code : 'SYSTEM.INTERNAL', typeof answer.message === 'string' ? answer.message : '照片上传失败，请稍后再试')
  }
  return { fileId: answer.fileID, mime: photo.mime, bytes: photo.bytes }
}
