import fs from 'fs'
import path from 'path'
import { assertBuilt, bootApp, cloudDouble, DIST, eventually, type CloudCall } from './harness'

/**
 * WeChat privacy in the built mini-program (issue 14): the app takes over
 * wx.onNeedPrivacyAuthorization at start, the 报到 page's popup answers the held call with its
 * agree button's id, and the phone comes from WeChat's getPhoneNumber button as a code that
 * reaches `register`. The platform's side (the listener's caller, the button events) is driven
 * here as WeChat drives it.
 */

type Resolve = (answer: { event: string; buttonId?: string }) => void
type Listener = (resolve: Resolve, info: { referrer: string }) => void
type Wx = Record<string, unknown> & { webpackJsonp?: unknown }

const options = {
  communities: [{ id: 'org-beimen', name: '北门社区', streetName: '龙城街道' }],
  units: [{ id: 'unit-water-bureau', name: '县水利局', kind: '机关' }],
  buildings: [{ id: 'org-beimen-b1', name: '北门花园1栋', compoundName: '北门花园小区' }],
  skills: ['水电维修'],
  freeTime: ['周末白天'],
}

/**
 * The attributes WeChat would give a rendered <button>: miniprogram-simulate drops the attributes
 * of built-in components, so they are read as WeChat reads them, from the built base.wxml's button
 * template (`open-type="{{i.p11}}"`, `id="{{i.uid||i.sid}}"`) applied to the node's data in the page.
 */
function buttonAttributes(page: { instance: { data: unknown } }, element: { dom: Element }): Record<string, unknown> {
  const template = /<button [^>]*>/.exec(fs.readFileSync(path.join(DIST, 'base.wxml'), 'utf8'))![0]
  const sid = element.dom.getAttribute('data-sid')
  const find = (n: unknown): Record<string, unknown> | null => {
    if (!n || typeof n !== 'object') return null
    if ((n as { sid?: string }).sid === sid) return n as Record<string, unknown>
    for (const v of Object.values(n)) {
      const found = find(v)
      if (found) return found
    }
    return null
  }
  const node = find(page.instance.data)!
  const attributes: Record<string, unknown> = {}
  for (const [, name, key] of template.matchAll(/([a-z-]+)="\{\{i\.(\w+)/g)) attributes[name] = node[key]
  attributes.id = node.uid ?? node.sid
  return attributes
}

let listen: jest.Mock
let platformAsks: Listener | undefined

beforeAll(() => {
  assertBuilt()
})

beforeEach(() => {
  jest.resetModules()
  document.body.innerHTML = ''
  // What WeChat's base library (2.32.3+) has and miniprogram-simulate does not: installed on `wx`
  // before the app loads, as the client has it (miniprogram-simulate keeps what is there).
  const g = globalThis as unknown as { wx?: Wx }
  g.wx = g.wx ?? {}
  delete g.wx.webpackJsonp
  platformAsks = undefined
  listen = jest.fn((listener: Listener) => {
    platformAsks = listener
  })
  g.wx.onNeedPrivacyAuthorization = listen
})

afterEach(() => {
  delete (globalThis as unknown as { wx: Wx }).wx.onNeedPrivacyAuthorization
})

function registrationCloud(answerRegister: (data: Record<string, unknown>) => unknown = () => ({ code: 0, data: null })) {
  return cloudDouble(({ name, data }) => {
    if (name !== 'registration') return { code: 'REQUEST.UNKNOWN_FUNCTION', message: '没有这个服务接口' }
    if (data.action === 'resolveInvite') return { code: 0, data: { kind: 'community', id: 'org-beimen', name: '北门社区' } }
    if (data.action === 'options') return { code: 0, data: options }
    if (data.action === 'register') return answerRegister(data)
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
}

async function openRegister(cloud: ReturnType<typeof cloudDouble>) {
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/registration/pages/register/index', { scene: 'c%3Aorg-beimen' })
  await eventually(() => expect(page.dom.textContent).toContain('邀请您到「北门社区」报到'))
  return page
}

test('at start the app takes over the privacy authorization: wx.onNeedPrivacyAuthorization, once', () => {
  bootApp(registrationCloud().api)
  expect(listen).toHaveBeenCalledTimes(1)
  expect(typeof listen.mock.calls[0][0]).toBe('function')
})

test('app.json asks WeChat for the privacy check and ships the privacy page', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const app = require('../../dist/app.json')
  expect(app.__usePrivacyCheck__).toBe(true)
  expect(app.subPackages).toContainEqual({ root: 'packages/privacy', pages: ['pages/index/index'] })
})

test('报到: the phone is WeChat’s getPhoneNumber button, and its code reaches register as phoneCode', async () => {
  const cloud = registrationCloud(() => ({ code: 'REGISTRATION.ALREADY_REGISTERED', message: '您已有一份有效的报到，如需更换社区或单位请使用「迁移」' }))
  const page = await openRegister(cloud)

  const button = page.querySelector('.reg-form__wechat-phone')
  expect(button.dom.tagName).toBe('WX-BUTTON')
  expect(buttonAttributes(page, button)['open-type']).toBe('getPhoneNumber')
  expect(button.dom.textContent).toBe('微信手机号快速填写')
  // No typed phone in WeChat.
  expect(page.dom.innerHTML).not.toContain('11位手机号')

  // The person fills the rest of the form…
  page.querySelector('.reg-form__input').dispatchEvent('input', { detail: { value: '马小兵' } })
  page.querySelector('.select-field__box').dispatchEvent('tap')
  await eventually(() => expect(page.querySelector('.select-field__option')).toBeTruthy())
  page.querySelector('.select-field__option').dispatchEvent('tap')
  await eventually(() => expect(page.dom.textContent).toContain('县水利局'))

  // …taps 微信手机号快速填写 and allows it: WeChat answers with a one-use code.
  button.dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'phone:13912345678' } })
  await eventually(() => expect(page.dom.textContent).toContain('已取得您微信绑定的手机号'))

  page.querySelector('.reg-form__submit').dispatchEvent('tap')
  await eventually(() => expect(cloud.calls.some((c) => c.data.action === 'register')).toBe(true))
  const sent = cloud.calls.find((c) => c.data.action === 'register') as CloudCall
  expect(sent).toEqual<CloudCall>({
    name: 'registration',
    data: { action: 'register', name: '马小兵', phoneCode: 'phone:13912345678', unitId: 'unit-water-bureau', communityId: 'org-beimen', skills: [], freeTime: [] },
  })

  // The function used the code up: after its refusal the field asks for a new tap.
  await eventually(() => expect(page.dom.textContent).toContain('请重新点击「微信手机号快速填写」'))
})

test('the first tap of a private API: the 报到 page’s popup shows, and 同意 answers WeChat with the agree button’s id', async () => {
  const page = await openRegister(registrationCloud())
  const answers: unknown[] = []
  // WeChat holds the phone button's call and asks the app.
  platformAsks!((answer) => answers.push(answer), { referrer: 'button.getPhoneNumber' })

  await eventually(() => expect(page.dom.textContent).toContain('隐私保护提示'))
  expect(page.dom.textContent).toContain('「微信手机号快速填写」需要使用您的手机号')
  await eventually(() => expect(answers).toEqual([{ event: 'exposureAuthorization' }]))

  const agree = page.querySelector('.privacy-consent__agree')
  expect(agree.dom.tagName).toBe('WX-BUTTON')
  expect(buttonAttributes(page, agree)).toMatchObject({ 'open-type': 'agreePrivacyAuthorization', id: 'privacy-agree' })
  // WeChat reports the agreement through the button's own event.
  agree.dispatchEvent('agreeprivacyauthorization')

  await eventually(() => expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }]))
  await eventually(() => expect(page.dom.textContent).not.toContain('隐私保护提示'))
})

test('不同意 answers WeChat as refused, and the page says what cannot be done', async () => {
  const page = await openRegister(registrationCloud())
  const answers: unknown[] = []
  platformAsks!((answer) => answers.push(answer), { referrer: 'button.getPhoneNumber' })
  await eventually(() => expect(page.dom.textContent).toContain('隐私保护提示'))

  page.querySelector('.privacy-consent__refuse').dispatchEvent('tap')

  await eventually(() => expect(answers.at(-1)).toEqual({ event: 'disagree' }))
  await eventually(() => expect(page.dom.textContent).toContain('您没有同意隐私保护指引，「微信手机号快速填写」暂时不能使用'))
  expect(page.dom.textContent).not.toContain('隐私保护提示')
})

test('a private API on a page without the popup opens the privacy page for it', async () => {
  bootApp(registrationCloud().api)
  const wx = (globalThis as unknown as { wx: Wx }).wx
  const navigateTo = jest.fn((o: { url: string; success?: (r: unknown) => void }) => o.success?.({ errMsg: 'navigateTo:ok' }))
  const original = wx.navigateTo
  wx.navigateTo = navigateTo
  try {
    platformAsks!(() => undefined, { referrer: 'chooseMedia' })
    await eventually(() => expect(navigateTo).toHaveBeenCalledTimes(1))
    expect(navigateTo.mock.calls[0][0].url).toBe('/packages/privacy/pages/index/index?consent=1')
  } finally {
    wx.navigateTo = original
  }
})

test('the privacy page as shipped: every declared type, what is kept and why', async () => {
  const { openPage } = bootApp(registrationCloud().api)
  const page = openPage('packages/privacy/pages/index/index')
  await eventually(() => expect(page.dom.textContent).toContain('我们保存什么、为什么'))
  for (const part of ['手机号', '选中的照片或视频', '选中的文件', '完整号码只有您所在社区、工作单位及其上级街道、县的管理员能看到', '表格文件本身不保存']) {
    expect(page.dom.textContent).toContain(part)
  }
})
