/**
 * `npm run bench -- --only=households`: the figures of households and visits (docs/grid.md), on
 * the test stack (emulator + runner, the seeded demo county):
 *   1. `list` of a grid with 2,000 households (seeded straight into the store), first page and a
 *      page from the middle: round trips (target 1) and time in main() (target p50 ≤ 10 ms), the
 *      answer (50 rows in door order, total, overdue count, next offset) checked on every call;
 *   2. the same with `overdue: true` (longest overdue first);
 *   3. the same at 200 households, to show the time does not grow with the grid;
 *   4. one visit record sent 20 times at once with one key: stored once, round trips per call;
 *   5. setVisitRules on the community (every household's stored due date moved): round trips and
 *      time, the list's overdue count checked against the new rules afterwards.
 * Direct run: `npx tsx scripts/bench-households.ts`.
 */
import { startTestStack, type TestStack } from '../server/testing/stack'
import { DEFAULT_VISIT_RULES, visitDue, type ResidentTag, type VisitRules } from '../domain/grid/households'
import { HOUSEHOLD_PAGE } from '../domain/api/households'

type Figure = (name: string, value: string) => void

const DAY = 86_400_000
const CALLS = 50
const CHUNK = 1000
const GARDEN = ['org-longmen', 'org-longcheng', 'org-beimen', 'org-beimen-garden']
const BIG = { id: 'org-bench-grid', name: '基准网格', households: 2000 }
const SMALL = { id: 'org-bench-small', name: '基准小网格', households: 200 }
type Grid = typeof BIG
const TAGS: ResidentTag[][] = [['elderly_alone'], ['left_behind_child'], ['subsistence', 'disabled'], ['party_member'], []]

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}
const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b)
const ms = (x: number) => `${x.toFixed(2)} ms`

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(`households bench: ${message}`)
}

function tripSpread(trips: number[]): string {
  const by = new Map<number, number>()
  for (const t of trips) by.set(t, (by.get(t) ?? 0) + 1)
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, n]) => `${t} (×${n})`)
    .join(', ')
}

async function invokeTimed(stack: TestStack, event: Record<string, unknown>, openid: string) {
  const t0 = process.hrtime.bigint()
  const inv = await stack.runner.invoke('households', event, { openid })
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6
  if (inv.error) throw new Error(`households.${event.action} as ${openid}: invocation failed ${JSON.stringify(inv.error)}`)
  return { result: inv.result as any, roundTrips: inv.roundTrips, wallMs, durationMs: inv.durationMs }
}

interface Seeded {
  /** Every household's due, to check counts and orders against. */
  dues: (Date | null)[]
  doors: string[]
}

/** A grid of 20 buildings × n/20 doors, its worker, straight into the store. */
async function seedGrid(stack: TestStack, grid: Grid, now: Date): Promise<Seeded> {
  const db = stack.emulator.db
  const lineage = [...GARDEN, grid.id]
  const buildings = Array.from({ length: 20 }, (_, b) => ({ _id: `${grid.id}-b${b + 1}`, kind: 'building', name: `${grid.name}${b + 1}栋`, parentId: grid.id, path: lineage }))
  await db.collection('org_nodes').insertMany([{ _id: grid.id, kind: 'grid', name: grid.name, parentId: 'org-beimen-garden', path: GARDEN }, ...buildings])
  await db.collection('users').insertMany([{ _id: `user-${grid.id}`, openid: grid.id, name: '基准网格员', roles: [{ kind: 'grid_worker', scopeId: grid.id, scopeName: '基准网格' }], createdAt: now, updatedAt: now }])
  const docs = Array.from({ length: grid.households }, (_, i) => {
    const b = buildings[i % buildings.length]
    const tags = TAGS[i % TAGS.length]
    const createdAt = new Date(now.getTime() - 100 * DAY)
    // Half a day off the whole days, so no household falls due during the run.
    const lastVisitAt = i % 3 === 0 ? null : new Date(now.getTime() - (i % 50) * DAY - DAY / 2)
    const due = visitDue({ tags, lastVisitAt, createdAt }, DEFAULT_VISIT_RULES)
    return {
      _id: `hh-${grid.id}-${i}`, communityId: 'org-beimen', gridId: grid.id, buildingId: b._id, buildingName: b.name, lineage: [...lineage, b._id],
      door: `${1 + (Math.floor(i / 200) % 5)}单元${String(101 + (Math.floor(i / 20) % 10)).padStart(4, '0')}-${String(i).padStart(4, '0')}`,
      residents: [{ id: `r${i}a`, name: `居民${i}`, tags, phone: '13800009999', birthYear: 1950, note: '' }, { id: `r${i}b`, name: `家人${i}`, tags: [], phone: null, birthYear: 1980, note: '' }],
      tags, lastVisitAt, visitDueAt: due, createdAt, updatedAt: createdAt, createdBy: `user-${grid.id}`,
    }
  })
  for (let i = 0; i < docs.length; i += CHUNK) await db.collection('households').insertMany(docs.slice(i, i + CHUNK))
  return { dues: docs.map((d) => d.visitDueAt), doors: docs.map((d) => d.door) }
}

const overdueOf = (seeded: Seeded, now: Date) => seeded.dues.filter((d) => d && d < now).length

async function listFigure(stack: TestStack, figure: Figure, grid: Grid, seeded: Seeded, overdueOnly: boolean, offset: number) {
  const now = new Date()
  const overdue = overdueOf(seeded, now)
  const total = grid.households
  const pool = overdueOnly ? overdue : total
  const rows = Math.max(0, Math.min(HOUSEHOLD_PAGE, pool - offset))
  const doors = [...seeded.doors].sort()
  const event = { action: 'list', placeId: grid.id, ...(overdueOnly ? { overdue: true } : {}), ...(offset ? { offset } : {}) }
  for (let i = 0; i < 5; i++) await invokeTimed(stack, event, grid.id) // warm the worker
  const trips: number[] = []
  const inMain: number[] = []
  const wall: number[] = []
  for (let i = 0; i < CALLS; i++) {
    const r = await invokeTimed(stack, event, grid.id)
    check(r.result?.code === 0, `list: ${JSON.stringify(r.result).slice(0, 300)}`)
    const d = r.result.data as { items: { door: string; overdue: boolean; visitDueAt: string | null }[]; total: number; overdueCount: number; nextOffset: number | null }
    check(d.items.length === rows && d.total === total && d.overdueCount === overdue, `list answered ${d.items.length} rows, total ${d.total}, ${d.overdueCount} overdue; expected ${rows}, ${total}, ${overdue}`)
    check(d.nextOffset === (offset + rows < pool ? offset + rows : null), `nextOffset ${d.nextOffset} at offset ${offset}`)
    if (overdueOnly) check(d.items.every((h, k) => h.overdue && (k === 0 || h.visitDueAt! >= d.items[k - 1].visitDueAt!)), 'only-overdue page not all overdue, longest first')
    else check(d.items.map((h) => h.door).join() === doors.slice(offset, offset + rows).join(), 'page not the doors in order')
    check(!JSON.stringify(d).includes('居民1'), 'list shows a whole name')
    trips.push(r.roundTrips)
    inMain.push(r.durationMs)
    wall.push(r.wallMs)
  }
  const label = `households: list of a grid of ${total.toLocaleString('en')} households${overdueOnly ? ' (only overdue)' : ''}, page at offset ${offset}`
  figure(`${label}: answer`, `${rows} rows of ${pool}, total ${total}, ${overdue} overdue, next offset checked, names masked, verified on every call`)
  figure(`${label}: round trips`, `${tripSpread(trips)} (target 1)`)
  figure(`${label}: invocation (main() in the runner, ${CALLS} sequential calls)`, `p50 ${ms(percentile(sortNum(inMain), 50))}, p95 ${ms(percentile(sortNum(inMain), 95))} (target p50 ≤ 10 ms)`)
  figure(`${label}: call through the runner (wall clock, with the IPC)`, `p50 ${ms(percentile(sortNum(wall), 50))}, p95 ${ms(percentile(sortNum(wall), 95))}`)
}

async function replays(stack: TestStack, figure: Figure) {
  const event = { action: 'recordVisit', key: 'benchdev01-1', householdId: `hh-${BIG.id}-0`, visitedAt: new Date().toISOString(), seen: '基准走访：老人在家。', needs: [], photos: [] }
  const answers = await Promise.all(Array.from({ length: 20 }, () => invokeTimed(stack, event, BIG.id)))
  check(answers.every((a) => a.result?.code === 0), `recordVisit: ${JSON.stringify(answers.find((a) => a.result?.code !== 0)?.result)}`)
  const created = answers.filter((a) => a.result.data.created).length
  const stored = stack.emulator.db.collection('visits').count({ _id: 'benchdev01-1' })
  check(created === 1 && stored === 1, `the same key 20 times: ${created} created, ${stored} stored`)
  figure('households: one visit record sent 20 times at once (one key)', `${stored} stored, ${created} answered created, ${20 - created} answered the stored record; round trips ${tripSpread(answers.map((a) => a.roundTrips))}`)
}

/** The community admin changes the rules: every household of 北门社区 (the two bench grids and the demo's) gets its due moved. */
async function rulesFigure(stack: TestStack, figure: Figure, seeded: Seeded) {
  const rules: VisitRules = { elderly_alone: 7, left_behind_child: 14, disabled: 60, subsistence: 90 }
  const households = stack.emulator.db.collection('households').count({ communityId: 'org-beimen' })
  const r = await invokeTimed(stack, { action: 'setVisitRules', communityId: 'org-beimen', rules }, 'demo-community-admin')
  check(r.result?.code === 0, `setVisitRules: ${JSON.stringify(r.result)}`)
  const now = new Date()
  // The first 2,000 households' dues under the new rules, computed here, against the list's count.
  const seededAgain = { ...seeded, dues: Array.from({ length: BIG.households }, (_, i) => visitDue({ tags: TAGS[i % TAGS.length], lastVisitAt: i % 3 === 0 ? null : new Date(now.getTime() - (i % 50) * DAY - DAY / 2), createdAt: new Date(now.getTime() - 100 * DAY) }, rules)) }
  const list = await invokeTimed(stack, { action: 'list', placeId: BIG.id }, BIG.id)
  // hh-…-0 was visited by the replay figure just before: not overdue whatever the rules.
  const expected = seededAgain.dues.filter((d, i) => i !== 0 && d && d < now).length
  check(list.result.data.overdueCount === expected, `after setVisitRules the list counts ${list.result.data.overdueCount} overdue, expected ${expected}`)
  const stale = stack.emulator.db.collection('households').count({ communityId: 'org-beimen', visitRulesVersion: { $ne: 1 } })
  check(stale === 0, `${stale} households still on the old rules`)
  figure(`households: setVisitRules on a community of ${households.toLocaleString('en')} households (every stored due moved)`, `round trips ${r.roundTrips}, main() ${ms(r.durationMs)}; the list's overdue count then ${expected} by the new rules, verified`)
}

export async function householdsFigures(figure: Figure): Promise<void> {
  const stack = await startTestStack({ seed: true })
  try {
    const now = new Date()
    const big = await seedGrid(stack, BIG, now)
    const small = await seedGrid(stack, SMALL, now)
    await listFigure(stack, figure, BIG, big, false, 0)
    await listFigure(stack, figure, BIG, big, false, 1000)
    await listFigure(stack, figure, BIG, big, true, 0)
    await listFigure(stack, figure, SMALL, small, false, 0)
    await listFigure(stack, figure, SMALL, small, true, 0)
    await replays(stack, figure)
    await rulesFigure(stack, figure, big)
  } finally {
    await stack.close()
  }
}

if (require.main === module) {
  householdsFigures((name, value) => console.log(`${name}: ${value}`)).then(
    () => process.exit(0),
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
