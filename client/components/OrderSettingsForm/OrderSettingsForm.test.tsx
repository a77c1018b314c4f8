import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { OrderTimeSettings } from '@domain/api/orders'
import { DEFAULT_ORDER_SETTINGS, checkTimeSettings } from '@domain/orders'
import { OrderSettingsForm, settingsProblems } from './OrderSettingsForm'

afterEach(() => {
  document.body.innerHTML = ''
})

const text = (s: Partial<Record<keyof OrderTimeSettings, string>>) => ({ acceptHours: '24', dispatchHours: '24', claimHours: '48', finishHours: '48', urgentScale: '0.5', ...s })

test.each<[Partial<Record<keyof OrderTimeSettings, string>>, Record<string, string>]>([
  [{}, {}],
  [{ acceptHours: '' }, { acceptHours: '请填写接单时限' }],
  [{ dispatchHours: '0' }, { dispatchHours: '派单时限应在1到720小时之间' }],
  [{ claimHours: '721' }, { claimHours: '领单时限应在1到720小时之间' }],
  [{ finishHours: '两天' }, { finishHours: '完成时限请填数字' }],
  [{ urgentScale: '2' }, { urgentScale: '紧急单系数应在0.1到1之间' }],
  [{ urgentScale: '0.05', acceptHours: '-1' }, { acceptHours: '接单时限应在1到720小时之间', urgentScale: '紧急单系数应在0.1到1之间' }],
])('%j → %j', (input, errors) => {
  expect(settingsProblems(text(input)).errors).toEqual(errors)
})

test('whatever the phone accepts, the domain rule accepts too', () => {
  for (const t of [text({}), text({ acceptHours: '1', claimHours: '720', urgentScale: '0.1' }), text({ urgentScale: '1', finishHours: '2.5' })]) {
    const { settings } = settingsProblems(t)
    expect(settings).not.toBeNull()
    expect(checkTimeSettings(settings!)).toEqual(settings)
  }
})

function setup(answer: (s: OrderTimeSettings) => Promise<void> = async () => undefined) {
  const saved: OrderTimeSettings[] = []
  render(
    <OrderSettingsForm
      settings={DEFAULT_ORDER_SETTINGS}
      isDefault
      onSave={async (s) => {
        saved.push(s)
        await answer(s)
      }}
    />,
  )
  return saved
}

test('shows the limits, sends numbers; a wrong field is named and nothing is sent', async () => {
  const saved = setup()
  expect(screen.getByTestId('settings-default')).toBeTruthy()
  fireEvent.input(screen.getByTestId('settings-acceptHours'), { target: { value: '1000' } })
  fireEvent.click(screen.getByTestId('settings-save'))
  expect((await screen.findByTestId('settings-acceptHours-error')).textContent).toBe('接单时限应在1到720小时之间')
  expect(saved).toEqual([])
  fireEvent.input(screen.getByTestId('settings-acceptHours'), { target: { value: '12' } })
  fireEvent.input(screen.getByTestId('settings-urgentScale'), { target: { value: '0.25' } })
  fireEvent.click(screen.getByTestId('settings-save'))
  await waitFor(() => expect(saved).toEqual([{ ...DEFAULT_ORDER_SETTINGS, acceptHours: 12, urgentScale: 0.25 }]))
  expect(screen.queryByTestId('settings-acceptHours-error')).toBeNull()
})

test('a refusal from the function shows its Chinese message', async () => {
  setup(async () => {
    throw { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' }
  })
  fireEvent.click(screen.getByTestId('settings-save'))
  expect((await screen.findByTestId('settings-error')).textContent).toBe('您没有权限进行这个操作')
})
