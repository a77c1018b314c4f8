#!/usr/bin/env node
// `npm test`: everything CI needs, from a clean clone, in one command. It installs what is
// missing (dependencies, a Chromium) and fails loudly when it cannot; no test is ever skipped
// because a tool is absent. Plain .mjs because it must run before `npm install` has.
import { execSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureDependencies } from './lib/deps.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const started = Date.now()

function step(title, fn) {
  const t0 = Date.now()
  console.log(`\n▶ ${title}`)
  fn()
  console.log(`✓ ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
}

function run(command, env = {}) {
  const result = spawnSync(command, { cwd: ROOT, stdio: 'inherit', shell: true, env: { ...process.env, ...env } })
  if (result.status !== 0) {
    console.error(`\n✗ failed (exit ${result.status}): ${command}`)
    process.exit(result.status || 1)
  }
}

function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean)
  return candidates.find((p) => fs.existsSync(p))
}

function ensureChromium() {
  let chrome = findChromium()
  if (!chrome) {
    console.log('Chromium is missing: installing Debian packages chromium and fonts-noto-cjk …')
    const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : ''
    run(`${sudo}apt-get update -q && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk`)
    chrome = findChromium()
  }
  if (!chrome) {
    console.error('✗ No Chromium found and it could not be installed. Install Debian package `chromium` or set CHROME_PATH.')
    process.exit(1)
  }
  const version = execSync(`"${chrome}" --version`, { encoding: 'utf8' }).trim()
  console.log(`browser: ${chrome} (${version})`)
  return chrome
}

step('dependencies', () => ensureDependencies(ROOT))
let chrome
step('browser for end-to-end tests', () => {
  chrome = ensureChromium()
})
step('build cloud functions', () => run('npx tsx scripts/build-cloud.ts'))
step('build weapp', () => run('npx taro build --type weapp', { NODE_ENV: 'production' }))
step('WeChat code quality scan of dist/ (offline)', () => run('npx tsx scripts/check-quality.ts'))
step('build h5', () => run('npx taro build --type h5', { NODE_ENV: 'production' }))
step('typecheck', () => run('npx tsc --noEmit -p tsconfig.json'))
step('tests: domain, emulator, cloud functions, components, weapp, browser', () =>
  run('npx jest --ci --maxWorkers=2', { CHROME_PATH: chrome, LIANXIN_REQUIRE_BROWSER: '1' }),
)
console.log(`\nAll tests passed in ${((Date.now() - started) / 1000).toFixed(0)} s`)
