import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ActivityButton } from '@domain/api/activities'
import { ActivityActions, attendanceVerb, availableButtons, type ActivityAction } from './ActivityActions'

afterEach(() => {
  document.body.innerHTML = ''
})

const yes = async () => true
const no = async () => false

function setup(can: ActivityButton[], opts: { confirm?: () => Promise<boolean>; scan?: () => Promise<{ result: string; path: string } | null>; fail?: boolean } = {}) {
  const sent: ActivityAction[] = []
  const onAction = jest.fn(async (a: ActivityAction) => {
    sent.push(a)
    if (opts.fail) throw new Error('refused')
  })
  render(<ActivityActions activity={{ id: 'act-1', can }} onAction={onAction} confirm={opts.confirm ?? yes} scan={opts.scan ?? null} />)
  return { sent, onAction }
}

test('buttons follow can: showCode and scanCard are one 签到管理, adjust and book one 核对时长', () => {
  expect(availableButtons(['cancel', 'showCode', 'scanCard', 'closeSignup', 'hold'])).toEqual(['console', 'closeSignup', 'hold', 'cancel'])
  expect(availableButtons(['adjust', 'book'])).toEqual(['hours'])
  expect(availableButtons(['checkIn', 'checkOut'])).toEqual([])
  expect(attendanceVerb(['withdraw', 'checkOut'])).toBe('checkOut')
  expect(attendanceVerb(['signUp'])).toBeNull()
})

test('nothing to press, nothing shown', () => {
  const { container } = render(<ActivityActions activity={{ id: 'act-1', can: [] }} onAction={async () => {}} confirm={yes} scan={null} />)
  expect(container.textContent).toBe('')
})

test('报名 goes straight to the page; 取消报名 asks first and stops on 取消', async () => {
  const { sent } = setup(['signUp', 'withdraw'], { confirm: no })
  expect(screen.getByTestId('activity-actions').getAttribute('data-verbs')).toBe('signUp withdraw')
  fireEvent.click(screen.getByTestId('activity-signUp'))
  await waitFor(() => expect(sent).toEqual([{ verb: 'signUp' }]))
  fireEvent.click(screen.getByTestId('activity-withdraw'))
  await new Promise((r) => setTimeout(r, 0))
  expect(sent).toEqual([{ verb: 'signUp' }])
})

test('the typed code: 6 digits are sent with the verb can offers; anything else is named here', async () => {
  const { sent } = setup(['checkIn'])
  expect(screen.getByTestId('activity-checkin').getAttribute('data-verb')).toBe('checkIn')
  // h5 has no scanner: only the typed code.
  expect(screen.queryByTestId('activity-scan')).toBeNull()
  fireEvent.input(screen.getByTestId('activity-code'), { target: { value: '12345' } })
  fireEvent.click(screen.getByTestId('activity-code-submit'))
  expect(screen.getByTestId('activity-problem').textContent).toBe('签到码是6位数字')
  expect(sent).toEqual([])
  fireEvent.input(screen.getByTestId('activity-code'), { target: { value: '123456' } })
  fireEvent.click(screen.getByTestId('activity-code-submit'))
  await waitFor(() => expect(sent).toEqual([{ verb: 'checkIn', code: '123456' }]))
  expect(screen.queryByTestId('activity-problem')).toBeNull()
})

test('签退 uses the same panel', async () => {
  const { sent } = setup(['checkOut'])
  expect(screen.getByTestId('activity-code-submit').textContent).toBe('签退')
  fireEvent.input(screen.getByTestId('activity-code'), { target: { value: '654321' } })
  fireEvent.click(screen.getByTestId('activity-code-submit'))
  await waitFor(() => expect(sent).toEqual([{ verb: 'checkOut', code: '654321' }]))
})

test('a scan of this activity’s code checks in; another activity’s code is refused here, before anything is sent', async () => {
  let next = { result: '', path: 'packages/activities/pages/detail/index?scene=k%3Aact-2%3A111111' }
  const { sent } = setup(['checkIn'], { scan: async () => next })
  fireEvent.click(screen.getByTestId('activity-scan'))
  await screen.findByTestId('activity-problem')
  expect(screen.getByTestId('activity-problem').textContent).toBe('这不是本活动的签到码')
  expect(sent).toEqual([])
  next = { result: '', path: 'packages/activities/pages/detail/index?scene=k%3Aact-1%3A222222' }
  fireEvent.click(screen.getByTestId('activity-scan'))
  await waitFor(() => expect(sent).toEqual([{ verb: 'checkIn', code: '222222' }]))
})

test('取消活动 needs a reason of two characters or more, then asks, then sends it', async () => {
  const confirm = jest.fn(yes)
  const { sent } = setup(['publish', 'cancel'], { confirm })
  fireEvent.click(screen.getByTestId('activity-cancel'))
  expect(screen.getByTestId('activity-form').getAttribute('data-verb')).toBe('cancel')
  // The form replaces the buttons, so nothing else is pressed by mistake.
  expect(screen.queryByTestId('activity-publish')).toBeNull()
  fireEvent.input(screen.getByTestId('activity-form-text'), { target: { value: ' 雨 ' } })
  fireEvent.click(screen.getByTestId('activity-form-submit'))
  expect(screen.getByTestId('activity-problem').textContent).toBe('请填写原因（至少两个字）')
  fireEvent.input(screen.getByTestId('activity-form-text'), { target: { value: ' 天气原因改期 ' } })
  fireEvent.click(screen.getByTestId('activity-form-submit'))
  await waitFor(() => expect(sent).toEqual([{ verb: 'cancel', reason: '天气原因改期' }]))
  expect(confirm).toHaveBeenCalledWith('取消这个活动？', expect.any(String), '取消活动')
  await waitFor(() => expect(screen.queryByTestId('activity-form')).toBeNull())
})

test('a refused step keeps the typed code for another try; the page’s message shows above', async () => {
  const sent: ActivityAction[] = []
  render(
    <ActivityActions
      activity={{ id: 'act-1', can: ['checkIn'] }}
      onAction={async (a) => {
        sent.push(a)
        throw new Error('refused')
      }}
      confirm={yes}
      scan={null}
      error='签到码已过期，请扫描组织者手机上最新的签到码'
    />,
  )
  expect(screen.getByTestId('activity-error').textContent).toBe('签到码已过期，请扫描组织者手机上最新的签到码')
  fireEvent.input(screen.getByTestId('activity-code'), { target: { value: '123456' } })
  fireEvent.click(screen.getByTestId('activity-code-submit'))
  await waitFor(() => expect(sent).toHaveLength(1))
  expect((screen.getByTestId('activity-code') as HTMLInputElement).value).toBe('123456')
})
