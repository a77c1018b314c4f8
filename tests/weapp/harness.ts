/**
 * Runs the built mini-program (dist/) inside miniprogram-simulate: the real app.js, the real
 * page bundle, Taro's base.wxml compiled by the official wcc. The only stand-ins are what the
 * WeChat client itself provides: App/Page/getApp/getCurrentPages, and `wx.cloud`.
 */
import fs from 'fs'
import path from 'path'

export const DIST = path.resolve(__dirname, '..', '..', 'dist')

export interface CloudCall {
  name: string
  data: Record<string, unknown>
}

export type CloudAnswer = (call: CloudCall) => unknown | Promise<unknown>

type AnyFn = (...args: unknown[]) => unknown
type Config = Record<string, unknown>

export function assertBuilt(): void {
  const needed = ['app.js', 'app.json', 'base.wxml', 'pages/home/index.js', 'pages/home/index.wxml']
  const missing = needed.filter((f) => !fs.existsSync(path.join(DIST, f)))
  if (missing.length > 0) {
    throw new Error(
      `The weapp build is missing (${missing.map((m) => `dist/${m}`).join(', ')}). ` +
        'Run `npm run build:weapp` before this test: it checks the built output, not the sources.',
    )
  }
}

/** A stand-in for wx.cloud that records callFunction and answers with `answer`. */
export function cloudDouble(answer: CloudAnswer) {
  const calls: CloudCall[] = []
  const inits: unknown[] = []
  return {
    calls,
    inits,
    api: {
      DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
      init(config: unknown) {
        inits.push(config)
      },
      async callFunction(opts: { name: string; data: Record<string, unknown>; success?: AnyFn; fail?: AnyFn }) {
        const call = { name: opts.name, data: JSON.parse(JSON.stringify(opts.data)) }
        calls.push(call)
        try {
          const res = { result: await answer(call), errMsg: 'cloud.callFunction:ok' }
          opts.success?.(res)
          return res
        } catch (e) {
          opts.fail?.(e)
          throw e
        }
      },
    },
  }
}

/** Lifecycle names of a Page that become Component lifetimes here. */
const PAGE_LIFECYCLES = new Set(['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload'])

/**
 * Boots the app once (app.js → App()), then loads a page with miniprogram-simulate, whose
 * Component() registers it. Page() is mapped onto Component(): page methods become component
 * methods and onLoad/onShow/onReady/onUnload are driven from attached/ready/detached.
 */
export function bootApp(cloud: ReturnType<typeof cloudDouble>['api']) {
  const g = globalThis as unknown as Record<string, unknown>
  // miniprogram-simulate installs its wx API and the Component() constructor on load.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const simulate = require('miniprogram-simulate')
  const wx = g.wx as Record<string, unknown>
  wx.cloud = cloud

  let app: Config | null = null
  const pages: Config[] = []
  g.App = (config: Config) => {
    app = config
  }
  g.getApp = () => app
  g.getCurrentPages = () => pages

  let currentRoute = ''
  let currentQuery: Record<string, string> = {}
  g.Page = (config: Config) => {
    const methods: Record<string, AnyFn> = {}
    const data = (config.data as Config) ?? {}
    for (const [k, v] of Object.entries(config)) {
      if (typeof v === 'function' && !PAGE_LIFECYCLES.has(k)) methods[k] = v as AnyFn
    }
    const route = currentRoute
    const query = currentQuery
    const call = (self: Config, name: string, ...args: unknown[]) => (config[name] as AnyFn | undefined)?.apply(self, args)
    ;(g.Component as AnyFn)({
      data,
      methods: Object.assign({}, methods, {
        onLoad: config.onLoad,
        onShow: config.onShow,
        onReady: config.onReady,
        onHide: config.onHide,
        onUnload: config.onUnload,
      }),
      lifetimes: {
        attached(this: Config) {
          this.route = route
          pages.push(this)
          call(this, 'onLoad', query)
          call(this, 'onShow')
        },
        ready(this: Config) {
          call(this, 'onReady')
        },
        detached(this: Config) {
          call(this, 'onUnload')
          pages.splice(pages.indexOf(this), 1)
        },
      },
    })
  }

  require(path.join(DIST, 'app.js'))
  if (!app) throw new Error('dist/app.js did not call App()')
  const appConfig = app as Config
  ;(appConfig.onLaunch as AnyFn | undefined)?.call(appConfig, { path: 'pages/home/index', query: {}, scene: 1001 })
  ;(appConfig.onShow as AnyFn | undefined)?.call(appConfig, { path: 'pages/home/index', query: {}, scene: 1001 })

  return {
    simulate,
    app: appConfig,
    /**
     * Loads and attaches a page by route, e.g. 'pages/home/index'. `query` is what WeChat passes
     * to onLoad: the page URL's query, or a QR code's `scene` (still URL-encoded).
     */
    openPage(route: string, query: Record<string, string> = {}) {
      currentRoute = route
      currentQuery = query
      const id = simulate.load(path.join(DIST, route), { rootPath: DIST })
      const page = simulate.render(id)
      page.attach(document.createElement('parent-wrapper'))
      return page
    },
  }
}

/** Polls until `check` stops throwing: Taro's setData is asynchronous. */
export async function eventually<T>(check: () => T, timeoutMs = 5000): Promise<T> {
  const start = Date.now()
  for (;;) {
    try {
      return check()
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e
      await new Promise((r) => setTimeout(r, 10))
    }
  }
}

/** users.whoami's answer for 陈红, the demo community admin of 北门社区 (the admin, orders and wishes pages start from her). */
export const COMMUNITY_ADMIN_WHOAMI = {
  id: 'user-demo-community-admin',
  displayName: '陈红',
  phoneMasked: '138****1004',
  roles: [
    { kind: 'resident', label: '居民' },
    { kind: 'community_admin', label: '社区管理员', scopeId: 'org-beimen', scopeName: '北门社区' },
  ],
  activeRole: 'community_admin',
  created: false,
  createdAt: '2026-11-01T01:00:00.000Z',
}
