// Installs the npm dependencies when they are missing or older than the lockfile, so each of
// the README's two commands works on a fresh clone. Plain .mjs: it runs before `npm install`.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export function needsInstall(root) {
  const marker = path.join(root, 'node_modules', '.package-lock.json')
  if (!fs.existsSync(marker) || !fs.existsSync(path.join(root, 'node_modules', '.bin', 'tsx'))) return true
  const lock = path.join(root, 'package-lock.json')
  return fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs + 1000
}

export function ensureDependencies(root) {
  if (!needsInstall(root)) return false
  console.log('▶ npm install (first run)')
  const result = spawnSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit', shell: true })
  if (result.status !== 0) {
    console.error(`✗ npm install failed (exit ${result.status})`)
    process.exit(result.status || 1)
  }
  return true
}
