import Taro from '@tarojs/taro'
import type { WishPhoto } from '@domain/wishes'
import { ApiError } from './ApiError'
import { checkLocalPhoto, mimeOfPath, type LocalPhoto } from './uploadCheck'

/** WeChat: the camera or the album; sizes come from the picker, types from the file name. */
export async function choosePhotos(max: number): Promise<LocalPhoto[]> {
  const res = await Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] })
  return res.tempFiles.map((f) => ({ path: f.tempFilePath, mime: mimeOfPath(f.tempFilePath), bytes: f.size }))
}

/** wx.cloud.uploadFile into `<folder>/<random>.<ext>`; the fileID is what the wish stores. */
export async function uploadPhoto(photo: LocalPhoto, folder: string): Promise<WishPhoto> {
  checkLocalPhoto(photo)
  const ext = photo.mime === 'image/png' ? 'png' : photo.mime === 'image/webp' ? 'webp' : 'jpg'
  const cloudPath = `${folder}/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: photo.path })
    return { fileId: res.fileID, mime: photo.mime, bytes: photo.bytes }
  } catch (e) {
    throw new ApiError('NETWORK.UNAVAILABLE', '照片上传失败，请检查网络后重试', e instanceof Error ? e.message : e)
  }
}
