import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { stubFetch, type StubAnswer } from '@/test-support/fetchStub'
import { exportList } from '@/services/exports'
import { exportOrders } from '@/services/exportOrders'
import { ExportButton } from './ExportButton'

let backend: ReturnType<typeof stubFetch>
/** Links the page clicked; the click is real, only jsdom's navigation (not implemented there) is cancelled. */
let clicked: HTMLAnchorElement[] = []
const onClick = (e: MouseEvent) => {
  if (e.target instanceof HTMLAnchorElement) {
    clicked.push(e.target)
    e.preventDefault()
  }
}
beforeEach(() => {
  clicked = []
  document.addEventListener('click', onClick)
})
afterEach(() => {
  document.removeEventListener('click', onClick)
  backend?.restore()
  document.body.innerHTML = ''
})

const FILE = { fileId: 'cloud://env.bucket/exports/20261204/abc.xlsx', url: 'http://localhost/cos/bucket/exports/20261204/abc.xlsx?sign=x&t=1', rows: 42, name: '北门社区党员_20261204.xlsx' }

/** An export endpoint that answers only when told to, so the busy state can be seen. */
function slowBackend(answer: StubAnswer) {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  backend = stubFetch({
    '/api/exports': async () => {
      await gate
      return answer
    },
  })
  return { release }
}

test('sends the page filters to the list export, shows 正在导出… (a second tap sends nothing), then 已导出 N 行 and hands over the file', async () => {
  const { release } = slowBackend({ json: { code: 0, data: FILE } })
  render(<ExportButton list='communityMembers' run={() => exportList('communityMembers', { communityId: 'org-beimen', state: 'all', buildingId: 'org-beimen-b1' })} />)
  const button = screen.getByTestId('export-button')
  expect(button.textContent).toBe('导出 Excel')

  fireEvent.click(button)
  await waitFor(() => expect(button.textContent).toBe('正在导出…'))
  expect(button.getAttribute('aria-disabled')).toBe('true')
  fireEvent.click(button)
  release()

  await waitFor(() => expect(screen.getByTestId('export-status').textContent).toBe('已导出 42 行'))
  expect(button.textContent).toBe('导出 Excel')
  expect(backend.calls).toHaveLength(1)
  expect(backend.calls[0].body).toEqual({ action: 'communityMembers', communityId: 'org-beimen', state: 'all', buildingId: 'org-beimen-b1' })
  // h5: the file is saved from its temporary URL under its own name.
  const link = screen.getByTestId('export-link') as HTMLAnchorElement
  expect(link.href).toBe(FILE.url)
  expect(link.download).toBe(FILE.name)
  expect(clicked).toEqual([link])
})

test('a refusal is shown in words and the button can be pressed again', async () => {
  const { release } = slowBackend({ status: 200, json: { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' } })
  release()
  render(<ExportButton list='unitOrders' run={() => exportOrders('unitOrders', {})} />)
  fireEvent.click(screen.getByTestId('export-button'))
  await waitFor(() => expect(screen.getByTestId('export-error').textContent).toBe('您没有权限进行这个操作'))
  expect(screen.queryByTestId('export-status')).toBeNull()
  expect(screen.queryByTestId('export-link')).toBeNull()
  expect(clicked).toEqual([])
  fireEvent.click(screen.getByTestId('export-button'))
  await waitFor(() => expect(backend.calls).toHaveLength(2))
})

test('disabled: nothing is sent', async () => {
  backend = stubFetch({ '/api/exports': () => ({ json: { code: 0, data: FILE } }) })
  render(<ExportButton run={() => exportList('hours', { scope: 'community', scopeId: 'org-beimen', year: 2026 })} disabled />)
  fireEvent.click(screen.getByTestId('export-button'))
  await new Promise((r) => setTimeout(r, 20))
  expect(backend.calls).toHaveLength(0)
})
