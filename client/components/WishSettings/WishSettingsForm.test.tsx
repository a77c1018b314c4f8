import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { WishSettingsView } from '@domain/api/wishes'
import { setWishSettings } from '@/services/wishSettings'
import { stubFetch } from '@/test-support/fetchStub'
import { WishSettingsForm, wishSettingsSource } from './WishSettingsForm'

let backend: ReturnType<typeof stubFetch> | undefined
let showToast: jest.SpyInstance
beforeEach(() => {
  showToast = jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
})
afterEach(() => {
  backend?.restore()
  backend = undefined
  showToast.mockRestore()
  document.body.innerHTML = ''
})

const VIEW: WishSettingsView = {
  community: { id: 'org-beimen', name: '北门社区' },
  settings: { claimReleaseDays: 7, hoursPerWish: 2 },
  isDefault: true,
  version: 0,
  updatedAt: null,
  updatedByName: null,
  canEdit: true,
}

/** Taro's h5 Input renders a custom element around the real <input>. */
const inputOf = (field: string) => (screen.getByTestId(`wish-setting-${field}-input`).querySelector('input') ?? screen.getByTestId(`wish-setting-${field}-input`)) as HTMLInputElement
const type = (field: string, value: string) => fireEvent.input(inputOf(field), { target: { value } })
const save = (onSaved?: (v: WishSettingsView) => void) =>
  render(<WishSettingsForm view={VIEW} onSave={(settings, version) => setWishSettings('org-beimen', settings, version)} onSaved={onSaved} />)

test('days move by one, hours by half an hour, within the bounds; 保存 sends them with the version read', async () => {
  backend = stubFetch({
    '/api/wishes': (req) => {
      const body = req.body as { settings: WishSettingsView['settings'] }
      return { json: { code: 0, data: { ...VIEW, settings: body.settings, isDefault: false, version: 1, updatedAt: '2026-11-22T02:00:00.000Z', updatedByName: '陈红', changed: true } } }
    },
  })
  const saved: WishSettingsView[] = []
  save((v) => saved.push(v))
  for (let i = 0; i < 4; i++) fireEvent.click(screen.getByTestId('wish-setting-claimReleaseDays-minus'))
  await waitFor(() => expect(inputOf('claimReleaseDays').value).toBe('3'))
  fireEvent.click(screen.getByTestId('wish-setting-hoursPerWish-minus'))
  await waitFor(() => expect(inputOf('hoursPerWish').value).toBe('1.5'))
  type('hoursPerWish', '0.5')
  // At the lower bound − greys out and a tap changes nothing.
  await waitFor(() => expect(screen.getByTestId('wish-setting-hoursPerWish-minus').getAttribute('data-off')).toBe('true'))
  fireEvent.click(screen.getByTestId('wish-setting-hoursPerWish-minus'))
  expect(inputOf('hoursPerWish').value).toBe('0.5')
  fireEvent.click(screen.getByTestId('wish-setting-hoursPerWish-plus'))
  await waitFor(() => expect(inputOf('hoursPerWish').value).toBe('1'))
  fireEvent.click(screen.getByTestId('wish-settings-save'))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' })))
  expect(backend.to('/api/wishes').map((r) => r.body)).toEqual([{ action: 'setSettings', communityId: 'org-beimen', settings: { claimReleaseDays: 3, hoursPerWish: 1 }, version: 0 }])
  expect(saved.map((v) => v.version)).toEqual([1])
  expect(wishSettingsSource(saved[0])).toBe('北门社区 · 陈红 于 2026-11-22 10:00 设置')
})

test('bad values are named in Chinese beside their field (the shared schema) and nothing is sent', async () => {
  backend = stubFetch({ '/api/wishes': () => ({ json: { code: 0, data: { ...VIEW, changed: true } } }) })
  save()
  type('claimReleaseDays', '91')
  type('hoursPerWish', '1.2')
  fireEvent.click(screen.getByTestId('wish-settings-save'))
  await waitFor(() => expect(screen.getByTestId('wish-setting-claimReleaseDays-error').textContent).toBe('自动释放天数需为1到90的整数'))
  expect(screen.getByTestId('wish-setting-hoursPerWish-error').textContent).toBe('服务时长需在0.5到24小时之间，以半小时为单位')
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请按提示修改后再保存' }))
  expect(backend.calls).toHaveLength(0)
  // Fixing a field clears its message.
  type('claimReleaseDays', '')
  await waitFor(() => expect(screen.queryByTestId('wish-setting-claimReleaseDays-error')).toBeNull())
  fireEvent.click(screen.getByTestId('wish-settings-save'))
  await waitFor(() => expect(screen.getByTestId('wish-setting-claimReleaseDays-error').textContent).toBe('自动释放天数需为1到90的整数'))
  expect(backend.calls).toHaveLength(0)
})

test('a refusal from the function is shown as its Chinese message; a field it names is marked', async () => {
  backend = stubFetch({ '/api/wishes': () => ({ json: { code: 'WISH.SETTINGS_CHANGED', message: '心愿设置刚刚被其他人修改过，请刷新后再试' } }) })
  save()
  fireEvent.click(screen.getByTestId('wish-settings-save'))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '心愿设置刚刚被其他人修改过，请刷新后再试' })))
  backend.restore()
  backend = stubFetch({
    '/api/wishes': () => ({ json: { code: 'REQUEST.INVALID', message: '请求格式不正确', details: [{ path: 'settings.hoursPerWish', message: '服务时长需在0.5到24小时之间，以半小时为单位' }] } }),
  })
  fireEvent.click(screen.getByTestId('wish-settings-save'))
  await waitFor(() => expect(screen.getByTestId('wish-setting-hoursPerWish-error').textContent).toBe('服务时长需在0.5到24小时之间，以半小时为单位'))
})

test('where the settings come from', () => {
  expect(wishSettingsSource(VIEW)).toBe('北门社区尚未设置，使用默认设置')
})
