import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { CandidateView, OrderDetail } from '@domain/api/orders'
import { ORDER_VERBS, type OrderState, type OrderVerb } from '@domain/orders'
import { OrderActions, availableActions, poolOf, type OrderAction, type PickOption, type PickVerb } from './OrderActions'

afterEach(() => {
  document.body.innerHTML = ''
})

// Exactly the verbs the function lists, in the page's order; dispatching to a member is the recommendation sheet.
test.each<[OrderVerb[], string[]]>([
  [['accept', 'decline', 'merge', 'cancel'], ['accept', 'decline', 'merge', 'cancel']],
  [['dispatchToMember', 'dispatchToUnit', 'pool', 'recall'], ['recommend', 'dispatchToUnit', 'pool', 'recall']],
  [['recall', 'dispatchToMember'], ['recommend', 'recall']],
  [['passToMember'], ['passToMember']],
  [['acceptDispatch', 'declineDispatch'], ['acceptDispatch', 'declineDispatch']],
  [['claim'], ['claim']],
  [['start', 'release', 'cancel'], ['start', 'release', 'cancel']],
  [['finish'], ['finish']],
  [['confirm', 'complain'], ['confirm', 'complain']],
  [['dispatchToMember', 'dispatchToUnit', 'pool', 'resolve'], ['recommend', 'dispatchToUnit', 'pool', 'resolve']],
  [['close'], []],
  [[], []],
])('can %j → buttons %j', (can, verbs) => {
  expect(availableActions({ can })).toEqual(verbs)
})

test('every verb a person may press has a button, and nothing else does', () => {
  const pressable = ORDER_VERBS.filter((v) => v !== 'close')
  expect(availableActions({ can: pressable })).toHaveLength(pressable.length)
  expect(availableActions({ can: ['close'] })).toEqual([])
})

test('no buttons and no error: nothing is drawn', () => {
  render(<OrderActions order={order('closed', [])} onAction={async () => {}} onRecommend={async () => []} />)
  expect(screen.queryByTestId('order-actions')).toBeNull()
})

const order = (state: OrderState, can: OrderVerb[]) => ({ id: 'o1', state, can }) as OrderDetail

interface Setup {
  candidates?: CandidateView[]
  options?: Partial<Record<PickVerb, PickOption[]>>
  /** What the confirmation modal answers (null: it must not be asked). */
  answer?: boolean | null
}

function setup(o: OrderDetail, { candidates = [], options = {}, answer = true }: Setup = {}) {
  const actions: OrderAction[] = []
  const asked: string[] = []
  render(
    <OrderActions
      order={o}
      onAction={async (a) => {
        actions.push(a)
      }}
      onRecommend={async () => candidates}
      onOptions={async (verb) => options[verb] ?? []}
      confirm={async (title) => {
        if (answer === null) throw new Error(`asked unexpectedly: ${title}`)
        asked.push(title)
        return answer
      }}
    />,
  )
  return { actions, asked }
}

test('finish: the hours stepper in half hours and the note go with it, no question asked', async () => {
  const { actions } = setup(order('in_progress', ['finish']), { answer: null })
  fireEvent.click(screen.getByTestId('order-finish'))
  fireEvent.click(screen.getByTestId('order-hours-more'))
  fireEvent.click(screen.getByTestId('order-hours-more'))
  fireEvent.click(screen.getByTestId('order-hours-less'))
  expect(screen.getByTestId('order-hours').textContent).toBe('1.5小时')
  fireEvent.input(screen.getByTestId('order-form-text'), { target: { value: ' 已更换水管接头 ' } })
  fireEvent.click(screen.getByTestId('order-form-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'finish', note: '已更换水管接头', hours: 1.5 }]))
})

test('confirm: stars and a comment; at two stars the form asks what was wrong; confirmed once more before it is sent', async () => {
  const { actions, asked } = setup(order('done', ['confirm', 'complain']))
  fireEvent.click(screen.getByTestId('order-confirm'))
  expect(screen.getByTestId('order-stars').textContent).toBe('5星')
  fireEvent.click(screen.getAllByTestId('order-star')[1])
  expect(screen.getByTestId('order-stars').textContent).toBe('2星，请写下不满意的地方')
  fireEvent.click(screen.getAllByTestId('order-star')[3])
  fireEvent.input(screen.getByTestId('order-form-text'), { target: { value: '很及时，谢谢' } })
  fireEvent.click(screen.getByTestId('order-form-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'confirm', stars: 4, comment: '很及时，谢谢' }]))
  expect(asked).toEqual(['确认服务已完成？'])
})

test('recommend shows the ranking; 派单 dispatches the member pressed', async () => {
  const candidates: CandidateView[] = [{ id: 'u-li', name: '李建国', score: 80, parts: { skill: 60, near: 0, freeTime: 0, load: 15, balance: 5 }, reasons: ['擅长水电维修'] }]
  const { actions } = setup(order('accepted', ['dispatchToMember']), { candidates, answer: null })
  fireEvent.click(screen.getByTestId('order-recommend'))
  await screen.findByTestId('order-candidate')
  fireEvent.click(screen.getByTestId('order-candidate-dispatch'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'dispatch', memberId: 'u-li', name: '李建国' }]))
})

test('cancel with no reason sends none after the question; decline sends the reason typed', async () => {
  const { actions, asked } = setup(order('ordered', ['accept', 'decline', 'cancel']))
  fireEvent.click(screen.getByTestId('order-cancel'))
  expect(screen.getByTestId('order-form').getAttribute('data-verb')).toBe('cancel')
  fireEvent.click(screen.getByTestId('order-form-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'cancel' }]))
  fireEvent.click(screen.getByTestId('order-decline'))
  fireEvent.input(screen.getByTestId('order-form-text'), { target: { value: '不在服务范围' } })
  fireEvent.click(screen.getByTestId('order-form-submit'))
  await waitFor(() => expect(actions[1]).toEqual({ verb: 'decline', reason: '不在服务范围' }))
  expect(asked).toEqual(['取消这个服务单？', '不受理这个服务单？'])
})

test('saying no to the question sends nothing and keeps the form', async () => {
  const { actions, asked } = setup(order('complained', ['resolve']), { answer: false })
  fireEvent.click(screen.getByTestId('order-resolve'))
  fireEvent.input(screen.getByTestId('order-form-text'), { target: { value: '已与居民沟通' } })
  fireEvent.click(screen.getByTestId('order-form-submit'))
  await waitFor(() => expect(asked).toEqual(['办结这个投诉？']))
  expect(actions).toEqual([])
  expect(screen.getByTestId('order-form').getAttribute('data-verb')).toBe('resolve')
})

test('放入领单池: the community or one of its grids, chosen from the list', async () => {
  const pools: PickOption[] = [
    { id: 'community:org-beimen', name: '北门社区领单池' },
    { id: 'grid:org-beimen-grid-1', name: '北门第一网格领单池', hint: '北门花园的党员可领' },
  ]
  const { actions } = setup(order('accepted', ['pool']), { options: { pool: pools }, answer: null })
  fireEvent.click(screen.getByTestId('order-pool'))
  const pick = await screen.findByTestId('order-pick')
  expect(pick.getAttribute('data-verb')).toBe('pool')
  // Nothing chosen yet: the button waits.
  fireEvent.click(screen.getByTestId('order-pick-submit'))
  const grid = within(pick).getAllByTestId('order-option')[1]
  fireEvent.click(grid)
  expect(grid.getAttribute('data-selected')).toBe('true')
  fireEvent.click(screen.getByTestId('order-pick-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'pool', pool: { kind: 'grid', id: 'org-beimen-grid-1' } }]))
})

test('派给结对单位 and 转派给本单位党员 send the one picked; a single choice is picked already', async () => {
  const { actions } = setup(order('accepted', ['dispatchToUnit', 'passToMember']), {
    options: { dispatchToUnit: [{ id: 'unit-water-bureau', name: '县水利局', hint: '机关 · 已报到党员 1 人' }], passToMember: [{ id: 'u-li', name: '李建国' }, { id: 'u-huang', name: '黄志明' }] },
    answer: null,
  })
  fireEvent.click(screen.getByTestId('order-dispatchToUnit'))
  await screen.findByTestId('order-pick')
  expect(screen.getByTestId('order-option').getAttribute('data-selected')).toBe('true')
  fireEvent.click(screen.getByTestId('order-pick-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'dispatchToUnit', unitId: 'unit-water-bureau', name: '县水利局' }]))
  fireEvent.click(await screen.findByTestId('order-passToMember'))
  fireEvent.click((await screen.findAllByTestId('order-option'))[1])
  fireEvent.click(screen.getByTestId('order-pick-submit'))
  await waitFor(() => expect(actions[1]).toEqual({ verb: 'passToMember', memberId: 'u-huang', name: '黄志明' }))
})

test('合并: picks the duplicate and asks first; an empty list says so and offers no button', async () => {
  const { actions, asked } = setup(order('ordered', ['merge']), { options: { merge: [{ id: 'o-2', name: '厨房水管漏水', hint: '王秀英 · 1栋 · 待派单' }] } })
  fireEvent.click(screen.getByTestId('order-merge'))
  await screen.findByTestId('order-pick')
  fireEvent.click(screen.getByTestId('order-pick-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'merge', intoId: 'o-2', name: '厨房水管漏水' }]))
  expect(asked).toEqual(['合并到重复的服务单？'])

  document.body.innerHTML = ''
  setup(order('ordered', ['merge']))
  fireEvent.click(screen.getByTestId('order-merge'))
  expect((await screen.findByTestId('order-pick-empty')).textContent).toBe('本社区没有其他未办结的服务单。')
  expect(screen.queryByTestId('order-pick-submit')).toBeNull()
})

test('poolOf reads the pool a choice names', () => {
  expect(poolOf('grid:org-beimen-grid-1')).toEqual({ kind: 'grid', id: 'org-beimen-grid-1' })
  expect(poolOf('community:org-beimen')).toEqual({ kind: 'community', id: 'org-beimen' })
  expect(poolOf('org-beimen')).toBeNull()
})
