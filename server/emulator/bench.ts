// Quick measurement of the emulator against its targets, through the real wx-server-sdk over
// HTTP with concurrent callers, the emulator running in its own process (as `npm run emulator`).
//   npx tsx server/emulator/bench.ts [docs=100000]
// Prints seed time, p50/p95 of indexed queries, inserts/s, conditional updates/s, peak RSS.
import { spawn } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import { sdkEnv } from './index'

const DOCS = Number(process.argv[2] ?? 100_000)
const CONCURRENCY = 16

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'))
  const port = 20000 + Math.floor(Math.random() * 20000)
  // node --import tsx, not the tsx CLI: the CLI runs the script in a grandchild, hiding its pid.
  const serve = (p: number) =>
    spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []), '--import', 'tsx', path.join(__dirname, 'main.ts')], { env: { ...process.env, EMULATOR_PORT: String(p), LIANXIN_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] })
  const child = serve(port)
  children.push(child)
  await new Promise<void>((resolve) => child.stdout.on('data', (c) => String(c).includes('emulator on') && resolve()))
  serverPid = child.pid!
  const url = `http://127.0.0.1:${port}/admin`
  Object.assign(process.env, sdkEnv(url), { SILENCE: 'true' })
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk')
  cloud.init({ env: 'lianxin-local' })
  const db = cloud.database()
  const wishes = db.collection('wishes')
  // Not a multiple of 3, so every community gets every state.
  const communities = Math.floor(DOCS / 200) % 3 === 0 ? Math.floor(DOCS / 200) + 1 : Math.floor(DOCS / 200)
  const states = ['open', 'taken', 'done']

  let t = Date.now()
  for (let i = 0; i < DOCS; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, DOCS - i) }, (_v, j) => {
      const n = i + j
      // intakeKey: wishes.author_intake_unique (author.userId, intakeKey) holds one wish per key.
      return { _id: `w${n}`, communityId: `c${n % communities}`, state: states[n % 3], createdAt: new Date(Date.UTC(2024, 0, 1) + n * 1000), title: `wish ${n}`, body: 'x'.repeat(120), intakeKey: `seed-${n}` }
    })
    await wishes.add({ data: batch })
  }
  console.log(`seeded ${DOCS} docs in ${Date.now() - t} ms (batches of 1000 over HTTP)`)

  const lat: number[] = []
  await run(2000, async (i) => {
    const s = process.hrtime.bigint()
    const res = await wishes.where({ communityId: `c${i % communities}`, state: 'open' }).orderBy('createdAt', 'desc').limit(20).get()
    lat.push(Number(process.hrtime.bigint() - s) / 1e6)
    if (res.data.length === 0) throw new Error('expected matches')
  })
  lat.sort((a, b) => a - b)
  console.log(`indexed query (limit 20, concurrency ${CONCURRENCY}): p50 ${lat[lat.length >> 1].toFixed(2)} ms, p95 ${lat[Math.floor(lat.length * 0.95)].toFixed(2)} ms`)

  const single: number[] = []
  for (let i = 0; i < 500; i++) {
    const s = process.hrtime.bigint()
    await wishes.where({ communityId: `c${i % communities}`, state: 'taken' }).limit(20).get()
    single.push(Number(process.hrtime.bigint() - s) / 1e6)
  }
  single.sort((a, b) => a - b)
  console.log(`indexed query (limit 20, one caller): p50 ${single[single.length >> 1].toFixed(2)} ms`)

  const inserts = 5000
  t = Date.now()
  await run(inserts, (i) => wishes.add({ data: { communityId: `c${i % communities}`, state: 'open', createdAt: db.serverDate(), title: `new ${i}`, intakeKey: `new-${i}` } }))
  console.log(`inserts: ${Math.round((inserts * 1000) / (Date.now() - t))}/s (concurrency ${CONCURRENCY})`)

  const updates = 5000
  let updated = 0
  t = Date.now()
  await run(updates, async (i) => {
    const r = await wishes.where({ _id: `w${i * 3}`, state: 'open' }).update({ data: { state: 'taken', takenAt: db.serverDate() } })
    updated += r.stats.updated
  })
  console.log(`conditional updates: ${Math.round((updates * 1000) / (Date.now() - t))}/s (${updated} applied, concurrency ${CONCURRENCY})`)

  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
  console.log(`emulator peak RSS: ${status.match(/VmHWM:\s+(\d+)/)?.[1]} kB`)
  child.kill('SIGTERM')
  await new Promise((r) => child.on('exit', r))
  const t2 = Date.now()
  const restart = serve(port + 1)
  children.push(restart)
  await new Promise<void>((resolve) => restart.stdout.on('data', (c) => String(c).includes('emulator on') && resolve()))
  console.log(`restart (replay ${(fs.statSync(path.join(dataDir, 'journal.wal')).size / 1e6).toFixed(1)} MB journal): ${Date.now() - t2} ms`)
  restart.kill('SIGTERM')
  await new Promise((r) => restart.on('exit', r))
  fs.rmSync(dataDir, { recursive: true, force: true })
}

// Never leave a server behind, whatever happens to the bench.
const children: Array<import('child_process').ChildProcess> = []
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')))

let serverPid = 0
const serverCpuMs = () => {
  const f = fs.readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100
}

async function run(total: number, op: (i: number) => Promise<unknown>): Promise<void> {
  const c0 = process.cpuUsage()
  const s0 = serverCpuMs()
  const t0 = Date.now()
  await runAll(total, op)
  const wall = Date.now() - t0
  const c = process.cpuUsage(c0)
  console.log(`  [wall ${wall} ms; cpu: SDK callers ${Math.round((c.user + c.system) / 1000)} ms, emulator ${Math.round(serverCpuMs() - s0)} ms]`)
}

async function runAll(total: number, op: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await op(next++)
    }),
  )
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

