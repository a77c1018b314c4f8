import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import { TINY_PNG_BASE64 } from '@/test-support/org'
import { card, pendingItem, registrationBackend } from '@/test-support/registration'
import CardPage from './card/index'
import PendingPage from './pending/index'
import RegisterPage from './register/index'

let backend: ReturnType<typeof stubFetch>
let redirectTo: jest.SpyInstance
let navigateTo: jest.SpyInstance

/** What the platform hands the page: weapp's onLoad options / the h5 URL query. */
function openWith(params: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params, path: '/packages/registration/pages/x/index' }
}

beforeEach(() => {
  whoAmIStore.reset()
  openWith({})
  jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  redirectTo = jest.spyOn(Taro, 'redirectTo').mockImplementation(async () => ({ errMsg: 'redirectTo:ok' }))
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockImplementation(async () => ({ errMsg: 'navigateTo:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
})

const actions = () => backend.to('/api/registration').map((c) => c.body)

describe('报到 page', () => {
  test('an invitation (URL-encoded scene) names the community and prefills it; sending leads to the card', async () => {
    backend = stubFetch({ '/api/registration': registrationBackend().handler })
    openWith({ scene: 'c%3Aorg-beimen' })
    render(<RegisterPage />)

    expect((await screen.findByTestId('register-invite')).textContent).toContain('邀请您到「北门社区」报到')
    expect(screen.getByTestId('reg-community').textContent).toContain('北门社区')
    // One call to read the invitation, then the options with the buildings of that community.
    expect(actions()).toEqual([
      { action: 'resolveInvite', scene: 'c:org-beimen' },
      { action: 'options', communityId: 'org-beimen' },
    ])

    fireEvent.input(screen.getByTestId('reg-name'), { target: { value: '马小兵' } })
    fireEvent.input(screen.getByTestId('reg-phone'), { target: { value: '13912345678' } })
    fireEvent.click(screen.getByTestId('reg-unit'))
    fireEvent.click(within(screen.getByTestId('reg-unit-sheet')).getByText('县水利局'))
    fireEvent.click(screen.getByTestId('reg-building'))
    fireEvent.click(within(screen.getByTestId('reg-building-sheet')).getByText('北门花园1栋'))
    fireEvent.click(screen.getByTestId('reg-submit'))

    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/registration/pages/card/index' }))
    expect(actions()[2]).toMatchObject({ action: 'register', communityId: 'org-beimen', buildingId: 'org-beimen-b1', unitId: 'unit-water-bureau' })
  })

  test('a scene that arrives already decoded works the same', async () => {
    backend = stubFetch({ '/api/registration': registrationBackend().handler })
    openWith({ scene: 'c:org-beimen' })
    render(<RegisterPage />)
    expect((await screen.findByTestId('register-invite')).getAttribute('data-id')).toBe('org-beimen')
  })

  test('a unit invitation prefills the unit and leaves the community to choose', async () => {
    backend = stubFetch({
      '/api/registration': registrationBackend({ invites: { 'u:unit-water-co': { kind: 'unit', id: 'unit-water-co', name: '水务有限公司' } } }).handler,
    })
    openWith({ scene: 'u%3Aunit-water-co' })
    render(<RegisterPage />)
    expect((await screen.findByTestId('register-invite')).textContent).toContain('「水务有限公司」邀请您报到')
    expect(screen.getByTestId('reg-unit').textContent).toContain('水务有限公司')
    expect(screen.getByTestId('reg-community').getAttribute('data-value')).toBe('')
    expect(actions()[1]).toEqual({ action: 'options' })
  })

  test('an expired invitation is explained, and the form is still there', async () => {
    backend = stubFetch({ '/api/registration': registrationBackend({ invites: {} }).handler })
    openWith({ scene: 'c%3Aorg-gone' })
    render(<RegisterPage />)
    expect((await screen.findByTestId('register-invite-error')).textContent).toContain('这个邀请码已失效')
    expect(screen.getByTestId('reg-form')).toBeTruthy()
  })

  test('without an invitation: no banner, every community to choose from', async () => {
    backend = stubFetch({ '/api/registration': registrationBackend().handler })
    render(<RegisterPage />)
    await screen.findByTestId('reg-form')
    expect(screen.queryByTestId('register-invite')).toBeNull()
    expect(actions()).toEqual([{ action: 'options' }])
  })
})

describe('报到证 page', () => {
  test('shows my card with its state', async () => {
    backend = stubFetch({ '/api/registration': registrationBackend({ card: card('pending_community') }).handler })
    render(<CardPage />)
    expect((await screen.findByTestId('card-state')).textContent).toBe('待社区确认')
    expect(screen.getByTestId('card-missing').textContent).toContain('等待社区党委确认')
  })

  test('never registered: a prompt and a button to the 报到 page', async () => {
    backend = stubFetch({ '/api/registration': registrationBackend().handler })
    render(<CardPage />)
    expect((await screen.findByTestId('card-none')).textContent).toContain('您还没有报到')
    fireEvent.click(screen.getByText('去报到'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/registration/pages/register/index' })
  })

  test('撤回报到 asks first; on yes it withdraws and the card shows 已撤回', async () => {
    const showModal = jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
    backend = stubFetch({ '/api/registration': registrationBackend({ card: card('registered') }).handler })
    render(<CardPage />)
    fireEvent.click(await screen.findByText('撤回报到'))

    await waitFor(() => expect(screen.getByTestId('card-state').textContent).toBe('已撤回'))
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回报到' }))
    expect(actions()).toEqual([{ action: 'myCard' }, { action: 'cardQr', id: 'reg-1' }, { action: 'withdraw' }])
    expect(screen.getByText('重新报到')).toBeTruthy()
  })

  test('answering no to the question changes nothing', async () => {
    jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: false, cancel: true, errMsg: 'showModal:ok' }))
    backend = stubFetch({ '/api/registration': registrationBackend({ card: card('registered') }).handler })
    render(<CardPage />)
    fireEvent.click(await screen.findByText('撤回报到'))
    await new Promise((r) => setTimeout(r, 20))
    expect(actions()).toEqual([{ action: 'myCard' }, { action: 'cardQr', id: 'reg-1' }])
    expect(screen.getByTestId('card-state').textContent).toBe('已报到')
  })

  test('the QR code is the image the cloud function drew for this card', async () => {
    backend = stubFetch({ '/api/registration': registrationBackend({ card: card('registered') }).handler })
    render(<CardPage />)
    const image = await screen.findByTestId('card-qr-image')
    expect(image.getAttribute('src') ?? image.querySelector('img')?.getAttribute('src')).toBe(`data:image/png;base64,${TINY_PNG_BASE64}`)
    expect(actions()).toEqual([{ action: 'myCard' }, { action: 'cardQr', id: 'reg-1' }])
  })

  test('已报到 offers 迁移, which opens the form in move mode', async () => {
    backend = stubFetch({ '/api/registration': registrationBackend({ card: card('registered') }).handler })
    render(<CardPage />)
    fireEvent.click(await screen.findByTestId('card-move'))
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/registration/pages/register/index?mode=move' })
    expect(screen.queryByTestId('card-resubmit')).toBeNull()
  })

  test('已退回 offers 修改后重新提交 instead of 重新报到', async () => {
    backend = stubFetch({ '/api/registration': registrationBackend({ card: card('rejected', { reason: '请填写楼栋' }) }).handler })
    render(<CardPage />)
    fireEvent.click(await screen.findByTestId('card-resubmit'))
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/registration/pages/register/index?mode=resubmit' })
    expect(screen.queryByTestId('card-register-again')).toBeNull()
    expect(screen.queryByTestId('card-move')).toBeNull()
  })
})

describe('迁移 and 重新提交 on the 报到 page', () => {
  test('迁移: the form comes filled in from my card; a new community, a confirmation, then move without the phone', async () => {
    const showModal = jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
    const fake = registrationBackend({ card: card('registered', { skillNote: '会修自行车' }) })
    backend = stubFetch({ '/api/registration': fake.handler })
    openWith({ mode: 'move' })
    render(<RegisterPage />)

    expect((await screen.findByTestId('register-change')).textContent).toContain('现在：北门社区 北门花园2栋 · 县水利局')
    expect((screen.getByTestId('reg-name') as HTMLInputElement).value).toBe('马小兵')
    expect(screen.getByTestId('reg-unit').textContent).toContain('县水利局')
    expect(screen.getByTestId('reg-building').textContent).toContain('北门花园2栋')
    expect(screen.getByTestId('reg-phone').getAttribute('placeholder')).toContain('139****5678')
    expect(screen.getByTestId('reg-submit').textContent).toBe('确认迁移')

    fireEvent.click(screen.getByTestId('reg-community'))
    fireEvent.click(within(screen.getByTestId('reg-community-sheet')).getByText('城南社区'))
    await waitFor(() => expect(actions()).toContainEqual({ action: 'options', communityId: 'org-chengnan' }))
    fireEvent.click(screen.getByTestId('reg-submit'))

    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/registration/pages/card/index' }))
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '迁移报到' }))
    expect(actions().at(-1)).toEqual({
      action: 'move',
      name: '马小兵',
      unitId: 'unit-water-bureau',
      communityId: 'org-chengnan',
      skills: ['水电维修'],
      skillNote: '会修自行车',
      freeTime: ['周末白天'],
    })
    expect(fake.card).toMatchObject({ state: 'pending_community', community: { id: 'org-chengnan' }, earlier: [{ communityName: '北门社区' }] })
  })

  test('迁移 answered no: nothing is sent', async () => {
    jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: false, cancel: true, errMsg: 'showModal:ok' }))
    backend = stubFetch({ '/api/registration': registrationBackend({ card: card('registered') }).handler })
    openWith({ mode: 'move' })
    render(<RegisterPage />)
    await screen.findByTestId('register-change')
    fireEvent.click(screen.getByTestId('reg-unit'))
    fireEvent.click(within(screen.getByTestId('reg-unit-sheet')).getByText('水务有限公司'))
    fireEvent.click(screen.getByTestId('reg-submit'))
    await new Promise((r) => setTimeout(r, 20))
    expect(actions().map((a) => (a as { action: string }).action)).toEqual(['myCard', 'options'])
    expect(redirectTo).not.toHaveBeenCalled()
  })

  test('迁移 to the same place: the backend refusal is shown under the form', async () => {
    jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
    backend = stubFetch({ '/api/registration': registrationBackend({ card: card('registered') }).handler })
    openWith({ mode: 'move' })
    render(<RegisterPage />)
    await screen.findByTestId('register-change')
    fireEvent.click(screen.getByTestId('reg-submit'))
    const problem = await screen.findByTestId('reg-error')
    expect(problem.getAttribute('data-code')).toBe('REGISTRATION.SAME_PLACE')
    expect(problem.textContent).toContain('无需迁移')
    expect(redirectTo).not.toHaveBeenCalled()
  })

  test('迁移 while still waiting: told why, and offered the card', async () => {
    backend = stubFetch({ '/api/registration': registrationBackend({ card: card('pending_unit') }).handler })
    openWith({ mode: 'move' })
    render(<RegisterPage />)
    expect((await screen.findByTestId('register-wrong-state')).textContent).toContain('「待单位确认」')
    expect(screen.queryByTestId('reg-form')).toBeNull()
  })

  test('重新提交: the reason is shown, the corrected form goes to resubmit with the id', async () => {
    jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
    const fake = registrationBackend({ card: card('rejected', { reason: '请填写楼栋', building: null }) })
    backend = stubFetch({ '/api/registration': fake.handler })
    openWith({ mode: 'resubmit' })
    render(<RegisterPage />)
    expect((await screen.findByTestId('register-change')).textContent).toContain('退回原因：请填写楼栋')
    fireEvent.click(screen.getByTestId('reg-building'))
    fireEvent.click(within(screen.getByTestId('reg-building-sheet')).getByText('北门花园1栋'))
    fireEvent.input(screen.getByTestId('reg-phone'), { target: { value: '13912340000' } })
    expect(screen.getByTestId('reg-submit').textContent).toBe('重新提交')
    fireEvent.click(screen.getByTestId('reg-submit'))

    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/registration/pages/card/index' }))
    expect(actions().at(-1)).toMatchObject({ action: 'resubmit', id: 'reg-1', phone: '13912340000', buildingId: 'org-beimen-b1', communityId: 'org-beimen' })
    expect(fake.card).toMatchObject({ state: 'pending_unit', history: [{ verb: 'submit' }, { verb: 'resubmit' }] })
  })

  test('a failed load offers 重试', async () => {
    let down = true
    const ok = registrationBackend({ card: card('pending_unit') }).handler
    backend = stubFetch({ '/api/registration': (req) => (down ? { networkError: true } : ok(req)) })
    render(<CardPage />)
    expect((await screen.findByTestId('load-error')).textContent).toContain('网络不给力')
    down = false
    fireEvent.click(screen.getByText('重试'))
    expect((await screen.findByTestId('card-state')).textContent).toBe('待单位确认')
  })
})

describe('待审核 page', () => {
  const unitAdmin = { kind: 'unit_admin' as const, label: '单位管理员', scopeId: 'unit-water-bureau', scopeName: '县水利局' }
  const communityAdmin = { kind: 'community_admin' as const, label: '社区管理员', scopeId: 'org-beimen', scopeName: '北门社区' }

  test('from the URL: lists the unit\'s pending people; 批量确认 then reloads the list', async () => {
    backend = stubFetch({
      '/api/registration': registrationBackend({ pending: [pendingItem('reg-a', '马小兵'), pendingItem('reg-b', '赵小红')] }).handler,
      '/api/users': usersBackend(who({ roles: [role('resident'), unitAdmin], activeRole: 'unit_admin' })),
    })
    openWith({ scope: 'unit', scopeId: 'unit-water-bureau' })
    render(<PendingPage />)

    await screen.findAllByTestId('pending-item')
    expect(screen.getByTestId('pending-title').textContent).toBe('待本单位确认的报到')
    fireEvent.click(within(screen.getAllByTestId('pending-item')[0]).getByTestId('pending-select'))
    fireEvent.click(screen.getByText('批量确认'))

    expect((await screen.findByTestId('pending-outcome-done')).textContent).toBe('已确认 1 人')
    await waitFor(() => expect(screen.getAllByTestId('pending-item').map((i) => i.getAttribute('data-id'))).toEqual(['reg-b']))
    expect(actions()).toEqual([
      { action: 'listPending', scope: 'unit', scopeId: 'unit-water-bureau' },
      { action: 'confirmUnit', ids: ['reg-a'] },
      { action: 'listPending', scope: 'unit', scopeId: 'unit-water-bureau' },
    ])
  })

  test('without parameters the active role decides: a community admin reviews their community', async () => {
    backend = stubFetch({
      '/api/registration': registrationBackend({ pending: [] }).handler,
      '/api/users': usersBackend(who({ roles: [role('resident'), communityAdmin], activeRole: 'community_admin' })),
    })
    render(<PendingPage />)
    expect((await screen.findByTestId('pending-empty')).textContent).toBe('暂无待审核的报到')
    expect(screen.getByTestId('pending-title').textContent).toBe('待本社区确认的报到')
    expect(actions()).toEqual([{ action: 'listPending', scope: 'community', scopeId: 'org-beimen' }])
  })

  test('someone who administers nothing is told so, and nothing is asked', async () => {
    backend = stubFetch({ '/api/registration': registrationBackend().handler, '/api/users': usersBackend(who()) })
    render(<PendingPage />)
    expect((await screen.findByTestId('pending-no-scope')).textContent).toContain('只有单位或社区的管理员可以审核报到')
    expect(actions()).toEqual([])
  })
})
