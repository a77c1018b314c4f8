import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { ActivitySettingsView, CertificateView, IssuedCertificate, MyHours, ThemesView } from '@domain/api/activities'
import { DEFAULT_ACTIVITY_SETTINGS } from '@domain/activities/hours'
import { renderCertificate } from '@/components/CertificateImage/render'
import { stubFetch, type RecordedRequest, type StubAnswer } from '@/test-support/fetchStub'
import MyHoursPage from './myhours/index'
import ThemesPage from './themes/index'
import VerifyPage from './verify/index'

jest.mock('@/components/CertificateImage/render', () => ({ renderCertificate: jest.fn(async () => 'data:image/png;base64,AAAA') }))

let backend: ReturnType<typeof stubFetch>

function openWith(params: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params, path: '/packages/activities/pages/x/index' }
}

beforeEach(() => {
  openWith({})
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
})

const ok = (data: unknown): StubAnswer => ({ json: { code: 0, data } })
const fail = (status: number, code: string, message: string, details?: unknown): StubAnswer => ({ status, json: { code, message, details } })
type Handler = (body: Record<string, unknown>) => StubAnswer
const activities = (handlers: Record<string, Handler>) => (req: RecordedRequest) => {
  const body = req.body as Record<string, unknown>
  const handler = handlers[body.action as string]
  return handler ? handler(body) : fail(400, 'REQUEST.UNKNOWN_ACTION', '没有这个操作')
}
const sent = (action: string) => backend.to('/api/activities').map((c) => c.body as Record<string, unknown>).filter((b) => b.action === action)

const myHours = (over: Partial<MyHours> = {}): MyHours => ({
  year: 2026,
  yearHours: 42,
  yearActivities: 3,
  totalHours: 480,
  level: { stars: 2, next: 600, toNext: 120 },
  thresholds: [100, 300, 600, 1000, 1500],
  recent: [
    { kind: 'activity', kindLabel: '共建活动', hours: 2.5, at: '2026-11-20T16:30:00.000Z' },
    { kind: 'wish', kindLabel: '微心愿', hours: 1, at: '2026-11-02T02:00:00.000Z' },
  ],
  ...over,
})

const certificate: CertificateView = {
  number: 'LX2026-0000DE30',
  maskedName: '李**',
  totalHours: 480,
  yearHours: 42,
  year: 2026,
  stars: 2,
  issuer: '龙门县委组织部',
  issuedAt: '2026-11-21T02:00:00.000Z',
}
const issued: IssuedCertificate = { ...certificate, qr: { scene: 'v:LX2026-0000DE30', page: 'packages/activities/pages/verify/index', imageBase64: 'iVBORw0KGgo=', contentType: 'image/png' } }

describe('服务时长', () => {
  test('hours, the stars as glyphs and words, the next star, the thresholds and the latest credits in China dates', async () => {
    backend = stubFetch({ '/api/activities': activities({ myHours: () => ok(myHours()) }) })
    render(<MyHoursPage />)
    const page = screen.getByTestId('page-my-hours')
    await within(page).findByTestId('hours-total')
    expect(within(page).getByTestId('hours-year').textContent).toBe('42 小时今年服务时长')
    expect(within(page).getByTestId('hours-this-year').textContent).toBe('今年指2026年1月1日至今')
    expect(within(page).getByTestId('hours-year-activities').getAttribute('data-value')).toBe('3')
    expect(within(page).getByTestId('hours-total').textContent).toContain('480 小时')
    expect(within(page).getByTestId('star-glyphs').textContent).toBe('★★☆☆☆')
    expect(within(page).getByTestId('star-text').textContent).toBe('2 星')
    expect(within(page).getByTestId('star-next').textContent).toBe('再服务 120 小时可达 3 星')
    const thresholds = within(page).getAllByTestId('star-threshold')
    expect(thresholds.map((t) => t.getAttribute('data-reached'))).toEqual(['true', 'true', 'false', 'false', 'false'])
    expect(thresholds[1].textContent).toContain('✓ 已达到')
    expect(thresholds[2].textContent).toContain('未达到')
    const credits = within(page).getAllByTestId('hours-credit')
    // 2026-11-20 16:30 UTC is already the 21st in China.
    expect(credits[0].textContent).toBe('共建活动2026-11-21+2.5 小时')
    expect(credits[1].getAttribute('data-kind')).toBe('wish')
  })

  test('nothing credited yet: says so plainly; 开具服务证明 answers CERTIFICATE.NO_HOURS in Chinese', async () => {
    backend = stubFetch({
      '/api/activities': activities({
        myHours: () => ok(myHours({ yearHours: 0, yearActivities: 0, totalHours: 0, level: { stars: 0, next: 100, toNext: 100 }, recent: [] })),
        issueCertificate: () => fail(409, 'CERTIFICATE.NO_HOURS', '您还没有入账的服务时长，暂时不能开具服务证明'),
      }),
    })
    render(<MyHoursPage />)
    await screen.findByTestId('hours-recent-empty')
    expect(screen.getByTestId('star-glyphs').textContent).toBe('☆☆☆☆☆')
    fireEvent.click(screen.getByTestId('certificate-issue'))
    const error = await screen.findByTestId('certificate-error')
    expect(error.getAttribute('data-code')).toBe('CERTIFICATE.NO_HOURS')
    expect(error.textContent).toBe('您还没有入账的服务时长，暂时不能开具服务证明')
    expect(screen.queryByTestId('certificate-image')).toBeNull()
  })

  test('开具服务证明 draws the certificate with its verify code and shows its number', async () => {
    backend = stubFetch({ '/api/activities': activities({ myHours: () => ok(myHours()), issueCertificate: () => ok(issued) }) })
    render(<MyHoursPage />)
    fireEvent.click(await screen.findByTestId('certificate-issue'))
    const image = await screen.findByTestId('certificate-image')
    expect(image.getAttribute('data-number')).toBe('LX2026-0000DE30')
    await waitFor(() => expect(image.getAttribute('data-drawn')).toBe('true'))
    expect(renderCertificate).toHaveBeenCalledWith(issued, 'iVBORw0KGgo=')
    expect(screen.getByTestId('certificate-number').textContent).toContain('LX2026-0000DE30')
    expect(screen.getByTestId('certificate-issue').textContent).toBe('重新开具服务证明')
    expect(sent('issueCertificate')).toHaveLength(1)
  })

  test('a failed load shows the message and 重试', async () => {
    backend = stubFetch({ '/api/activities': () => ({ networkError: true }) })
    render(<MyHoursPage />)
    expect((await screen.findByTestId('load-error')).getAttribute('data-code')).toBe('NETWORK.UNAVAILABLE')
  })
})

describe('服务证明核验', () => {
  test('opened from the code (scene v:<number>): only what the certificate shows, large', async () => {
    backend = stubFetch({ '/api/activities': activities({ verifyCertificate: (b) => (b.number === 'LX2026-0000DE30' ? ok(certificate) : fail(404, 'CERTIFICATE.NOT_FOUND', '找不到这份服务证明，请核对编号')) }) })
    openWith({ scene: 'v:LX2026-0000DE30' })
    render(<VerifyPage />)
    const result = await screen.findByTestId('verify-result')
    expect(result.textContent).toContain('✓ 这份服务证明真实有效')
    expect(within(result).getByTestId('certificate-name-value').textContent).toBe('李**')
    expect(within(result).getByTestId('certificate-total-value').textContent).toBe('480 小时')
    expect(within(result).getByTestId('certificate-year-value').textContent).toBe('42 小时')
    expect(within(result).getByTestId('star-text').textContent).toBe('2 星')
    expect(within(result).getByTestId('certificate-issuer-value').textContent).toBe('龙门县委组织部')
    expect(within(result).getByTestId('certificate-date-value').textContent).toBe('2026年11月21日')
    expect(sent('verifyCertificate')).toEqual([{ action: 'verifyCertificate', number: 'LX2026-0000DE30' }])
    // No identity needed: nothing but the one check was asked.
    expect(backend.calls.map((c) => c.path)).toEqual(['/api/activities'])
  })

  test('a typed number (spaces, lower case) is checked; a wrong one is not found, clearly; a malformed one is not sent', async () => {
    backend = stubFetch({ '/api/activities': activities({ verifyCertificate: (b) => (b.number === 'LX2026-0000DE30' ? ok(certificate) : fail(404, 'CERTIFICATE.NOT_FOUND', '找不到这份服务证明，请核对编号')) }) })
    render(<VerifyPage />)
    expect(screen.queryByTestId('loading')).toBeNull()
    fireEvent.input(screen.getByTestId('verify-input'), { target: { value: 'lx2026-123' } })
    fireEvent.click(screen.getByTestId('verify-submit'))
    expect(screen.getByTestId('verify-input-error').textContent).toContain('证明编号格式不正确')
    expect(sent('verifyCertificate')).toHaveLength(0)

    fireEvent.input(screen.getByTestId('verify-input'), { target: { value: ' lx2026-ffff0000 ' } })
    fireEvent.click(screen.getByTestId('verify-submit'))
    const missing = await screen.findByTestId('verify-not-found')
    expect(missing.textContent).toContain('找不到这份服务证明，请核对编号')
    expect(missing.textContent).toContain('LX2026-FFFF0000')

    fireEvent.input(screen.getByTestId('verify-input'), { target: { value: 'LX2026-0000de30' } })
    fireEvent.click(screen.getByTestId('verify-submit'))
    await screen.findByTestId('verify-result')
    expect(screen.queryByTestId('verify-not-found')).toBeNull()
  })

  test('opened with ?number= works the same; a scene without a valid number asks to type it', async () => {
    backend = stubFetch({ '/api/activities': activities({ verifyCertificate: () => ok(certificate) }) })
    openWith({ number: 'LX2026-0000DE30' })
    const { unmount } = render(<VerifyPage />)
    await screen.findByTestId('verify-result')
    unmount()
    openWith({ scene: 'w:abc' })
    render(<VerifyPage />)
    expect(screen.getByTestId('verify-input-error').textContent).toContain('请手动输入')
    expect(sent('verifyCertificate')).toHaveLength(1)
  })
})

describe('主题月活动', () => {
  const themes = (year: number, canEdit: boolean, months: ThemesView['months'] = []): ThemesView => ({ county: { id: 'org-longmen', name: '龙门县' }, year, months, canEdit })
  const settingsView = (over: Partial<ActivitySettingsView> = {}): ActivitySettingsView => ({
    county: { id: 'org-longmen', name: '龙门县' },
    settings: { rounding: { ...DEFAULT_ACTIVITY_SETTINGS.rounding }, stars: [...DEFAULT_ACTIVITY_SETTINGS.stars] },
    isDefault: true,
    canEdit: true,
    version: 0,
    ...over,
  })

  test('a county admin sets a month of this year and switches years; the settings are checked before sending', async () => {
    const thisYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()
    let menu = themes(thisYear, true)
    backend = stubFetch({
      '/api/activities': activities({
        themes: (b) => ok(b.year === thisYear ? menu : themes(b.year as number, true, [{ id: 't', year: b.year as number, month: 1, title: '新年送温暖', description: '' }])),
        setTheme: (b) => {
          menu = themes(thisYear, true, [{ id: 't-new', year: thisYear, month: b.month as number, title: b.title as string, description: b.description as string }])
          return ok(menu)
        },
        getSettings: () => ok(settingsView()),
        setSettings: () => ok(settingsView()),
      }),
    })
    render(<ThemesPage />)
    const page = screen.getByTestId('page-activity-themes')
    await within(page).findAllByTestId('theme-month')
    expect(within(page).getByTestId('themes-county').textContent).toBe('龙门县')
    const may = () => within(page).getAllByTestId('theme-month').find((m) => m.getAttribute('data-month') === '5')!
    expect(within(may()).getByTestId('theme-month-title').textContent).toBe('未设置')
    fireEvent.click(within(may()).getByTestId('theme-edit'))
    fireEvent.input(within(may()).getByTestId('theme-title'), { target: { value: '劳动最光荣' } })
    fireEvent.click(within(may()).getByTestId('theme-save'))
    await waitFor(() => expect(within(may()).getByTestId('theme-month-title').textContent).toBe('劳动最光荣'))
    expect(sent('setTheme')).toEqual([{ action: 'setTheme', countyId: 'org-longmen', year: thisYear, month: 5, title: '劳动最光荣', description: '' }])

    fireEvent.click(within(page).getByTestId('themes-next'))
    await waitFor(() => expect(within(page).getByTestId('theme-menu').getAttribute('data-year')).toBe(String(thisYear + 1)))
    expect(within(page).getAllByTestId('theme-month')[0].textContent).toContain('新年送温暖')
    expect(within(page).getByTestId('themes-year').textContent).toContain(`${thisYear + 1}年`)

    // Settings: the rule in words; stars out of order never leave the phone.
    expect(within(page).getByTestId('act-settings-rounding-text').textContent).toBe('不足15分钟不计，15–45分钟计0.5小时，45分钟以上计1小时')
    expect(within(page).getByTestId('act-settings-source').textContent).toBe('龙门县尚未设置，使用默认标准')
    fireEvent.input(within(page).getByTestId('act-setting-star-2'), { target: { value: '50' } })
    fireEvent.click(within(page).getByTestId('act-settings-save'))
    expect((await within(page).findByTestId('act-settings-stars-error')).textContent).toBe('五个星级的时长需为递增的正整数')
    expect(sent('setSettings')).toHaveLength(0)
  })

  test('someone saved the settings first: 请刷新后再试, and 刷新 reads them again into the form', async () => {
    let version = 2
    backend = stubFetch({
      '/api/activities': activities({
        themes: (b) => ok(themes(b.year as number, true)),
        getSettings: () => ok(settingsView({ version, isDefault: false, settings: { rounding: { zeroBelow: 10, halfBelow: 40 }, stars: [50, 100, 200, 400, 800] } })),
        setSettings: () => {
          version = 3
          return fail(409, 'ACTIVITY.SETTINGS_CHANGED', '活动设置刚刚被其他人修改过，请刷新后再试')
        },
      }),
    })
    render(<ThemesPage />)
    const form = await screen.findByTestId('act-settings-form')
    expect(form.getAttribute('data-version')).toBe('2')
    fireEvent.click(screen.getByTestId('act-settings-save'))
    expect((await screen.findByTestId('act-settings-error')).textContent).toContain('请刷新后再试')
    expect(sent('setSettings')[0]).toMatchObject({ countyId: 'org-longmen', version: 2, settings: { rounding: { zeroBelow: 10, halfBelow: 40 }, stars: [50, 100, 200, 400, 800] } })
    fireEvent.click(screen.getByTestId('act-settings-reload'))
    await waitFor(() => expect(screen.getByTestId('act-settings-form').getAttribute('data-version')).toBe('3'))
    expect(screen.queryByTestId('act-settings-error')).toBeNull()
  })

  test('anyone else in the county reads the months and the settings, with nothing to press but the years', async () => {
    backend = stubFetch({
      '/api/activities': activities({
        themes: (b) => ok(themes(b.year as number, false, [{ id: 't', year: b.year as number, month: 3, title: '学雷锋志愿服务月', description: '敬老助残' }])),
        getSettings: () => ok(settingsView({ canEdit: false })),
      }),
    })
    render(<ThemesPage />)
    await screen.findByTestId('act-settings-summary')
    await screen.findAllByTestId('theme-month')
    expect(screen.queryByTestId('theme-edit')).toBeNull()
    expect(screen.queryByTestId('act-settings-save')).toBeNull()
    expect(screen.getByTestId('act-settings-stars-text').textContent).toContain('1 星 100 小时')
    expect(screen.getByText('学雷锋志愿服务月')).toBeTruthy()
  })
})
