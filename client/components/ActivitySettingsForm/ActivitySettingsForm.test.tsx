import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ActivitySettingsView } from '@domain/api/activities'
import { DEFAULT_ACTIVITY_SETTINGS } from '@domain/activities/hours'
import { ApiError } from '@/services/ApiError'
import { ActivitySettingsForm, ActivitySettingsSummary, roundingText, starsText } from './ActivitySettingsForm'

const view = (over: Partial<ActivitySettingsView> = {}): ActivitySettingsView => ({
  county: { id: 'org-longmen', name: '龙门县' },
  settings: { rounding: { ...DEFAULT_ACTIVITY_SETTINGS.rounding }, stars: [...DEFAULT_ACTIVITY_SETTINGS.stars] },
  isDefault: true,
  canEdit: true,
  version: 0,
  ...over,
})

const type = (testId: string, value: string) => fireEvent.input(screen.getByTestId(testId), { target: { value } })

beforeEach(() => jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' })))
afterEach(() => jest.restoreAllMocks())

test('the rounding rule in words, the defaults exactly as the county reads them', () => {
  expect(roundingText({ zeroBelow: 15, halfBelow: 45 })).toBe('不足15分钟不计，15–45分钟计0.5小时，45分钟以上计1小时')
  expect(roundingText({ zeroBelow: 30, halfBelow: 30 })).toBe('不足30分钟不计，30分钟以上计1小时')
  expect(roundingText({ zeroBelow: 0, halfBelow: 30 })).toBe('不足30分钟计0.5小时，30分钟以上计1小时')
  expect(roundingText({ zeroBelow: 20, halfBelow: 60 })).toBe('不足20分钟不计，20–60分钟计0.5小时')
  expect(starsText([100, 300, 600, 1000, 1500])).toBe('1 星 100 小时 · 2 星 300 小时 · 3 星 600 小时 · 4 星 1000 小时 · 5 星 1500 小时')
})

test('stars that do not increase: the Chinese message under them, nothing sent', async () => {
  const onSave = jest.fn()
  render(<ActivitySettingsForm view={view()} onSave={onSave} />)
  expect(screen.getByTestId('act-settings-rounding-text').textContent).toBe('不足15分钟不计，15–45分钟计0.5小时，45分钟以上计1小时')
  type('act-setting-star-3', '200')
  fireEvent.click(screen.getByTestId('act-settings-save'))
  expect((await screen.findByTestId('act-settings-stars-error')).textContent).toBe('五个星级的时长需为递增的正整数')
  expect(onSave).not.toHaveBeenCalled()
  // Typing again clears the message.
  type('act-setting-star-3', '600')
  expect(screen.queryByTestId('act-settings-stars-error')).toBeNull()
})

test('a rounding rule out of order is named, and its words are not shown while it is wrong', async () => {
  const onSave = jest.fn()
  render(<ActivitySettingsForm view={view()} onSave={onSave} />)
  fireEvent.input(screen.getByTestId('act-setting-zeroBelow-input'), { target: { value: '50' } })
  expect(screen.queryByTestId('act-settings-rounding-text')).toBeNull()
  fireEvent.click(screen.getByTestId('act-settings-save'))
  expect((await screen.findByTestId('act-settings-rounding-error')).textContent).toContain('0 ≤ 不计分钟 ≤ 半小时分钟 ≤ 60')
  expect(onSave).not.toHaveBeenCalled()
})

test('saves the typed settings with the version read; the next save carries the new version', async () => {
  const onSave = jest.fn(async (settings, version: number) => view({ settings, version: version + 1, isDefault: false }))
  const onSaved = jest.fn()
  render(<ActivitySettingsForm view={view({ version: 3 })} onSave={onSave} onSaved={onSaved} />)
  fireEvent.click(screen.getByTestId('act-setting-zeroBelow-minus'))
  type('act-setting-star-5', '2000')
  expect(screen.getByTestId('act-settings-rounding-text').textContent).toBe('不足10分钟不计，10–45分钟计0.5小时，45分钟以上计1小时')
  fireEvent.click(screen.getByTestId('act-settings-save'))
  await waitFor(() => expect(onSaved).toHaveBeenCalled())
  expect(onSave).toHaveBeenCalledWith({ rounding: { zeroBelow: 10, halfBelow: 45 }, stars: [100, 300, 600, 1000, 2000] }, 3)
  fireEvent.click(screen.getByTestId('act-settings-save'))
  await waitFor(() => expect(onSave).toHaveBeenCalledTimes(2))
  expect(onSave.mock.calls[1][1]).toBe(4)
})

test('someone else saved first: 请刷新后再试 with 刷新; a field refusal from the function sits under its field', async () => {
  const onReload = jest.fn()
  const onSave = jest
    .fn()
    .mockRejectedValueOnce(new ApiError('ACTIVITY.SETTINGS_CHANGED'))
    .mockRejectedValueOnce(new ApiError('REQUEST.INVALID', '输入有误', [{ path: 'settings.stars.4', message: '星级时长太大了' }]))
  render(<ActivitySettingsForm view={view()} onSave={onSave} onReload={onReload} />)
  fireEvent.click(screen.getByTestId('act-settings-save'))
  const problem = await screen.findByTestId('act-settings-error')
  expect(problem.getAttribute('data-code')).toBe('ACTIVITY.SETTINGS_CHANGED')
  expect(problem.textContent).toContain('请刷新后再试')
  fireEvent.click(screen.getByTestId('act-settings-reload'))
  expect(onReload).toHaveBeenCalled()
  fireEvent.click(screen.getByTestId('act-settings-save'))
  expect((await screen.findByTestId('act-settings-stars-error')).textContent).toBe('星级时长太大了')
  expect(screen.queryByTestId('act-settings-error')).toBeNull()
})

test('everyone else reads the rule and the stars in words', () => {
  render(<ActivitySettingsSummary view={view({ canEdit: false })} />)
  expect(screen.getByTestId('act-settings-rounding-text').textContent).toBe('不足15分钟不计，15–45分钟计0.5小时，45分钟以上计1小时')
  expect(screen.getByTestId('act-settings-stars-text').textContent).toContain('5 星 1500 小时')
  expect(screen.queryByTestId('act-settings-save')).toBeNull()
})
