import type { WishPhoto } from '@domain/wishes'
import { ApiError } from './ApiError'
import type { LocalPhoto } from './uploadCheck'

/**
 * Photos of a wish: chosen on the device, checked (type and size, with the Chinese messages of
 * domain/wishes.ts) before a byte is sent, then uploaded to cloud storage. Taro picks
 * upload.weapp.ts (wx.cloud.uploadFile) or upload.h5.ts (the local emulator's upload endpoint) by
 * file suffix; this fallback is what the type checker sees and what other platforms get.
 */

export async function choosePhotos(_max: number): Promise<LocalPhoto[]> {
  throw new ApiError('SYSTEM.INTERNAL', '当前环境不能选择照片')
}

export async function uploadPhoto(_photo: LocalPhoto, _folder: string): Promise<WishPhoto> {
  throw new ApiError('NETWORK.UNAVAILABLE', '当前环境不能上传照片')
}
