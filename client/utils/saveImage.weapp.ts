import Taro from '@tarojs/taro'

/**
 * WeChat: saveImageToPhotosAlbum wants a file path, so instead open the image full screen
 * (previewImage); a long press there offers 保存图片 and 识别小程序码.
 */
export const canSaveImage: boolean = true

export async function saveImage(dataUrl: string, _fileName: string): Promise<void> {
  await Taro.previewImage({ urls: [dataUrl], current: dataUrl })
}
