import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ThemesView } from '@domain/api/activities'
import { ApiError } from '@/services/ApiError'
import { ThemeMenu, YearSwitcher } from './ThemeMenu'

const view = (over: Partial<ThemesView> = {}): ThemesView => ({
  county: { id: 'org-longmen', name: '龙门县' },
  year: 2026,
  months: [{ id: 't-2026-3', year: 2026, month: 3, title: '学雷锋志愿服务月', description: '敬老助残、环境整治' }],
  canEdit: true,
  ...over,
})

const month = (m: number) => screen.getAllByTestId('theme-month').find((el) => el.getAttribute('data-month') === String(m))!

beforeEach(() => jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' })))
afterEach(() => jest.restoreAllMocks())

test('twelve months: a set one shows its title and description, the rest say 未设置; this month says 本月 in words', () => {
  render(<ThemeMenu view={view()} now={{ year: 2026, month: 11 }} />)
  expect(screen.getAllByTestId('theme-month')).toHaveLength(12)
  expect(within(month(3)).getByTestId('theme-month-title').textContent).toBe('学雷锋志愿服务月')
  expect(within(month(3)).getByTestId('theme-month-description').textContent).toBe('敬老助残、环境整治')
  expect(month(3).getAttribute('data-set')).toBe('true')
  expect(within(month(4)).getByTestId('theme-month-title').textContent).toBe('未设置')
  expect(month(11).textContent).toContain('11月（本月）')
  expect(month(10).textContent).not.toContain('本月')
  // Without onSave (or canEdit) nothing is editable.
  expect(screen.queryByTestId('theme-edit')).toBeNull()
})

test('read-only for someone who may not edit, even when a save handler is given', () => {
  render(<ThemeMenu view={view({ canEdit: false })} now={{ year: 2026, month: 11 }} onSave={jest.fn()} />)
  expect(screen.queryByTestId('theme-edit')).toBeNull()
})

test('a county admin sets a month: too short is named under the field and not sent; then saved, trimmed', async () => {
  const onSave = jest.fn(async () => view())
  render(<ThemeMenu view={view()} now={{ year: 2026, month: 11 }} onSave={onSave} />)
  fireEvent.click(within(month(11)).getByTestId('theme-edit'))
  const form = screen.getByTestId('theme-form')
  expect(form.getAttribute('data-month')).toBe('11')
  fireEvent.input(within(form).getByTestId('theme-title'), { target: { value: '敬' } })
  fireEvent.click(within(form).getByTestId('theme-save'))
  expect((await screen.findByTestId('theme-title-error')).textContent).toBe('主题至少2个字')
  expect(onSave).not.toHaveBeenCalled()

  fireEvent.input(within(form).getByTestId('theme-title'), { target: { value: ' 敬老爱老月 ' } })
  fireEvent.input(within(form).getByTestId('theme-description'), { target: { value: '重阳节前后上门看望' } })
  fireEvent.click(within(form).getByTestId('theme-save'))
  await waitFor(() => expect(screen.queryByTestId('theme-form')).toBeNull())
  expect(onSave).toHaveBeenCalledWith(11, '敬老爱老月', '重阳节前后上门看望')
})

test('a refusal from the function: its field message under the field, any other in Chinese above the buttons', async () => {
  const onSave = jest
    .fn()
    .mockRejectedValueOnce(new ApiError('REQUEST.INVALID', '输入有误', [{ path: 'description', message: '说明不能超过200个字' }]))
    .mockRejectedValueOnce(new ApiError('PERMISSION.DENIED', '您没有权限进行这个操作'))
  render(<ThemeMenu view={view()} now={{ year: 2026, month: 11 }} onSave={onSave} />)
  fireEvent.click(within(month(3)).getByTestId('theme-edit'))
  fireEvent.click(screen.getByTestId('theme-save'))
  expect((await screen.findByTestId('theme-description-error')).textContent).toBe('说明不能超过200个字')
  fireEvent.click(screen.getByTestId('theme-save'))
  const problem = await screen.findByTestId('theme-error')
  expect(problem.getAttribute('data-code')).toBe('PERMISSION.DENIED')
  expect(problem.textContent).toBe('您没有权限进行这个操作')
  fireEvent.click(screen.getByTestId('theme-cancel'))
  expect(screen.queryByTestId('theme-form')).toBeNull()
})

test('year switcher: one year back or forward, stopped at the ends', () => {
  const onChange = jest.fn()
  const { rerender } = render(<YearSwitcher year={2026} onChange={onChange} />)
  expect(screen.getByTestId('themes-year').textContent).toContain('2026年')
  fireEvent.click(screen.getByTestId('themes-prev'))
  fireEvent.click(screen.getByTestId('themes-next'))
  expect(onChange.mock.calls).toEqual([[2025], [2027]])
  rerender(<YearSwitcher year={2020} onChange={onChange} />)
  fireEvent.click(screen.getByTestId('themes-prev'))
  expect(onChange).toHaveBeenCalledTimes(2)
  expect(screen.getByTestId('themes-prev').getAttribute('aria-disabled')).toBe('true')
})
