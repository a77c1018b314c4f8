/**
 * `npm run bench -- --only=exports`: the export of 100,000 rows (issue 12: ≤ 30 s, ≤ 500 MB), on
 * the test stack (emulator + runner, the seeded demo county) with 100,000 registrations of
 * 县水利局 living at 北门社区 (and 2,000 sent back) seeded straight into the store:
 *   1. exports.unitMembers (本单位党员): rows stream from the database pages into the file;
 *   2. exports.communityMembers (社区党员, state all): every row gathered and sorted by compound,
 *      building and name (the list's order) before the file is written.
 * Each: wall seconds of the invocation (read, write, upload, temp URL, audit), round trips, the
 * file's size and rows, and the memory of the process the function runs in (a runner worker,
 * server/runner): its RSS sampled every 25 ms during the export (peak), and its VmHWM. The file is
 * downloaded from its URL and its row count checked with exceljs's streaming reader.
 * Direct run: `npx tsx scripts/bench-exports.ts [--rows=N]`.
 */
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { startTestStack, type TestStack } from '../server/testing/stack'

type Figure = (name: string, value: string) => void

const CHUNK = 2000
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰'
const LIVE = ['registered', 'registered', 'registered', 'pending_unit', 'pending_community']

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(`exports bench: ${message}`)
}

/**
 * `rows` live registrations of 县水利局 members at 北门社区 (what 社区党员 with 全部 lists), over its
 * two buildings and none, and 2% more sent back (what only 本单位党员 lists).
 */
async function seed(stack: TestStack, rows: number): Promise<void> {
  const total = rows + Math.floor(rows / 50)
  const db = stack.emulator.db
  const model = db.collection('registrations').findOne({ _id: 'reg-demo-member' }) as Record<string, unknown>
  const base = Date.parse('2025-01-01T00:00:00Z')
  for (let i = 0; i < total; i += CHUNK) {
    const docs = []
    for (let j = i; j < Math.min(total, i + CHUNK); j++) {
      const b = j % 3
      docs.push({
        ...model,
        _id: `reg-bench-${j.toString(36).padStart(5, '0')}`,
        userId: `user-bench-${j}`,
        name: `${SURNAMES[j % SURNAMES.length]}${GIVEN[(j * 7) % GIVEN.length]}${GIVEN[(j * 13) % GIVEN.length]}`,
        phone: `139${String(j).padStart(8, '0')}`,
        state: j < rows ? LIVE[j % LIVE.length] : 'rejected',
        buildingId: b === 2 ? null : `org-beimen-b${b + 1}`,
        buildingName: b === 2 ? null : `北门花园${b + 1}栋`,
        skills: j % 5 === 0 ? ['维修', '教育辅导'] : [],
        createdAt: new Date(base + ((j * 7919) % total) * 60_000),
        history: [],
      })
    }
    await db.collection('registrations').insertMany(docs)
  }
}

/** The runner's worker processes for `fn` (children of this process running the function's bundle). */
function workerPids(fn: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        const ppid = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1])
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        return ppid === process.pid && cmd.includes(`cloudfunctions/${fn}/index.js`)
      } catch {
        return false
      }
    })
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) : 0
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`

/** Rows of the first sheet, counted with the streaming reader (the file is never held whole). */
async function countRows(url: string): Promise<number> {
  const res = await fetch(encodeURI(url))
  check(res.ok, `download answered ${res.status}`)
  const file = `/tmp/lianxin-bench-export-${process.pid}.xlsx`
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()))
  try {
    let n = 0
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' })
    for await (const sheet of reader) for await (const _row of sheet) n++
    return n - 1
  } finally {
    fs.rmSync(file, { force: true })
  }
}

async function measure(stack: TestStack, figure: Figure, label: string, event: Record<string, unknown>, openid: string, rows: number) {
  const [pid] = workerPids('exports')
  check(pid, 'no exports worker process found')
  let peakKb = statusKb(pid, 'VmRSS')
  const before = peakKb
  const timer = setInterval(() => {
    try {
      peakKb = Math.max(peakKb, statusKb(pid, 'VmRSS'))
    } catch {
      /* the worker is gone; the invocation reports it */
    }
  }, 25)
  const t0 = process.hrtime.bigint()
  const inv = await stack.runner.invoke('exports', event, { openid })
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9
  clearInterval(timer)
  const result = inv.result as any
  check(!inv.error && result?.code === 0, `${label}: ${JSON.stringify(inv.error ?? result)}`)
  check(result.data.rows === rows, `${label}: ${result.data.rows} rows, expected ${rows}`)
  const inFile = await countRows(result.data.url)
  check(inFile === rows, `${label}: the file holds ${inFile} rows`)
  const size = (stack.emulator.storage.stat(result.data.fileId)?.size ?? 0) / 1024 / 1024
  figure(
    `exports ${label} of ${rows.toLocaleString('en')} rows`,
    `${seconds.toFixed(1)} s (target ≤ 30 s), function process RSS peak ${mb(peakKb)} (before ${mb(before)}; VmHWM so far ${mb(statusKb(pid, 'VmHWM'))}; target ≤ 500 MB), ` +
      `${inv.roundTrips} round trips, file ${size.toFixed(1)} MB, rows read back ${inFile.toLocaleString('en')}`,
  )
}

export async function exportsFigures(figure: Figure, rows = 100_000): Promise<void> {
  const stack = await startTestStack({ seed: true, maxInstancesPerFunction: 1 })
  try {
    const t0 = Date.now()
    await seed(stack, rows)
    figure('exports: seeding', `${(rows + Math.floor(rows / 50)).toLocaleString('en')} registrations in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    // One small export first: the worker is started and warm, so its pid is known and the figures are the export's own.
    const warm = await stack.runner.invoke('exports', { action: 'unitMembers', unitId: 'unit-water-co' }, { openid: 'demo-county-admin' })
    check((warm.result as any)?.code === 0, `warm-up: ${JSON.stringify(warm.result ?? warm.error)}`)
    const unitRows = (stack.emulator.db.collection('registrations').count({ unitId: 'unit-water-bureau', state: { $in: ['registered', 'pending_unit', 'pending_community', 'rejected'] } }) as number)
    await measure(stack, figure, 'unitMembers (streamed)', { action: 'unitMembers', unitId: 'unit-water-bureau' }, 'demo-unit-admin', unitRows)
    const communityRows = stack.emulator.db.collection('registrations').count({ communityId: 'org-beimen', state: { $in: ['registered', 'pending_unit', 'pending_community'] } }) as number
    await measure(stack, figure, 'communityMembers (sorted)', { action: 'communityMembers', communityId: 'org-beimen', state: 'all' }, 'demo-community-admin', communityRows)
  } finally {
    await stack.close()
  }
}

if (require.main === module) {
  const arg = process.argv.find((a) => a.startsWith('--rows='))
  exportsFigures((name, value) => console.log(`${name}: ${value}`), arg ? Number(arg.split('=')[1]) : undefined).then(
    () => process.exit(0),
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
