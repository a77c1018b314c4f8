import { checkPhoto } from '@domain/wishes'
import { DomainError } from '@domain/errors'
import { ApiError } from './ApiError'

/** What every platform's upload*.ts shares: the local photo and the checks before sending. */

/** A photo on the device, not yet uploaded. */
export interface LocalPhoto {
  /** weapp: a temp file path; h5: an object URL or data URL. */
  path: string
  mime: string
  bytes: number
}

/** The same checks the cloud function applies, as an ApiError a page can show. */
export function checkLocalPhoto(photo: Pick<LocalPhoto, 'mime' | 'bytes'>): void {
  try {
    checkPhoto(photo)
  } catch (e) {
    if (e instanceof DomainError) throw new ApiError(e.code, e.message, e.details)
    throw e
  }
}

/** The mime type a file name implies; the pickers do not always say. */
export function mimeOfPath(path: string): string {
  const ext = /\.([A-Za-z0-9]+)(?:[?#].*)?$/.exec(path)?.[1]?.toLowerCase()
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg'
  if (ext === 'png') return 'image/png'
  if (ext === 'webp') return 'image/webp'
  if (ext === 'gif') return 'image/gif'
  if (ext === 'heic') return 'image/heic'
  return ext ? `application/x-${ext}` : 'application/octet-stream'
}

