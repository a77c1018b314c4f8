import Taro from '@tarojs/taro'
import * as h5 from './saveImage.h5'
import * as weapp from './saveImage.weapp'

const DATA_URL = 'data:image/png;base64,iVBORw0KGgo='

afterEach(() => jest.restoreAllMocks())

test('h5: downloads the data URL under the given name, leaving nothing behind', async () => {
  const clicked: Array<{ href: string; download: string }> = []
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download })
  })
  expect(h5.canSaveImage).toBe(true)
  await h5.saveImage(DATA_URL, '报到邀请码-北门社区.png')
  expect(clicked).toEqual([{ href: DATA_URL, download: '报到邀请码-北门社区.png' }])
  expect(document.querySelectorAll('a')).toHaveLength(0)
})

test('weapp: opens the image full screen, where a long press saves it', async () => {
  const previewImage = jest.spyOn(Taro, 'previewImage').mockImplementation(async () => ({ errMsg: 'previewImage:ok' }))
  expect(weapp.canSaveImage).toBe(true)
  await weapp.saveImage(DATA_URL, 'x.png')
  expect(previewImage).toHaveBeenCalledWith({ urls: [DATA_URL], current: DATA_URL })
})
