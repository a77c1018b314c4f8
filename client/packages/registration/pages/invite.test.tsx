import { fireEvent, render, screen } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import { orgBackend, TINY_PNG_BASE64 } from '@/test-support/org'
import InvitePage from './invite/index'

let backend: ReturnType<typeof stubFetch>

const communityAdmin = { kind: 'community_admin' as const, label: '社区管理员', scopeId: 'org-beimen', scopeName: '北门社区' }
const unitAdmin = { kind: 'unit_admin' as const, label: '单位管理员', scopeId: 'unit-water-bureau', scopeName: '县水利局' }

/** What the platform hands the page: weapp's onLoad options / the h5 URL query. */
function openWith(params: Record<string, string>) {
  ;(Current as { router: unknown }).router = { params, path: '/packages/registration/pages/invite/index' }
}

beforeEach(() => {
  whoAmIStore.reset()
  openWith({})
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
  ;(Current as { router: unknown }).router = null
})

const orgCalls = () => backend.to('/api/org').map((c) => c.body)
/** Taro's h5 Image is a box around an <img>. */
const imageSrc = (el: HTMLElement) => (el.tagName === 'IMG' ? el : el.querySelector('img'))?.getAttribute('src')

describe('报到邀请码 page', () => {
  test('a community admin, no parameters: the code of their community, titled and explained', async () => {
    backend = stubFetch({
      '/api/org': orgBackend(),
      '/api/users': usersBackend(who({ roles: [role('resident'), communityAdmin], activeRole: 'community_admin' })),
    })
    render(<InvitePage />)

    const image = await screen.findByTestId('invite-image')
    expect(imageSrc(image)).toBe(`data:image/png;base64,${TINY_PNG_BASE64}`)
    expect(screen.getByTestId('invite-title').textContent).toBe('北门社区 报到邀请码')
    expect(screen.getByTestId('invite-tip').textContent).toBe('用微信扫一扫，到「北门社区」报到')
    expect(screen.getByTestId('invite-scene').textContent).toBe('c:org-beimen')
    expect(screen.getByTestId('page-invite').getAttribute('data-kind')).toBe('community')
    expect(orgCalls()).toEqual([{ action: 'inviteCode', kind: 'community', id: 'org-beimen' }])
  })

  test('from the home tile (scope / scopeId): a unit admin gets their unit\'s code', async () => {
    backend = stubFetch({
      '/api/org': orgBackend(),
      '/api/users': usersBackend(who({ roles: [role('resident'), unitAdmin], activeRole: 'unit_admin' })),
    })
    openWith({ scope: 'unit', scopeId: 'unit-water-bureau' })
    render(<InvitePage />)

    expect((await screen.findByTestId('invite-scene')).textContent).toBe('u:unit-water-bureau')
    expect(screen.getByTestId('invite-title').textContent).toBe('县水利局 报到邀请码')
    expect(screen.getByTestId('invite-tip').textContent).toBe('用微信扫一扫，到「县水利局」报到')
    expect(orgCalls()).toEqual([{ action: 'inviteCode', kind: 'unit', id: 'unit-water-bureau' }])
  })

  test('kind / id in the URL pick the code, e.g. a street admin showing one of their communities', async () => {
    backend = stubFetch({
      '/api/org': orgBackend(['org-chengnan']),
      '/api/users': usersBackend(who({ roles: [role('street_admin', '龙城街道')], activeRole: 'street_admin' })),
    })
    openWith({ kind: 'community', id: 'org-chengnan' })
    render(<InvitePage />)

    expect((await screen.findByTestId('invite-scene')).textContent).toBe('c:org-chengnan')
    expect(screen.getByTestId('invite-title').textContent).toBe('本社区 报到邀请码')
    expect(orgCalls()).toEqual([{ action: 'inviteCode', kind: 'community', id: 'org-chengnan' }])
  })

  test('while the code is coming: 正在加载', async () => {
    let answer: (v: ReturnType<ReturnType<typeof orgBackend>>) => void = () => {}
    const ok = orgBackend()
    backend = stubFetch({
      '/api/org': (req) => new Promise((resolve) => (answer = () => resolve(ok(req)))),
      '/api/users': usersBackend(who({ roles: [communityAdmin], activeRole: 'community_admin' })),
    })
    render(<InvitePage />)
    await screen.findByTestId('invite-title')
    expect(screen.getByTestId('loading').textContent).toBe('正在加载…')
    answer(ok({ path: '/api/org', method: 'POST', headers: {}, body: {} }))
    await screen.findByTestId('invite-image')
    expect(screen.queryByTestId('loading')).toBeNull()
  })

  test('a refusal is shown in Chinese; 重试 asks again', async () => {
    let allowed: string[] = []
    backend = stubFetch({
      '/api/org': (req) => orgBackend(allowed)(req),
      '/api/users': usersBackend(who({ roles: [communityAdmin], activeRole: 'community_admin' })),
    })
    render(<InvitePage />)

    const error = await screen.findByTestId('load-error')
    expect(error.getAttribute('data-code')).toBe('AUTH.FORBIDDEN')
    expect(error.textContent).toContain('您没有权限进行此操作')
    expect(screen.queryByTestId('invite-image')).toBeNull()

    allowed = ['org-beimen']
    fireEvent.click(screen.getByText('重试'))
    expect((await screen.findByTestId('invite-scene')).textContent).toBe('c:org-beimen')
    expect(orgCalls()).toHaveLength(2)
  })

  test('someone who administers nothing is told so, and no code is asked for', async () => {
    backend = stubFetch({ '/api/org': orgBackend(), '/api/users': usersBackend(who()) })
    render(<InvitePage />)
    expect((await screen.findByTestId('invite-no-scope')).textContent).toContain('只有社区或单位的管理员')
    expect(orgCalls()).toEqual([])
  })

  test('保存图片 in the browser downloads the PNG', async () => {
    backend = stubFetch({
      '/api/org': orgBackend(),
      '/api/users': usersBackend(who({ roles: [communityAdmin], activeRole: 'community_admin' })),
    })
    const clicked: HTMLAnchorElement[] = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this)
    })
    render(<InvitePage />)
    fireEvent.click(await screen.findByText('保存图片'))

    expect(clicked).toHaveLength(1)
    expect(clicked[0].href).toBe(`data:image/png;base64,${TINY_PNG_BASE64}`)
    expect(clicked[0].download).toBe('报到邀请码-北门社区.png')
    expect(clicked[0].isConnected).toBe(false)
  })
})
