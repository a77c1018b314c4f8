/**
 * Shared set-up for browser tests: the real `npm start` server in a fresh data directory, and
 * Debian's Chromium driven by playwright-core. A missing browser is a failure, never a skip.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const ROOT = path.resolve(__dirname, '..', '..')
export const RESULTS_DIR = path.join(ROOT, 'test-results')

export function chromePath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
  const found = candidates.find((p) => fs.existsSync(p))
  if (!found) throw new Error('No Chromium: run `npm test` (it installs Debian chromium) or set CHROME_PATH')
  return found
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface RunningApp {
  url: string
  dataDir: string
  output: () => string
  stop(): Promise<void>
}

/** Runs `scripts/start.ts` exactly as `npm start` does, on a free port and an empty data dir. */
export async function startApp(timeoutMs = 120_000): Promise<RunningApp> {
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-'))
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LIANXIN_DATA_DIR: dataDir, EMULATOR_PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  child.stdout!.on('data', (d) => (log += d))
  child.stderr!.on('data', (d) => (log += d))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up in ${timeoutMs} ms:\n${log}`)), timeoutMs)
    const onData = () => {
      const match = /已启动[^\n]*?(http:\/\/127\.0\.0\.1:\d+)/.exec(log)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`npm start exited (${code}):\n${log}`))
    })
  })
  return {
    url,
    dataDir,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser(): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath(),
    headless: true,
    // A phone-sized window: the app is a mini-program.
    viewport: { width: 414, height: 896 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    async close() {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

/**
 * A fresh document at an h5 route (`/pages/home/index`, `/packages/…/index?scene=…`): Taro's
 * hash router keeps visited pages in the DOM, so every step of a story starts from a clean load.
 * The demo identity survives, kept in localStorage.
 */
export async function openRoute(page: Page, appUrl: string, route: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(`${appUrl}/#${route}`)
}

/** Act as a demo identity through the switcher on 首页 or 我的 (by openid: labels may change). */
export async function actAs(page: Page, openid: string): Promise<void> {
  await page.locator('[data-testid="identity-switcher-open"]:visible').first().click()
  await page.locator(`[data-testid="identity-option"][data-openid="${openid}"]`).click()
  await page.locator('[data-testid="identity-sheet"]').waitFor({ state: 'detached' })
  await page.locator(`[data-testid="identity-current"][data-openid="${openid}"]:visible`).first().waitFor()
}

/** Waits until page transitions (Taro's h5 pages slide in) have finished, so a screenshot shows one page. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  )
}

export interface BrowserSuite {
  app: RunningApp
  browser: Awaited<ReturnType<typeof launchBrowser>>
  /** Uncaught page errors seen during the suite; a flow test ends by expecting none. */
  problems: string[]
}

/**
 * Registers the set-up every flow test shares: the real `npm start` app, Chromium, page errors
 * collected. The fields are filled once `beforeAll` has run.
 */
export function browserSuite(): BrowserSuite {
  const suite = { problems: [] as string[] } as BrowserSuite
  beforeAll(async () => {
    suite.app = await startApp()
    suite.browser = await launchBrowser()
    suite.browser.page.on('pageerror', (e) => suite.problems.push(String(e)))
    fs.mkdirSync(RESULTS_DIR, { recursive: true })
  })
  afterAll(async () => {
    await suite.browser?.close()
    await suite.app?.stop()
  })
  return suite
}

/** A full-page screenshot into test-results/, once transitions have finished. */
export async function shot(page: Page, name: string): Promise<void> {
  await settle(page)
  await page.screenshot({ path: path.join(RESULTS_DIR, name), fullPage: true })
}

/**
 * Every page route of the app as client/app.config.ts lists it (main pages, then each
 * subpackage's), e.g. `pages/home/index`, `packages/orders/pages/detail/index`. The config is
 * read as the build reads it, with Taro's `defineAppConfig` as the identity.
 */
export function appPageRoutes(): string[] {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown }
  g.defineAppConfig ??= (c) => c
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const config = require(path.join(ROOT, 'client', 'app.config.ts')).default as {
    pages: string[]
    subPackages?: Array<{ root: string; pages: string[] }>
  }
  return [...config.pages, ...(config.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
}
