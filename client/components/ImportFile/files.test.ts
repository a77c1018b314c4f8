import * as h5 from './files.h5'

afterEach(() => {
  jest.restoreAllMocks()
  document.body.innerHTML = ''
})

test('h5: the template downloads under its name as an xlsx blob, leaving nothing behind', async () => {
  const clicked: Array<{ href: string; download: string }> = []
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download })
  })
  const blobs: Blob[] = []
  URL.createObjectURL = jest.fn((b: Blob) => {
    blobs.push(b)
    return 'blob:http://localhost/1'
  })
  URL.revokeObjectURL = jest.fn()
  await h5.saveWorkbook(Buffer.from('PK\u0003\u0004xlsx').toString('base64'), '连心批量导入模板.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(clicked).toEqual([{ href: 'blob:http://localhost/1', download: '连心批量导入模板.xlsx' }])
  expect(blobs[0].type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(blobs[0].size).toBe(8)
  expect(document.querySelectorAll('a')).toHaveLength(0)
})

test('h5: a chosen file comes back as name, size and base64; cancelling gives null', async () => {
  jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
    const file = new File([new Uint8Array([80, 75, 3, 4])], '党员.xlsx')
    Object.defineProperty(this, 'files', { value: [file] })
    this.dispatchEvent(new Event('change'))
  })
  expect(await h5.pickWorkbook()).toEqual({ name: '党员.xlsx', size: 4, base64: 'UEsDBA==' })
  expect(document.querySelectorAll('input')).toHaveLength(0)

  jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
    this.dispatchEvent(new Event('cancel'))
  })
  expect(await h5.pickWorkbook()).toBeNull()
})
