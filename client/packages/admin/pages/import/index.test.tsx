import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import ImportPage from './index'

// jsdom has neither WeChat's nor the browser's file chooser: the platform's picker and saver are
// doubled; the backend is the h5 transport over a stubbed fetch.
const picked: { name: string; size: number; base64: string }[] = []
const saved: string[] = []
jest.mock('@/components/ImportFile/files', () => ({
  canHandleFiles: true,
  pickWorkbook: async () => picked.shift() ?? null,
  saveWorkbook: async (_b: string, fileName: string) => void saved.push(fileName),
}))

let backend: ReturnType<typeof stubFetch>
beforeEach(() => {
  whoAmIStore.reset()
  picked.length = 0
  saved.length = 0
})
afterEach(() => backend?.restore())

const ok = (data: unknown) => ({ json: { code: 0, data } })
const ADMIN = who({ id: 'u-chen', displayName: '陈红', roles: [role('resident'), { ...role('community_admin', '北门社区'), scopeId: 'org-beimen' }], activeRole: 'community_admin' })
const COUNTY = who({ id: 'u-zhao', displayName: '赵志强', roles: [{ ...role('county_admin', '龙门县'), scopeId: 'org-longmen' }], activeRole: 'county_admin' })
const sent = () => backend.to('/api/imports').map((c) => c.body as Record<string, unknown>)

test('陈书记 (community admin) gets the households workbook only: its template, a rejected file row by row, then a good one checked and imported', async () => {
  let bad = true
  backend = stubFetch({
    '/api/users': usersBackend(ADMIN),
    '/api/imports': (req) => {
      const body = req.body as { action: string; dryRun?: boolean }
      if (body.action === 'householdsTemplate') return ok({ fileName: '连心住户导入模板.xlsx', contentType: 'application/xlsx', base64: 'UEs=' })
      if (body.action !== 'importHouseholds') return { status: 403, json: { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' } }
      if (bad)
        return {
          status: 400,
          json: {
            code: 'IMPORT.INVALID_ROWS',
            message: '表格中有1行有错误，没有导入任何住户，请改正后重新导入',
            details: { errors: [{ sheet: '住户', row: 3, column: '楼栋', message: '您负责的范围内没有「北门花园9栋」这个楼栋（楼栋在组织架构中建立）' }], more: 0, summary: { households: 1, residents: 1 } },
          },
        }
      return ok({ importId: body.dryRun ? null : 'imp-1', dryRun: !!body.dryRun, summary: { households: 3, residents: 4 } })
    },
  })
  render(<ImportPage />)
  const board = await screen.findByTestId('import-board')
  expect(board.getAttribute('data-kind')).toBe('households')
  expect(screen.getAllByTestId('import-board')).toHaveLength(1)
  expect(board.textContent).toContain('楼栋、门牌号、姓名、电话、标签、出生年份、备注')

  fireEvent.click(within(board).getByTestId('import-template'))
  await waitFor(() => expect(saved).toEqual(['连心住户导入模板.xlsx']))
  expect(sent()[0]).toEqual({ action: 'householdsTemplate' })

  picked.push({ name: '住户-有错.xlsx', size: 2000, base64: 'UEsDBA==' })
  fireEvent.click(within(board).getByTestId('import-choose'))
  const error = await within(board).findByTestId('import-error')
  expect(error.getAttribute('data-sheet')).toBe('住户')
  expect(error.textContent).toContain('住户 第3行')
  expect(error.textContent).toContain('没有「北门花园9栋」这个楼栋')
  expect(within(board).queryByTestId('import-confirm')).toBeNull()

  bad = false
  picked.push({ name: '住户.xlsx', size: 2000, base64: 'UEsDBA==' })
  fireEvent.click(within(board).getByTestId('import-choose'))
  await within(board).findByTestId('import-check-ok')
  expect(within(board).getByTestId('import-summary-households').textContent).toBe('新增住户3 户')
  expect(within(board).getByTestId('import-summary-residents').textContent).toBe('登记居民4 人')
  fireEvent.click(within(board).getByTestId('import-confirm'))
  await within(board).findByTestId('import-done')
  expect(sent().filter((b) => b.action === 'importHouseholds').map((b) => [b.fileName, b.dryRun])).toEqual([
    ['住户-有错.xlsx', true],
    ['住户.xlsx', true],
    ['住户.xlsx', false],
  ])
})

test('a county admin gets the members workbook only; a member neither', async () => {
  backend = stubFetch({ '/api/users': usersBackend(COUNTY) })
  const view = render(<ImportPage />)
  const board = await screen.findByTestId('import-board')
  expect(board.getAttribute('data-kind')).toBe('workbook')
  expect(screen.getAllByTestId('import-board')).toHaveLength(1)
  view.unmount()
  backend.restore()
  whoAmIStore.reset()
  backend = stubFetch({ '/api/users': usersBackend(who({ roles: [role('resident'), role('member', '北门社区')], activeRole: 'member' })) })
  render(<ImportPage />)
  await screen.findByTestId('import-no-scope')
  expect(screen.queryByTestId('import-board')).toBeNull()
})
