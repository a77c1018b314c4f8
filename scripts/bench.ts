/**
 * `npm run bench`: the figures the issues ask for, measured, one per line.
 *   sizes: weapp main package and total, h5 entry
 *   emulator at 100,000 documents: indexed equality query p50/p95, inserts/s, conditional updates/s, peak memory
 *   database round trips of every action of every cloud function
 *   npm start: seconds until the app answers, with every build redone
 *   import: importWorkbook of a 5,000-member sheet through the runner (seconds, round trips)
 *   registration: listPending of a community holding 10,000 registrations (round trips, latency),
 *     confirmCommunity round trips
 *   stats: the county dashboard at 100,000 members / 1,000,000 ledger rows and at 10× less (round
 *     trips, p50/p95), the monthly report, roll-ups after 100 and 1,000 changes, the nightly recount
 *     (scripts/bench-stats.ts; each size in its own process)
 * Flags: --no-build (measure the existing dist/ and dist-h5/), --docs=N (default 100000),
 * --only=sizes,emulator,roundtrips,start,registration,import,orders,wishes,share,activities,households,exports,stats.
 */
import { execSync, spawn } from 'node:child_process'
import http from 'node:http'
import { EJSON } from 'bson'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { ROOT } from './lib/paths'
import { sdkEnv } from '../server/emulator'
import { startTestStack } from '../server/testing/stack'
import { AREAS } from '../domain/api'
import { ROUND_TRIP_CASES } from './bench-cases'
import { ordersFigures } from './bench-recommend'
import { wishesFigures } from './bench-wishes'
import { shareFigures } from './bench-share'
import { activitiesFigures } from './bench-activities'
import { householdsFigures } from './bench-households'
import { exportsFigures } from './bench-exports'
import { statsFigures } from './bench-stats'
import { buildWorkbook } from '../tests/fixtures/importWorkbook'
import { pendingWithCaller } from '../cloudfunctions/registration/src/pending'
import { findCallerWithLive } from '../server/kit/users'

const args = process.argv.slice(2)
const flag = (name: string) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))
const only = flag('only')?.split('=')[1]?.split(',')
const wants = (part: string) => !only || only.includes(part)
const DOCS = Number(flag('docs')?.split('=')[1] ?? 100_000)

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const figure = (name: string, value: string) => console.log(`${name}: ${value}`)

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? filesUnder(full) : [full]
  })
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

function sizes() {
  if (!flag('no-build')) {
    execSync('npx taro build --type weapp', { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } })
    execSync('npx taro build --type h5', { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } })
  }
  const dist = path.join(ROOT, 'dist')
  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
  const subRoots: string[] = (appJson.subPackages ?? appJson.subpackages ?? []).map((s: { root: string }) => path.join(dist, s.root))
  const all = filesUnder(dist).filter((f) => !f.endsWith('.map'))
  const main = all.filter((f) => !subRoots.some((root) => f.startsWith(root + path.sep)))
  const total = all.reduce((n, f) => n + fs.statSync(f).size, 0)
  const mainSize = main.reduce((n, f) => n + fs.statSync(f).size, 0)
  figure('weapp main package', `${kb(mainSize)} (limit 2048 KB; target ≤ 400 KB at this stage)`)
  figure('weapp total', `${kb(total)} (${subRoots.length} subpackages)`)

  const h5 = path.join(ROOT, 'dist-h5')
  const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8')
  const entry = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => path.join(h5, m[1]))
  const raw = entry.reduce((n, f) => n + fs.statSync(f).size, 0)
  const gz = entry.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(f)).length, 0)
  figure('h5 entry (js+css loaded by index.html)', `${kb(raw)} raw, ${kb(gz)} gzip, ${entry.length} files`)
}

async function emulatorFigures() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'))
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'emulator', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, EMULATOR_PORT: String(port), LIANXIN_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      if (out.includes('CloudBase emulator on')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`emulator exited ${code}`)))
  })
  // The SDK in this process plays the cloud functions: the emulator runs in its own process so
  // its memory is measured alone.
  Object.assign(process.env, sdkEnv(`http://127.0.0.1:${port}/admin`))
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const wishes = cloud.database().collection('wishes')

  const COMMUNITIES = Math.max(1, Math.floor(DOCS / 200))
  const states = ['published', 'lit', 'delivered', 'confirmed', 'submitted']
  const doc = (i: number) => ({
    communityId: `c-${i % COMMUNITIES}`,
    state: states[Math.floor(i / COMMUNITIES) % states.length],
    title: `心愿 ${i}`,
    details: '想要一台点读机，帮助孩子学英语。'.repeat(3),
    estimatedValue: i % 1000,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  })

  const seedStarted = Date.now()
  const BATCH = 1000
  for (let i = 0; i < DOCS; i += BATCH) {
    await wishes.add({ data: Array.from({ length: Math.min(BATCH, DOCS - i) }, (_, k) => doc(i + k)) })
  }
  figure(`emulator seeded ${DOCS} documents (batches of ${BATCH})`, `${((Date.now() - seedStarted) / 1000).toFixed(1)} s`)

  const timings: number[] = []
  for (let q = 0; q < 500; q++) {
    const t0 = process.hrtime.bigint()
    const { data } = await wishes.where({ communityId: `c-${q % COMMUNITIES}`, state: 'published' }).orderBy('createdAt', 'desc').limit(20).get()
    timings.push(Number(process.hrtime.bigint() - t0) / 1e6)
    if (data.length !== 20) throw new Error(`expected 20 results, got ${data.length}`)
  }
  timings.sort((a, b) => a - b)
  figure(
    `emulator @${DOCS}: indexed equality query (communityId+state, orderBy createdAt, limit 20) via wx-server-sdk`,
    `p50 ${percentile(timings, 50).toFixed(2)} ms, p95 ${percentile(timings, 95).toFixed(2)} ms`,
  )

  const CONCURRENCY = 16
  async function throughput(total: number, op: (i: number) => Promise<unknown>): Promise<number> {
    let next = 0
    const t0 = Date.now()
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < total) await op(next++)
      }),
    )
    return total / ((Date.now() - t0) / 1000)
  }
  const inserted: Array<{ _id: string; state: string }> = []
  const insertsPerSecond = await throughput(4000, async (i) => {
    const data = doc(DOCS + i)
    const { _id } = await wishes.add({ data })
    inserted.push({ _id, state: data.state })
  })
  figure(`emulator @${DOCS}: inserts/s (one document per call, ${CONCURRENCY} concurrent)`, insertsPerSecond.toFixed(0))

  // The same inserts as the SDK sends them (one EJSON document per admin-API call), from a lean
  // HTTP client: wx-server-sdk spends ~0.5 ms of CPU per call in the calling process, which on
  // two cores caps what one client process can send; this line measures the emulator itself.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const rawInsert = (data: object) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ action: 'database.insertDocument', collectionName: 'wishes', envName: 'lianxin-local', data: [EJSON.stringify(data, { relaxed: false })] })
      const req = http.request(`http://127.0.0.1:${port}/admin?env=lianxin-local`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        let text = ''
        res.on('data', (d) => (text += d))
        res.on('end', () => (res.statusCode === 200 && text.includes('insertedIds') ? resolve() : reject(new Error(text))))
      })
      req.on('error', reject)
      req.end(body)
    })
  const rawInsertsPerSecond = await throughput(4000, (i) => rawInsert(doc(DOCS + 10_000 + i)))
  agent.destroy()
  figure(`emulator @${DOCS}: inserts/s (admin-API calls as the SDK sends them, lean client, ${CONCURRENCY} concurrent)`, rawInsertsPerSecond.toFixed(0))

  let updated = 0
  const updatesPerSecond = await throughput(inserted.length, async (i) => {
    const { stats } = await wishes.where({ _id: inserted[i]._id, state: inserted[i].state }).update({ data: { state: 'taken_down' } })
    updated += stats.updated
  })
  if (updated !== inserted.length) throw new Error(`conditional updates applied ${updated} of ${inserted.length}`)
  figure(`emulator @${DOCS}: conditional updates/s (where _id+state → update, ${CONCURRENCY} concurrent)`, updatesPerSecond.toFixed(0))

  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
  figure(`emulator @${DOCS}: peak memory (VmHWM of the emulator process)`, `${(hwm / 1024).toFixed(0)} MB`)

  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
  fs.rmSync(dataDir, { recursive: true, force: true })
}

async function roundTrips() {
  const stack = await startTestStack({ seed: true })
  try {
    const covered = new Set(ROUND_TRIP_CASES.map((c) => `${c.fn}.${c.event.action}`))
    const missing = Object.values(AREAS).flatMap((a) => Object.keys(a.actions).map((action) => `${a.name}.${action}`)).filter((k) => !covered.has(k))
    if (missing.length) throw new Error(`bench-cases.ts has no case for: ${missing.join(', ')}`)
    const saved = new Map<string, unknown>()
    const savedAs = (name: string): any => {
      if (!saved.has(name)) throw new Error(`bench-cases.ts: no earlier case saved "${name}"`)
      return saved.get(name)
    }
    for (const c of ROUND_TRIP_CASES) {
      for (const f of c.files ?? []) stack.emulator.storage.put(f.cloudPath, f.bytes, { contentType: f.contentType })
      const event = c.fill ? { ...c.event, ...c.fill(savedAs) } : c.event
      const { result, roundTrips: n, error } = await stack.call(c.fn, event, c.openid)
      if ((result as { code: unknown })?.code !== 0) throw new Error(`${c.fn}.${c.event.action} (${c.label}): ${JSON.stringify(result ?? error)}`)
      if (c.saveAs) saved.set(c.saveAs, (result as { data: unknown }).data)
      figure(`round trips ${c.fn}.${c.event.action} (${c.label})`, String(n))
    }
  } finally {
    await stack.close()
  }
}

/**
 * The issue "Dual registration": listing 20 pending members of a community holding 10,000
 * members. One community (北门社区 of the demo county) gets 10,000 registrations, every 200th
 * waiting for the community (50 pending_community), the rest registered, and their 10,000 people;
 * its admin (demo-community-admin) lists the first page through the runner, as the app does.
 */
async function registrationFigures() {
  const MEMBERS = 10_000
  const CALLS = 200
  const stack = await startTestStack({ seed: true })
  try {
    const db = stack.emulator.db
    const community = db.collection('org_nodes').findOne({ _id: 'org-beimen' })!
    const lineage = [...community.path, community._id]
    const registrations: Record<string, unknown>[] = []
    const people: Record<string, unknown>[] = []
    for (let i = 0; i < MEMBERS; i++) {
      const pending = i % 200 === 0
      const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000)
      const userId = `bench-user-${i}`
      const id = `bench-reg-${i}`
      const name = `成员${i}`
      const submit = { verb: 'submit', from: null, to: 'pending_unit', by: userId, byName: name, at }
      const confirmUnit = { verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', by: 'user-demo-unit-admin', byName: '刘洋', at }
      const confirmCommunity = { verb: 'confirmCommunity', from: 'pending_community', to: 'registered', by: 'user-demo-community-admin', byName: '陈红', at }
      registrations.push({
        _id: id, userId, name, phone: `139${String(i).padStart(8, '0')}`,
        unitId: 'unit-water-bureau', unitName: '县水利局', unitCountyId: lineage[0],
        communityId: community._id, communityName: community.name, communityLineage: lineage,
        skills: ['水电维修'], freeTime: ['周末白天'],
        state: pending ? 'pending_community' : 'registered',
        history: pending ? [submit, confirmUnit] : [submit, confirmUnit, confirmCommunity],
        createdAt: at, updatedAt: at,
      })
      people.push({
        _id: userId, openid: `bench-openid-${i}`, name, phone: `139${String(i).padStart(8, '0')}`,
        // The member role is derived from the registered live registration, not stored.
        roles: [],
        liveRegistrationId: id, createdAt: at, updatedAt: at,
      })
    }
    await db.collection('registrations').insertMany(registrations)
    await db.collection('users').insertMany(people)
    const pendingThere = db.collection('registrations').count({ communityId: community._id, state: 'pending_community' })
    figure(`registration @${MEMBERS}: seeded`, `${db.collection('registrations').count({ communityId: community._id })} registrations in ${community.name}, ${pendingThere} pending_community`)

    const event = { action: 'listPending', scope: 'community', scopeId: community._id, limit: 20 }
    const openid = 'demo-community-admin'
    for (let i = 0; i < 20; i++) await stack.call('registration', event, openid) // warm the worker
    const trips = new Set<number>()
    const inMain: number[] = []
    const wall: number[] = []
    for (let i = 0; i < CALLS; i++) {
      const t0 = process.hrtime.bigint()
      const invocation = await stack.runner.invoke('registration', event, { openid })
      wall.push(Number(process.hrtime.bigint() - t0) / 1e6)
      const result = invocation.result as { code: unknown; data?: { items: unknown[]; total: number } }
      if (result?.code !== 0 || result.data!.items.length !== 20 || result.data!.total !== pendingThere) {
        throw new Error(`listPending: ${JSON.stringify(result).slice(0, 300)}`)
      }
      trips.add(invocation.roundTrips)
      inMain.push(invocation.durationMs)
    }
    inMain.sort((a, b) => a - b)
    wall.sort((a, b) => a - b)
    figure(`registration @${MEMBERS}: listPending round trips (community admin, first page of 20)`, [...trips].join(', '))
    figure(
      `registration @${MEMBERS}: listPending invocation (main() in the runner, ${CALLS} calls)`,
      `p50 ${percentile(inMain, 50).toFixed(2)} ms, p95 ${percentile(inMain, 95).toFixed(2)} ms`,
    )
    // The runner's floor on this machine, for reading the line above: the smallest aggregation a
    // function makes (the caller with its live registration, what myCard needs for a member).
    const floor: number[] = []
    for (let i = 0; i < 20 + CALLS; i++) {
      const invocation = await stack.runner.invoke('registration', { action: 'myCard' }, { openid: 'demo-member' })
      if ((invocation.result as { code: unknown })?.code !== 0 || invocation.roundTrips !== 1) throw new Error(`myCard: ${JSON.stringify(invocation.result)}`)
      if (i >= 20) floor.push(invocation.durationMs)
    }
    floor.sort((a, b) => a - b)
    figure(
      `registration @${MEMBERS}: for comparison, myCard invocation (1 round trip: the caller joined to the live registration, same runner, ${CALLS} calls)`,
      `p50 ${percentile(floor, 50).toFixed(2)} ms, p95 ${percentile(floor, 95).toFixed(2)} ms`,
    )
    figure(
      `registration @${MEMBERS}: listPending call through the runner (wall clock, with the IPC)`,
      `p50 ${percentile(wall, 50).toFixed(2)} ms, p95 ${percentile(wall, 95).toFixed(2)} ms`,
    )

    // The same database query from this process through wx-server-sdk, without the runner: the
    // function's one aggregation (pending.ts), and the bare caller read for comparison.
    const tag = 'bench-registration-sdk'
    Object.assign(process.env, sdkEnv(stack.emulator.adminUrl(tag)))
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    const sdkDb = cloud.database()
    const ctx = { db: sdkDb, identity: { openid }, now: new Date() } as unknown as Parameters<typeof pendingWithCaller>[0]
    const callerRead: number[] = []
    const aggregation: number[] = []
    for (let i = 0; i < 20 + CALLS; i++) {
      const t0 = process.hrtime.bigint()
      const { caller } = await findCallerWithLive(ctx)
      const t1 = process.hrtime.bigint()
      const page = await pendingWithCaller(ctx, 'community', community._id, 20, null)
      const t2 = process.hrtime.bigint()
      if (!caller || page.items.length !== 20 || page.total !== pendingThere || !page.scope) throw new Error(`aggregation answered ${JSON.stringify(page).slice(0, 200)}`)
      if (i < 20) continue
      callerRead.push(Number(t1 - t0) / 1e6)
      aggregation.push(Number(t2 - t1) / 1e6)
    }
    if (stack.emulator.roundTrips(tag) !== 2 * (20 + CALLS)) throw new Error('the in-process SDK did not reach this emulator once per query')
    callerRead.sort((a, b) => a - b)
    aggregation.sort((a, b) => a - b)
    figure(
      `registration @${MEMBERS}: listPending database query, the one aggregation (caller, live registration, community, page of 20, total) via wx-server-sdk`,
      `p50 ${percentile(aggregation, 50).toFixed(2)} ms, p95 ${percentile(aggregation, 95).toFixed(2)} ms`,
    )
    figure(
      `registration @${MEMBERS}: for comparison, the caller read alone (users by openid joined to the live registration) via wx-server-sdk`,
      `p50 ${percentile(callerRead, 50).toFixed(2)} ms, p95 ${percentile(callerRead, 95).toFixed(2)} ms`,
    )

    // Each confirmation: the community admin confirms the first pending member alone, then the
    // rest of the page at once; the member role follows from the registration, nothing else is written.
    const ids = (await stack.call('registration', event, openid)).result.data.items.map((i: { id: string }) => i.id) as string[]
    const single = await stack.call('registration', { action: 'confirmCommunity', ids: ids.slice(0, 1) }, openid)
    const batch = await stack.call('registration', { action: 'confirmCommunity', ids: ids.slice(1) }, openid)
    for (const [c, n] of [[single, 1], [batch, ids.length - 1]] as const) {
      if (c.result?.data?.done?.length !== n) throw new Error(`confirmCommunity: ${JSON.stringify(c.result).slice(0, 300)}`)
    }
    figure(`registration @${MEMBERS}: confirmCommunity round trips (one id; ${ids.length - 1} ids at once)`, `${single.roundTrips}; ${batch.roundTrips}`)
    const member = await stack.call('users', { action: 'whoami' }, ids[0].replace('bench-reg-', 'bench-openid-'))
    const derived = member.result?.data?.roles?.some((r: { kind: string; scopeId?: string }) => r.kind === 'member' && r.scopeId === community._id)
    figure(`registration @${MEMBERS}: whoami of the member just confirmed`, `${member.roundTrips} round trip, member role ${derived ? 'present (derived)' : 'MISSING'}`)
  } finally {
    await stack.close()
  }
}

/**
 * The issue "Dual registration": importing 5,000 members from one sheet, ≤ 30 s. A workbook of
 * 5,000 党员 rows (县水利局 or 水务有限公司; 北门社区 with compound and building, 城南社区 or
 * 太平门社区 without) goes through `imports.importWorkbook` as the county admin, through the
 * runner exactly as the app calls it: the file as base64, validation, then every write.
 */
async function importFigures() {
  const MEMBERS = 5000
  const rows = Array.from({ length: MEMBERS }, (_, i) => {
    const place = i % 3
    return {
      name: `导入党员${i}`,
      phone: `137${String(i).padStart(8, '0')}`,
      unit: i % 2 ? '县水利局' : '水务有限公司',
      community: ['北门社区', '城南社区', '太平门社区'][place],
      ...(place === 0 ? { compound: '北门花园小区', building: i % 6 ? '北门花园1栋' : '北门花园2栋' } : {}),
      skills: i % 4 ? '水电维修、驾驶' : '',
    }
  })
  const file = await buildWorkbook({ members: rows })
  const fileBase64 = file.toString('base64')
  figure(`import @${MEMBERS}: workbook`, `${kb(file.length)} xlsx, ${kb(fileBase64.length)} as base64`)
  const stack = await startTestStack({ seed: true })
  try {
    const db = stack.emulator.db
    const before = db.collection('registrations').count({})
    const openid = 'demo-county-admin'
    for (const dryRun of [true, false]) {
      const t0 = process.hrtime.bigint()
      const invocation = await stack.runner.invoke('imports', { action: 'importWorkbook', fileBase64, fileName: 'bench.xlsx', dryRun }, { openid })
      const wall = Number(process.hrtime.bigint() - t0) / 1e6
      const result = invocation.result as { code: unknown; data?: { summary: { members: number } } }
      if (result?.code !== 0 || result.data!.summary.members !== MEMBERS) throw new Error(`importWorkbook: ${JSON.stringify(result).slice(0, 400)}`)
      figure(
        `import @${MEMBERS}: importWorkbook${dryRun ? ' (dry run: read and validate only)' : ''} through the runner`,
        `${(wall / 1000).toFixed(2)} s wall clock (main() ${(invocation.durationMs / 1000).toFixed(2)} s), ${invocation.roundTrips} round trips (target ≤ 30 s)`,
      )
    }
    const added = db.collection('registrations').count({}) - before
    if (added !== MEMBERS) throw new Error(`expected ${MEMBERS} new registrations, found ${added}`)
    figure(`import @${MEMBERS}: written`, `${added} registrations (state registered, source import)`)
  } finally {
    await stack.close()
  }
}

async function startTime() {
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-start-'))
  const t0 = Date.now()
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LIANXIN_DATA_DIR: dataDir, LIANXIN_FORCE_BUILD: '1' },
    stdio: 'ignore',
  })
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`)
      if (res.ok && (await res.text()).includes('<div id="app">')) break
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error('npm start exited')
    await new Promise((r) => setTimeout(r, 250))
  }
  figure('npm start with every build redone and an empty store: app reachable after', `${((Date.now() - t0) / 1000).toFixed(1)} s`)
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
  fs.rmSync(dataDir, { recursive: true, force: true })
}

async function main() {
  console.log(`# Lianxin bench, ${new Date().toISOString()}, ${os.cpus().length} cores, node ${process.version}`)
  if (wants('sizes')) sizes()
  if (wants('emulator')) await emulatorFigures()
  if (wants('roundtrips')) await roundTrips()
  if (wants('start')) await startTime()
  if (wants('registration')) await registrationFigures()
  if (wants('import')) await importFigures()
  // Issue 5: ranking 10,000 members, the whole recommend action, the escalation sweep over 100,000 open orders.
  if (wants('orders')) await ordersFigures(figure)
  // Issue 4: lighting a wish (round trips), the wish wall's first page with 50,000 wishes (round trips, p50).
  if (wants('wishes')) await wishesFigures(figure)
  // Issue 4: the share image drawn in the h5 build, in Chromium.
  if (wants('share')) await shareFigures(figure)
  // Activities: seats under contention, 500 check-ins, booking 200 attendees, unit progress at 500 and 5,000 members.
  if (wants('activities')) await activitiesFigures(figure)
  if (wants('households')) await householdsFigures(figure)
  // Issue 12: exports of 100,000 rows (seconds and the function process's memory).
  if (wants('exports')) await exportsFigures(figure)
  // Issue 12: the county dashboard at 100,000 members and 1,000,000 ledger rows (and at 10× less), the monthly report, roll-ups, the recount.
  if (wants('stats')) await statsFigures(figure)
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  },
)
