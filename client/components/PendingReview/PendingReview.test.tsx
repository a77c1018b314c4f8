import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { PendingItem } from '@domain/api'
import { confirmUnit, rejectUnit } from '@/services/registration'
import { stubFetch } from '@/test-support/fetchStub'
import { pendingItem, registrationBackend } from '@/test-support/registration'
import { PendingReview } from './PendingReview'

let backend: ReturnType<typeof stubFetch>
let showToast: jest.SpyInstance

beforeEach(() => {
  showToast = jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  document.body.innerHTML = ''
})

const people = [pendingItem('reg-a', '马小兵'), pendingItem('reg-b', '赵小红', { buildingName: null, skills: [] }), pendingItem('reg-c', '钱大勇')]

function renderList(items: PendingItem[] = people, fake = registrationBackend({ pending: items })) {
  backend = stubFetch({ '/api/registration': fake.handler })
  const onRejected = jest.fn()
  render(
    <PendingReview
      items={items}
      total={items.length}
      onConfirm={(ids) => confirmUnit(ids)}
      onReject={async (id, reason) => {
        await rejectUnit(id, reason)
        onRejected(id)
      }}
    />,
  )
  return { fake, onRejected }
}

const item = (name: string) => screen.getAllByTestId('pending-item').find((i) => i.textContent?.includes(name))!

test('lists each person with phone, unit, community and building', () => {
  renderList()
  expect(screen.getByTestId('pending-total').textContent).toBe('共 3 条待审核')
  expect(item('马小兵').textContent).toContain('手机：13912345678')
  expect(item('马小兵').textContent).toContain('县水利局 · 北门社区 · 北门花园2栋')
  expect(item('马小兵').textContent).toContain('特长：水电维修')
  expect(item('马小兵').textContent).toContain('提交于 2026-11-22 10:30')
  expect(item('赵小红').textContent).toContain('县水利局 · 北门社区')
  expect(item('赵小红').textContent).not.toContain('特长')
})

test('tick two people, 批量确认: only they are sent, and the result is shown', async () => {
  renderList()
  fireEvent.click(within(item('马小兵')).getByTestId('pending-select'))
  fireEvent.click(within(item('钱大勇')).getByTestId('pending-select'))
  expect(item('马小兵').getAttribute('data-selected')).toBe('true')
  expect(screen.getByTestId('pending-count').textContent).toBe('已选 2 人')

  fireEvent.click(screen.getByText('批量确认'))

  expect((await screen.findByTestId('pending-outcome-done')).textContent).toBe('已确认 2 人')
  expect(backend.to('/api/registration').map((c) => c.body)).toEqual([{ action: 'confirmUnit', ids: ['reg-a', 'reg-c'] }])
  expect(screen.getByTestId('pending-count').textContent).toBe('已选 0 人')
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已确认 2 人' }))
})

test('全选 ticks everyone (and again clears); a failure is named with its reason', async () => {
  const fake = registrationBackend({ pending: people })
  renderList(people, fake)
  fireEvent.click(screen.getByText('全选'))
  expect(screen.getAllByTestId('pending-item').map((i) => i.getAttribute('data-selected'))).toEqual(['true', 'true', 'true'])
  fireEvent.click(screen.getByText('取消全选'))
  expect(screen.getByTestId('pending-count').textContent).toBe('已选 0 人')
  fireEvent.click(screen.getByText('全选'))

  // Someone else handled 赵小红 in the meantime.
  fake.takeAway('reg-b')
  fireEvent.click(screen.getByText('批量确认'))

  expect((await screen.findByTestId('pending-outcome-done')).textContent).toBe('已确认 2 人，1 人未成功：')
  expect(screen.getAllByTestId('pending-outcome-failure').map((f) => f.textContent)).toEqual([
    '赵小红：这份报到刚刚被其他人处理过，请刷新后再试',
  ])
})

test('批量确认 with nobody ticked asks to tick first and sends nothing', () => {
  renderList()
  fireEvent.click(screen.getByText('批量确认'))
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先勾选要确认的人' }))
  expect(backend.calls).toHaveLength(0)
})

test('退回 needs a reason (checked before sending), then sends it', async () => {
  const { onRejected } = renderList()
  fireEvent.click(within(item('赵小红')).getByText('退回'))
  const form = screen.getByTestId('pending-reject-form')
  fireEvent.input(within(form).getByTestId('pending-reject-reason'), { target: { value: '不' } })
  fireEvent.click(within(form).getByText('确认退回'))
  expect((await screen.findByTestId('pending-reject-error')).textContent).toBe('原因至少写两个字')
  expect(backend.calls).toHaveLength(0)

  fireEvent.input(within(form).getByTestId('pending-reject-reason'), { target: { value: '不是本单位职工' } })
  fireEvent.click(within(form).getByText('确认退回'))
  await waitFor(() => expect(onRejected).toHaveBeenCalledWith('reg-b'))
  expect(backend.to('/api/registration').map((c) => c.body)).toEqual([{ action: 'rejectUnit', id: 'reg-b', reason: '不是本单位职工' }])
  expect(screen.queryByTestId('pending-reject-form')).toBeNull()
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已退回赵小红的报到' }))
})

test('取消 closes the reason box without sending', () => {
  renderList()
  fireEvent.click(within(item('马小兵')).getByText('退回'))
  fireEvent.click(screen.getByText('取消'))
  expect(screen.queryByTestId('pending-reject-form')).toBeNull()
  expect(backend.calls).toHaveLength(0)
})

test('a refused confirmation shows the reason instead of a result', async () => {
  backend = stubFetch({
    '/api/registration': () => ({ status: 403, json: { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' } }),
  })
  render(<PendingReview items={people} total={3} onConfirm={(ids) => confirmUnit(ids)} onReject={async () => {}} />)
  fireEvent.click(within(item('马小兵')).getByTestId('pending-select'))
  fireEvent.click(screen.getByText('批量确认'))
  expect((await screen.findByTestId('pending-outcome-error')).textContent).toBe('您没有权限进行这个操作')
  // Still ticked, so it can be tried again.
  expect(screen.getByTestId('pending-count').textContent).toBe('已选 1 人')
})

test('nobody waiting: says so plainly', () => {
  renderList([])
  expect(screen.getByTestId('pending-empty').textContent).toBe('暂无待审核的报到')
  expect(screen.queryByText('批量确认')).toBeNull()
})

test('the buttons are the rows\' `can`: a county admin, who lists but does not decide, sees neither tick nor 退回', () => {
  const onlyLooking = people.map((p) => ({ ...p, can: [] }))
  renderList(onlyLooking)
  expect(screen.getAllByTestId('pending-item')).toHaveLength(3)
  expect(screen.queryByText('批量确认')).toBeNull()
  expect(screen.queryByTestId('pending-select-all')).toBeNull()
  expect(screen.queryByTestId('pending-reject-open')).toBeNull()
  expect(screen.getByTestId('pending-view-only').textContent).toContain('您可以查看')
  fireEvent.click(within(item('马小兵')).getByTestId('pending-select'))
  expect(item('马小兵').getAttribute('data-selected')).toBe('false')
})
