/**
 * The code quality scan fails for the reasons it should, on small mini-programs written here:
 * proof that the passing run on dist/ in `npm test` (scripts/test.mjs) means something, including
 * where miniprogram-ci alone would have let a problem through.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { checkQuality, offlineAndWatched, type QualityReport } from './check-quality'

interface Fixture {
  flags?: boolean
  lazy?: boolean
  files?: Record<string, string>
}

const PAGE = {
  'pages/index/index.js': 'Page({data:{n:1}});',
  'pages/index/index.json': '{}',
  'pages/index/index.wxml': '<view class="a">连心</view>\n<input value="{{n}}"></input>\n',
  'pages/index/index.wxss': '.a{color:#c8161d}',
}

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

function project({ flags = true, lazy = true, files = {} }: Fixture): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-quality-'))
  dirs.push(dir)
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    fs.writeFileSync(path.join(dir, rel), text)
  }
  write(
    'project.config.json',
    JSON.stringify({
      miniprogramRoot: 'dist/',
      compileType: 'miniprogram',
      appid: 'touristappid',
      setting: { minified: flags, minifyWXML: flags, minifyWXSS: flags, ignoreUploadUnusedFiles: true },
    }),
  )
  const app = { pages: ['pages/index/index'], ...(lazy ? { lazyCodeLoading: 'requiredComponents' } : {}) }
  const all: Record<string, string> = { 'app.json': JSON.stringify(app), 'app.js': 'App({});', ...PAGE, ...files }
  for (const [rel, text] of Object.entries(all)) write(path.join('dist', rel), text)
  return dir
}

const failed = (report: QualityReport) => report.items.filter((i) => !i.ok).map((i) => i.name)
const item = (report: QualityReport, name: string) => report.items.find((i) => i.name === name)!

test('a small project with the flags, lazyCodeLoading and minified files passes every item', async () => {
  const report = await checkQuality(project({}))
  expect(failed(report)).toEqual([])
  expect(report.ok).toBe(true)
  expect(report.items.map((i) => i.name)).toEqual(
    expect.arrayContaining(['PACKAGE_SIZE_LIMIT', 'JS_COMPRESS_OPEN', 'WXML_COMPRESS_OPEN', 'WXSS_COMPRESS_OPEN', 'LAZYCODE_LOADING_OPEN', 'CONTAINS_UNUSED_CODES', 'BUILD_JS_WXSS_MINIFIED', 'WXML_UPLOAD_MINIFIER']),
  )
  expect(report.items).toHaveLength(13)
})

test('without the upload flags and lazyCodeLoading exactly those four items fail, each saying what to set', async () => {
  const report = await checkQuality(project({ flags: false, lazy: false }))
  expect(failed(report).sort()).toEqual(['JS_COMPRESS_OPEN', 'LAZYCODE_LOADING_OPEN', 'WXML_COMPRESS_OPEN', 'WXSS_COMPRESS_OPEN'])
  expect(report.ok).toBe(false)
  expect(item(report, 'WXML_COMPRESS_OPEN').note).toContain('minifyWXML')
  expect(item(report, 'LAZYCODE_LOADING_OPEN').note).toContain('client/app.config.ts')
})

test('a file nothing uses fails although ignoreUploadUnusedFiles makes miniprogram-ci pass it', async () => {
  const report = await checkQuality(project({ files: { 'leftover.js': 'module.exports=1;' } }))
  expect(failed(report)).toEqual(['CONTAINS_UNUSED_CODES'])
  expect(item(report, 'CONTAINS_UNUSED_CODES').note).toContain('leftover.js')
})

test('unminified JS in the build fails the build check, though the upload flags are on', async () => {
  const readable = Array.from({ length: 120 }, (_, i) => `function step${i}(value) {\n  return value + ${i}\n}\n`).join('')
  const report = await checkQuality(project({ files: { 'pages/index/index.js': `${readable}Page({ data: { n: step1(0) } })\n` } }))
  expect(failed(report)).toEqual(['BUILD_JS_WXSS_MINIFIED'])
  expect(item(report, 'BUILD_JS_WXSS_MINIFIED').note).toBe(path.join('pages', 'index', 'index.js'))
})

test('a scan whose checks crash fails, where miniprogram-ci would count the crashed checks as passed', async () => {
  // An app.json that is not JSON: ci's checks throw, and ci reports them as successes.
  const report = await checkQuality(project({ files: { 'app.json': '{"pages":["pages/index/index"],' } }))
  expect(failed(report)).toContain('SCAN_ERRORS')
  expect(report.ok).toBe(false)
})

test('the offline guard refuses and records a connection instead of letting it out', async () => {
  const { value, connections } = await offlineAndWatched(
    () =>
      new Promise<string>((resolve) => {
        http.get('http://servicewechat.com/wxa/ci/getattr', () => resolve('answered')).on('error', (e) => resolve(e.message))
      }),
  )
  expect(connections).toEqual(['servicewechat.com:80'])
  expect(value).toContain('network refused')
})
