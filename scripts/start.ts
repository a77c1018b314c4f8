/**
 * `npm start`: builds what is stale, starts the local emulator, the function runner and one
 * server for the h5 app and `/api/<function>`, seeds the demo county on first start.
 */
import { execSync } from 'node:child_process'
import path from 'node:path'
import { buildCloudFunctions, staleFunctions } from './build-cloud'
import { functionNames, mtimeOf, newestMtime, ROOT } from './lib/paths'
import { startLocalStack } from '../server/local'

const H5_DIR = path.join(ROOT, 'dist-h5')
const SHARED_SOURCES = [path.join(ROOT, 'domain')]

const FORCE_BUILD = process.env.LIANXIN_FORCE_BUILD === '1'

function h5IsStale(): boolean {
  if (FORCE_BUILD) return true
  const built = mtimeOf(path.join(H5_DIR, 'index.html'))
  const sources = newestMtime([path.join(ROOT, 'client'), path.join(ROOT, 'config'), ...SHARED_SOURCES, path.join(ROOT, 'package.json')])
  return built === 0 || sources > built
}

async function main() {
  const started = Date.now()
  const stale = FORCE_BUILD ? functionNames() : staleFunctions()
  if (stale.length > 0) {
    console.log(`构建云函数：${stale.join(', ')}`)
    await buildCloudFunctions(stale)
  }
  if (process.env.LIANXIN_SKIP_H5_BUILD !== '1' && h5IsStale()) {
    console.log('构建 h5 应用（首次约需 30 秒）…')
    execSync('npx taro build --type h5', { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  }
  const port = Number(process.env.PORT ?? 10086)
  const emulatorPort = process.env.EMULATOR_PORT ? Number(process.env.EMULATOR_PORT) : 0
  // Start the functions' clock shifted (demos of deadlines and timers): LIANXIN_CLOCK_OFFSET_MS=691200000 is 8 days ahead.
  const clockOffset = Number(process.env.LIANXIN_CLOCK_OFFSET_MS ?? 0)
  if (!Number.isFinite(clockOffset)) throw new Error(`LIANXIN_CLOCK_OFFSET_MS is not a number: ${process.env.LIANXIN_CLOCK_OFFSET_MS}`)
  const stack = await startLocalStack({ port, emulatorPort, staticDir: H5_DIR, clockOffsetMs: () => clockOffset })
  await stack.runner.warm(functionNames())
  if (stack.seeded) console.log('已写入演示数据：龙门县（见 docs/demo-identities.md）')
  console.log(`CloudBase emulator: ${stack.emulator.url}`)
  for (const { fn, trigger } of stack.runner.timerTriggers()) console.log(`定时触发器 ${fn}/${trigger.name}: ${trigger.config}`)
  console.log(`订阅消息发件箱: ${stack.url}/__local/outbox`)
  console.log(`连心 已启动 (${((Date.now() - started) / 1000).toFixed(1)} s): ${stack.url}`)

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await stack.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
