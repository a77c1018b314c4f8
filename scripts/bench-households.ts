/**
 * `npm run bench -- --only=households`: the figures of households and visits (docs/grid.md), on
 * the test stack (emulator + runner, the seeded demo county):
 *   1. `list` of a grid with 2,000 households (seeded straight into the store): round trips
 *      (target 1) and time in main() (target p50 ≤ 10 ms), the answer checked on every call;
 *   2. the same list with `overdue: true`;
 *   3. one visit record sent 20 times at once with one key: stored once, round trips per call.
 * Direct run: `npx tsx scripts/bench-households.ts`.
 */
import { startTestStack, type TestStack } from '../server/testing/stack'
import { DEFAULT_VISIT_RULES, visitDue, type ResidentTag } from '../domain/grid/households'

type Figure = (name: string, value: string) => void

const DAY = 86_400_000
const HOUSEHOLDS = 2000
const CALLS = 50
const CHUNK = 1000
const GRID = 'org-bench-grid'
const LINEAGE = ['org-longmen', 'org-longcheng', 'org-beimen', 'org-beimen-garden', GRID]
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

/** A grid of 20 buildings × 100 doors, its worker, straight into the store; answers how many are overdue now. */
async function seedGrid(stack: TestStack, now: Date): Promise<number> {
  const db = stack.emulator.db
  const buildings = Array.from({ length: 20 }, (_, b) => ({ _id: `${GRID}-b${b + 1}`, kind: 'building', name: `基准${b + 1}栋`, parentId: GRID, path: LINEAGE }))
  await db.collection('org_nodes').insertMany([{ _id: GRID, kind: 'grid', name: '基准网格', parentId: 'org-beimen-garden', path: LINEAGE.slice(0, -1) }, ...buildings])
  await db.collection('users').insertMany([{ _id: 'user-bench-grid', openid: 'bench-grid', name: '基准网格员', roles: [{ kind: 'grid_worker', scopeId: GRID, scopeName: '基准网格' }], createdAt: now, updatedAt: now }])
  let overdue = 0
  const docs = Array.from({ length: HOUSEHOLDS }, (_, i) => {
    const b = buildings[i % buildings.length]
    const tags = TAGS[i % TAGS.length]
    const createdAt = new Date(now.getTime() - 100 * DAY)
    // Half a day off the whole days, so no household falls due during the run.
    const lastVisitAt = i % 3 === 0 ? null : new Date(now.getTime() - (i % 50) * DAY - DAY / 2)
    const due = visitDue({ tags, lastVisitAt, createdAt }, DEFAULT_VISIT_RULES)
    if (due && due < now) overdue++
    return {
      _id: `hh-bench-${i}`, communityId: 'org-beimen', gridId: GRID, buildingId: b._id, buildingName: b.name, lineage: [...LINEAGE, b._id],
      door: `${1 + Math.floor(i / 20 / 10) % 5}单元${100 + (Math.floor(i / 20) % 10) + 1}-${i}`,
      residents: [{ id: `r${i}a`, name: `居民${i}`, tags, phone: '13800009999', birthYear: 1950, note: '' }, { id: `r${i}b`, name: `家人${i}`, tags: [], phone: null, birthYear: 1980, note: '' }],
      tags, lastVisitAt, visitDueAt: due, createdAt, updatedAt: createdAt, createdBy: 'user-bench-grid',
    }
  })
  for (let i = 0; i < docs.length; i += CHUNK) await db.collection('households').insertMany(docs.slice(i, i + CHUNK))
  return overdue
}

async function listFigure(stack: TestStack, figure: Figure, overdueOnly: boolean, expected: { items: number; overdue: number }) {
  const event = overdueOnly ? { action: 'list', placeId: GRID, overdue: true } : { action: 'list', placeId: GRID }
  for (let i = 0; i < 5; i++) await invokeTimed(stack, event, 'bench-grid') // warm the worker
  const trips: number[] = []
  const inMain: number[] = []
  const wall: number[] = []
  for (let i = 0; i < CALLS; i++) {
    const r = await invokeTimed(stack, event, 'bench-grid')
    check(r.result?.code === 0, `list: ${JSON.stringify(r.result).slice(0, 300)}`)
    check(r.result.data.items.length === expected.items && r.result.data.overdueCount === expected.overdue, `list answered ${r.result.data.items.length} rows, ${r.result.data.overdueCount} overdue; expected ${JSON.stringify(expected)}`)
    check(!JSON.stringify(r.result.data).includes('居民1'), 'list shows a whole name')
    trips.push(r.roundTrips)
    inMain.push(r.durationMs)
    wall.push(r.wallMs)
  }
  const label = `households: list of a grid of ${HOUSEHOLDS.toLocaleString('en')} households${overdueOnly ? ' (overdue only)' : ''}`
  figure(`${label}: answer`, `${expected.items} rows, ${expected.overdue} overdue, names masked, verified on every call`)
  figure(`${label}: round trips`, `${tripSpread(trips)} (target 1)`)
  figure(`${label}: invocation (main() in the runner, ${CALLS} sequential calls)`, `p50 ${ms(percentile(sortNum(inMain), 50))}, p95 ${ms(percentile(sortNum(inMain), 95))} (target p50 ≤ 10 ms)`)
  figure(`${label}: call through the runner (wall clock, with the IPC)`, `p50 ${ms(percentile(sortNum(wall), 50))}, p95 ${ms(percentile(sortNum(wall), 95))}`)
}

async function replays(stack: TestStack, figure: Figure) {
  const event = { action: 'recordVisit', key: 'benchdev01-1', householdId: 'hh-bench-0', visitedAt: new Date().toISOString(), seen: '基准走访：老人在家。', needs: [], photos: [] }
  const answers = await Promise.all(Array.from({ length: 20 }, () => invokeTimed(stack, event, 'bench-grid')))
  check(answers.every((a) => a.result?.code === 0), `recordVisit: ${JSON.stringify(answers.find((a) => a.result?.code !== 0)?.result)}`)
  const created = answers.filter((a) => a.result.data.created).length
  const stored = stack.emulator.db.collection('visits').count({ _id: 'benchdev01-1' })
  check(created === 1 && stored === 1, `the same key 20 times: ${created} created, ${stored} stored`)
  figure('households: one visit record sent 20 times at once (one key)', `${stored} stored, ${created} answered created, ${20 - created} answered the stored record; round trips ${tripSpread(answers.map((a) => a.roundTrips))}`)
}

export async function householdsFigures(figure: Figure): Promise<void> {
  const stack = await startTestStack({ seed: true })
  try {
    const overdue = await seedGrid(stack, new Date())
    await listFigure(stack, figure, false, { items: HOUSEHOLDS, overdue })
    await listFigure(stack, figure, true, { items: overdue, overdue })
    await replays(stack, figure)
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
