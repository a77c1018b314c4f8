import fs from 'fs'
import path from 'path'
import { assertBuilt, bootApp, cloudDouble, DIST, eventually } from './harness'

const resident = {
  id: 'u1',
  displayName: '王秀英',
  phoneMasked: '138****1001',
  roles: [{ kind: 'resident', label: '居民' }],
  activeRole: 'resident',
  created: false,
  createdAt: '2026-11-01T01:00:00.000Z',
}

type Wx = Record<string, unknown>
const wx = () => (globalThis as unknown as { wx: Wx }).wx

beforeAll(() => assertBuilt())

beforeEach(() => {
  jest.resetModules()
  if ((globalThis as { wx?: Wx }).wx) delete wx().webpackJsonp
  document.body.innerHTML = ''
})

/** The phone's storage: kept across a restart of the mini-program within one test. */
let storage = new Map<string, unknown>()
beforeEach(() => {
  storage = new Map()
})

/**
 * What WeChat answers for the person's own type size, the window (a 375-wide phone) and storage
 * (miniprogram-simulate's storage API keeps nothing). miniprogram-simulate installs wx on require.
 */
function weChatSettings(fontSizeScaleFactor: number) {
  require('miniprogram-simulate')
  Object.assign(wx(), {
    getAppBaseInfo: () => ({ SDKVersion: '3.7.0', language: 'zh_CN', fontSizeScaleFactor, fontSizeSetting: Math.round(17 * fontSizeScaleFactor) }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2, screenWidth: 375, screenHeight: 812, statusBarHeight: 44 }),
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    removeStorageSync: (key: string) => storage.delete(key),
  })
}

/** A fresh start of the mini-program: new modules, the same phone. */
function restart() {
  jest.resetModules()
  delete wx().webpackJsonp
  document.body.innerHTML = ''
}

const rootFontSizeKey = (route: string) =>
  /root-font-size="\{\{pageMeta\.(\w+)/.exec(fs.readFileSync(path.join(DIST, route, 'index.wxml'), 'utf8'))![1]

/** The page-meta attributes the page template binds (dist/pages/<page>/index.wxml). */
function pageMetaOf(page: { instance: { data: Record<string, Record<string, unknown>> } }) {
  return { meta: page.instance.data.pageMeta ?? {} }
}

test('every page of the build has page-meta bound to root-font-size only (scripts/taro/slimPageMeta.ts), no navigation-bar', () => {
  const app = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> }
  const pages = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
  const unscaled = pages.filter(
    (page) => !/<page-meta data-sid="\{\{pageMeta\.sid\}\}" root-font-size="\{\{pageMeta\.\w+\|\|''\}\}" bindresize="eh"><\/page-meta>/.test(fs.readFileSync(path.join(DIST, `${page}.wxml`), 'utf8')),
  )
  expect(unscaled).toEqual([])
  expect(pages.filter((page) => fs.readFileSync(path.join(DIST, `${page}.wxml`), 'utf8').includes('navigation-bar'))).toEqual([])
})

test('at standard size page-meta’s root-font-size is WeChat’s own rem, windowWidth/20', async () => {
  weChatSettings(1)
  const { openPage } = bootApp(cloudDouble(() => ({ code: 0, data: resident })).api)
  const page = openPage('pages/home/index')
  await eventually(() => expect(page.dom.textContent).toContain('您好，王秀英'))

  expect(pageMetaOf(page).meta[rootFontSizeKey('pages/home')]).toBe('18.75px')
})

test('WeChat’s larger type (fontSizeScaleFactor 1.4) scales the page; the 我的 switch cannot make it smaller', async () => {
  weChatSettings(1.4)
  const { openPage } = bootApp(cloudDouble(() => ({ code: 0, data: resident })).api)
  const page = openPage('pages/mine/index')
  await eventually(() => expect(page.dom.textContent).toContain('王秀英'))
  const attr = rootFontSizeKey('pages/mine')
  expect(pageMetaOf(page).meta[attr]).toBe('26.25px')
  expect(page.dom.textContent).toContain('已跟随微信字体放大到 140%')

  page.querySelector('.care-switch').dispatchEvent('tap')
  await eventually(() => expect(page.dom.textContent).toContain('已开启'))
  expect(pageMetaOf(page).meta[attr]).toBe('26.25px')
})

test('the switch on 我的 scales the page by 1.25, repaints it in the care palette, and is still on after a restart', async () => {
  weChatSettings(1)
  const first = bootApp(cloudDouble(() => ({ code: 0, data: resident })).api)
  const mine = first.openPage('pages/mine/index')
  await eventually(() => expect(mine.dom.textContent).toContain('王秀英'))
  const attr = rootFontSizeKey('pages/mine')
  expect(mine.querySelector('.page').dom.className).not.toContain('care')

  mine.querySelector('.care-switch').dispatchEvent('tap')

  await eventually(() => expect(pageMetaOf(mine).meta[attr]).toBe('23.44px'))
  expect(mine.querySelector('.page').dom.className).toContain('care')
  expect(mine.dom.textContent).toContain('已开启')
  expect(storage.get('lianxin.careMode')).toBe(true)

  restart()
  weChatSettings(1)
  const again = bootApp(cloudDouble(() => ({ code: 0, data: resident })).api)
  const home = again.openPage('pages/home/index')
  await eventually(() => expect(home.dom.textContent).toContain('您好，王秀英'))
  expect(pageMetaOf(home).meta[rootFontSizeKey('pages/home')]).toBe('23.44px')
  expect(home.querySelector('.page').dom.className).toContain('care')
})

test('the custom tab bar: four text tabs, the showing tab page selected, labels sized from the care scale', async () => {
  weChatSettings(1)
  const { openPage, simulate } = bootApp(cloudDouble(() => ({ code: 0, data: resident })).api)
  openPage('pages/wishes/index')
  // Taro defaults a component's behaviors and externalClasses to {}; WeChat takes that,
  // miniprogram-simulate wants arrays.
  const g = globalThis as unknown as { Component: (def: Record<string, unknown>) => unknown }
  const register = g.Component
  g.Component = (def) => register({ ...def, behaviors: [], externalClasses: [] })
  const id = simulate.load(path.join(DIST, 'custom-tab-bar/index'), { rootPath: DIST })
  g.Component = register
  const bar = simulate.render(id)
  bar.attach(document.createElement('parent-wrapper'))

  await eventually(() => expect(bar.dom.textContent).toBe('首页心愿服务我的'))
  const items = () => bar.querySelectorAll('.tab-bar__item') as Array<{ dom: HTMLElement }>
  await eventually(() => expect(items().map((i) => i.dom.className.includes('tab-bar__item--selected'))).toEqual([false, true, false, false]))
  // Set in rpx (miniprogram-simulate writes rpx as px): 36 at standard size.
  expect(items()[0].dom.getAttribute('style')).toContain('font-size: 36px')

  const mine = openPage('pages/mine/index')
  await eventually(() => expect(items().map((i) => i.dom.className.includes('tab-bar__item--selected'))).toEqual([false, false, false, true]))
  await eventually(() => expect(mine.dom.textContent).toContain('王秀英'))
  mine.querySelector('.care-switch').dispatchEvent('tap')
  await eventually(() => expect(items()[0].dom.getAttribute('style')).toContain('font-size: 45px'))
  expect(bar.querySelector('.tab-bar').dom.className).toContain('care')
})
