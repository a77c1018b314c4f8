import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { WishAction } from './WishDetail'
import { WishDetailView } from './WishDetail'
import { wishDetail } from './fixture'

afterEach(() => {
  document.body.innerHTML = ''
})

function setup(wish = wishDetail()) {
  const actions: WishAction[] = []
  render(<WishDetailView wish={wish} onAction={async (a) => void actions.push(a)} onPoster={() => actions.push({ verb: 'publish' })} />)
  return actions
}

test('the public sees the wish, masked, with 点亮这个心愿 when they may light it; no contact, no private part', async () => {
  const actions = setup(wishDetail({}, { light: true }))
  expect(screen.getByTestId('wish-title').textContent).toBe('想要一台收音机')
  expect(screen.getByTestId('wish-beneficiary').textContent).toBe('王**（孤寡老人）')
  expect(screen.queryByTestId('wish-contact')).toBeNull()
  expect(screen.queryByTestId('wish-private')).toBeNull()
  expect(document.body.textContent).not.toContain('王秀英')
  fireEvent.click(screen.getByTestId('wish-light'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'light' }]))
})

test('only the steps the caller may take are offered', () => {
  setup(wishDetail({ state: 'lit' }, { deliver: true, giveUp: true }))
  expect(screen.queryByTestId('wish-light')).toBeNull()
  expect(screen.getByTestId('wish-deliver')).toBeTruthy()
  expect(screen.getByTestId('wish-give-up')).toBeTruthy()
  expect(screen.queryByTestId('wish-publish')).toBeNull()
  expect(screen.queryByTestId('wish-confirm')).toBeNull()
})

test('reasons: 退回 opens a form and sends the reason typed', async () => {
  const actions = setup(wishDetail({ state: 'verified', view: 'staff' }, { publish: true, reject: true }))
  fireEvent.click(screen.getByTestId('wish-reject'))
  expect(screen.getByTestId('wish-form').getAttribute('data-verb')).toBe('reject')
  const textarea = screen.getByTestId('wish-form-text')
  const el = textarea.querySelector('textarea') ?? textarea
  fireEvent.input(el, { target: { value: '需求已由亲属解决' } })
  fireEvent.click(screen.getByTestId('wish-form-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'reject', reason: '需求已由亲属解决' }]))
})

test('the claimer sees the grid worker as the contact; staff see the private part', () => {
  setup(wishDetail({ state: 'lit', view: 'claimer', contact: { name: '张敏', phone: '13800001003' }, claim: { name: '李建国', kind: 'member', at: '2026-11-21T02:00:00.000Z', mine: true } }))
  expect(screen.getByTestId('wish-contact').textContent).toContain('张敏 · 13800001003')
  expect(screen.getByTestId('wish-claim').textContent).toContain('我（在职党员）')
  document.body.innerHTML = ''
  setup(
    wishDetail({
      view: 'staff',
      private: {
        beneficiary: { name: '王秀英', phone: '13812341234', buildingId: 'b1', buildingName: '北门花园1栋', room: '2单元501', userId: null },
        photos: [],
        consent: { method: 'verbal', at: '2026-11-20T02:00:00.000Z' },
        visit: { at: '2026-11-20T03:00:00.000Z', note: '已入户核实', byName: '张敏' },
        author: { name: '张敏', as: 'grid_worker' },
      },
    }),
  )
  expect(screen.getByTestId('wish-private').textContent).toContain('王秀英 · 13812341234')
  expect(screen.getByTestId('wish-visit').textContent).toContain('已入户核实')
})

test('rating: stars and thanks', async () => {
  const actions = setup(wishDetail({ state: 'confirmed' }, { rate: true }))
  fireEvent.click(screen.getAllByTestId('wish-star')[3])
  fireEvent.click(screen.getByTestId('wish-rate'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'rate', stars: 4 }]))
})

test('a rejected wish: its writer corrects it and sends it again', async () => {
  const actions = setup(wishDetail({ state: 'rejected', view: 'author', reason: '请写清楚需要什么型号' }, { resubmit: true }))
  expect(screen.getByTestId('wish-reason').textContent).toContain('请写清楚需要什么型号')
  fireEvent.click(screen.getByTestId('wish-edit'))
  expect(screen.getByTestId('wish-edit-form').getAttribute('data-verb')).toBe('resubmit')
  fireEvent.input(screen.getByTestId('wish-edit-value').querySelector('input') ?? screen.getByTestId('wish-edit-value'), { target: { value: '150' } })
  fireEvent.click(screen.getByTestId('wish-edit-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'resubmit', patch: { title: '想要一台收音机', details: '一个人住，想听戏曲频道', estimatedValue: 150 } }]))
})

test('没收到 beside 确认收到: asks the reason, asks once more, then sends; cancelled sends nothing', async () => {
  const asked: string[] = []
  let answer = false
  const actions: WishAction[] = []
  render(
    <WishDetailView
      wish={wishDetail({ state: 'delivered', view: 'beneficiary' }, { confirm: true, disputeDelivery: true })}
      onAction={async (a) => void actions.push(a)}
      confirm={async (title) => {
        asked.push(title)
        return answer
      }}
    />,
  )
  expect(screen.getByTestId('wish-confirm').textContent).toBe('确认收到')
  fireEvent.click(screen.getByTestId('wish-dispute'))
  expect(screen.getByTestId('wish-form').getAttribute('data-verb')).toBe('disputeDelivery')
  const textarea = screen.getByTestId('wish-form-text')
  fireEvent.input(textarea.querySelector('textarea') ?? textarea, { target: { value: '  东西没有送到家里  ' } })
  fireEvent.click(screen.getByTestId('wish-form-submit'))
  await waitFor(() => expect(asked).toEqual(['没收到']))
  // Said no: nothing sent, the reason is still there to send later.
  expect(actions).toEqual([])
  expect(screen.getByTestId('wish-form').getAttribute('data-verb')).toBe('disputeDelivery')
  answer = true
  fireEvent.click(screen.getByTestId('wish-form-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'disputeDelivery', reason: '东西没有送到家里' }]))
  expect(asked).toEqual(['没收到', '没收到'])
})

test('没收到 is not offered to whoever may not say it (the claimer)', () => {
  setup(wishDetail({ state: 'delivered', view: 'claimer' }))
  expect(screen.queryByTestId('wish-dispute')).toBeNull()
  expect(screen.queryByTestId('wish-confirm')).toBeNull()
})
