import { stubFetch } from '@/test-support/fetchStub'
import { uploadPhoto } from './upload'
import { checkLocalPhoto, mimeOfPath } from './uploadCheck'

let backend: ReturnType<typeof stubFetch>
afterEach(() => backend?.restore())

// The upload itself goes to the real local endpoint in tests/e2e/wishes.test.ts (the delivery photo).
test('type and size are checked before anything is sent, with the Chinese messages of the domain', async () => {
  backend = stubFetch({})
  expect(() => checkLocalPhoto({ mime: 'application/pdf', bytes: 100 })).toThrow('只能上传 JPG、PNG 或 WebP 格式的照片')
  expect(() => checkLocalPhoto({ mime: 'image/jpeg', bytes: 6 * 1024 * 1024 })).toThrow('照片不能超过5MB')
  expect(() => checkLocalPhoto({ mime: 'image/png', bytes: 0 })).toThrow('照片文件是空的，请重新拍摄')
  await expect(uploadPhoto({ path: 'blob:x', mime: 'image/gif', bytes: 10 }, 'wishes/door')).rejects.toMatchObject({ code: 'WISH.BAD_PHOTO' })
  expect(backend.calls).toEqual([])
  expect(mimeOfPath('wxfile://tmp/a.JPG')).toBe('image/jpeg')
  expect(mimeOfPath('http://tmp/a.webp?x=1')).toBe('image/webp')
})
