import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { CandidateView, OrderDetail } from '@domain/api/orders'
import { ORDER_STATES, type OrderState } from '@domain/orders'
import { OrderActions, availableActions, type OrderAction, type Relation } from './OrderActions'

afterEach(() => {
  document.body.innerHTML = ''
})

const none: Relation = { requester: false, assignee: false, communityAdmin: false, dispatcher: false, member: false }
const requester = { ...none, requester: true }
const assignee = { ...none, member: true, assignee: true }
const member = { ...none, member: true }
const branch = { ...none, dispatcher: true }
const community = { ...none, communityAdmin: true, dispatcher: true }

test.each<[OrderState, Relation, string[]]>([
  ['ordered', community, ['accept', 'decline']],
  ['ordered', branch, []],
  ['ordered', requester, ['cancel']],
  ['accepted', branch, ['recommend']],
  ['accepted', requester, ['cancel']],
  ['pooled', community, ['recommend', 'recall']],
  ['pooled', member, ['claim']],
  ['dispatched_member', assignee, ['acceptDispatch', 'declineDispatch']],
  ['dispatched_member', member, []],
  ['dispatched_member', branch, ['recall']],
  ['claimed', assignee, ['start', 'release']],
  ['claimed', requester, ['cancel']],
  ['in_progress', assignee, ['finish']],
  ['in_progress', requester, []],
  ['done', requester, ['confirm', 'complain']],
  ['done', assignee, []],
  ['complained', community, ['recommend', 'resolve']],
  ['confirmed', requester, []],
  ['accepted', { ...branch, poolCommunityId: 'org-beimen' }, ['recommend', 'pool']],
  ['complained', { ...community, poolCommunityId: 'org-beimen' }, ['recommend', 'pool', 'resolve']],
  ['pooled', { ...community, poolCommunityId: 'org-beimen' }, ['recommend', 'recall']],
])('%s as %o → %j', (state, rel, verbs) => {
  expect(availableActions({ state }, rel)).toEqual(verbs)
})

test('nobody gets a button on a finished order', () => {
  const all = { requester: true, assignee: true, communityAdmin: true, dispatcher: true, member: true }
  for (const s of ORDER_STATES.filter((s) => ['declined', 'merged', 'confirmed', 'closed', 'cancelled'].includes(s))) expect(availableActions({ state: s }, all)).toEqual([])
})

const order = (state: OrderState) => ({ id: 'o1', state }) as OrderDetail

function setup(state: OrderState, rel: Relation, candidates: CandidateView[] = []) {
  const actions: OrderAction[] = []
  render(
    <OrderActions
      order={order(state)}
      relation={rel}
      onAction={async (a) => {
        actions.push(a)
      }}
      onRecommend={async () => candidates}
    />,
  )
  return actions
}

test('finish: the hours stepper in half hours and the note go with it', async () => {
  const actions = setup('in_progress', assignee)
  fireEvent.click(screen.getByTestId('order-finish'))
  fireEvent.click(screen.getByTestId('order-hours-more'))
  fireEvent.click(screen.getByTestId('order-hours-more'))
  fireEvent.click(screen.getByTestId('order-hours-less'))
  expect(screen.getByTestId('order-hours').textContent).toBe('1.5小时')
  fireEvent.input(screen.getByTestId('order-form-text'), { target: { value: ' 已更换水管接头 ' } })
  fireEvent.click(screen.getByTestId('order-form-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'finish', note: '已更换水管接头', hours: 1.5 }]))
})

test('confirm: stars and a comment; at two stars the form asks what was wrong', async () => {
  const actions = setup('done', requester)
  fireEvent.click(screen.getByTestId('order-confirm'))
  expect(screen.getByTestId('order-stars').textContent).toBe('5星')
  fireEvent.click(screen.getAllByTestId('order-star')[1])
  expect(screen.getByTestId('order-stars').textContent).toBe('2星，请写下不满意的地方')
  fireEvent.click(screen.getAllByTestId('order-star')[3])
  fireEvent.input(screen.getByTestId('order-form-text'), { target: { value: '很及时，谢谢' } })
  fireEvent.click(screen.getByTestId('order-form-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'confirm', stars: 4, comment: '很及时，谢谢' }]))
})

test('recommend shows the ranking; 派单 dispatches the member pressed', async () => {
  const candidates: CandidateView[] = [{ id: 'u-li', name: '李建国', score: 80, parts: { skill: 60, near: 0, freeTime: 0, load: 15, balance: 5 }, reasons: ['擅长水电维修'] }]
  const actions = setup('accepted', branch, candidates)
  fireEvent.click(screen.getByTestId('order-recommend'))
  await screen.findByTestId('order-candidate')
  fireEvent.click(screen.getByTestId('order-candidate-dispatch'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'dispatch', memberId: 'u-li', name: '李建国' }]))
})

test('cancel with no reason sends none; decline sends the reason typed', async () => {
  const actions = setup('ordered', { ...community, requester: true })
  fireEvent.click(screen.getByTestId('order-cancel'))
  expect(screen.getByTestId('order-form').getAttribute('data-verb')).toBe('cancel')
  fireEvent.click(screen.getByTestId('order-form-submit'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'cancel' }]))
  fireEvent.click(screen.getByTestId('order-decline'))
  fireEvent.input(screen.getByTestId('order-form-text'), { target: { value: '不在服务范围' } })
  fireEvent.click(screen.getByTestId('order-form-submit'))
  await waitFor(() => expect(actions[1]).toEqual({ verb: 'decline', reason: '不在服务范围' }))
})

test('放入社区领单池 pools into the order’s community', async () => {
  const actions = setup('accepted', { ...branch, poolCommunityId: 'org-beimen' })
  fireEvent.click(screen.getByTestId('order-pool'))
  await waitFor(() => expect(actions).toEqual([{ verb: 'pool', communityId: 'org-beimen' }]))
})
