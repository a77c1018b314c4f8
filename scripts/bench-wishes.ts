/**
 * `npm run bench -- --only=wishes`: the figures of issue 4 for the `wishes` function.
 *   - lighting a wish: round trips on the success path (target ≤ 2 database round trips; the
 *     subscription message to the grid worker is one more call, to the open API, not the database);
 *   - the wish wall's first page with 50,000 wishes in the emulator: round trips (target 1–2) and
 *     the invocation's p50, once with the 50,000 spread over 50 communities (a county; the seeds'
 *     county had 3,400; target ≤ 6 ms) and once with all 50,000 on one community's wall (≤ 30 ms).
 */
import { startTestStack, type TestStack } from '../server/testing/stack'
import { WALL_FILTERS, wallPlacement, WISH_CATEGORIES, type WishState } from '../domain/wishes'

type Figure = (name: string, value: string) => void

const WISHES = 50_000
const CALLS = 200
const WARMUP = 20

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/** Roughly what a county's wishes look like after a year: most lit or done, a few in review. */
const STATE_MIX: WishState[] = ['published', 'published', 'lit', 'delivered', 'confirmed', 'confirmed', 'rated', 'rated', 'submitted', 'taken_down']

/** `count` wishes spread over `communities` (ids `bench-c-<n>`, the first being 北门社区 itself when `beimen`). */
export async function seedWishes(stack: TestStack, count: number, communityOf: (i: number) => string) {
  const db = stack.emulator.db
  const base = new Date('2026-01-01T00:00:00Z').getTime()
  const batch: Record<string, unknown>[] = []
  for (let i = 0; i < count; i++) {
    const state = STATE_MIX[i % STATE_MIX.length]
    const at = new Date(base + i * 60_000)
    const communityId = communityOf(i)
    const lineage = ['org-longmen', 'org-longcheng', communityId, 'org-beimen-garden', 'org-beimen-grid-1', 'org-beimen-b1']
    batch.push({
      _id: `bench-wish-${i}`,
      communityId,
      communityName: '北门社区',
      lineage,
      beneficiary: { name: `受助人${i}`, phone: '13900000000', category: WISH_CATEGORIES[i % WISH_CATEGORIES.length], buildingId: 'org-beimen-b1', buildingName: '北门花园1栋', room: '1单元101' },
      title: `微心愿${i}`,
      details: '一条用于测量的心愿，写得和真的一样长一些。',
      estimatedValue: 100,
      photos: [],
      consent: { method: 'verbal', at, recordedBy: 'user-demo-grid' },
      visit: { at, note: '入户核实', by: 'user-demo-grid', byName: '张敏' },
      state,
      ...wallPlacement(state),
      publishedAt: state === 'submitted' ? null : at,
      author: { userId: 'user-bench-author', name: '张敏', as: 'grid_worker' },
      contact: { userId: 'user-demo-grid', name: '张敏', phone: '13800001003' },
      intakeKey: `benchkey-${i}`,
      claim: ['lit', 'delivered', 'confirmed', 'rated'].includes(state) ? { userId: `user-bench-m${i % 500}`, name: '党员', kind: 'member', at } : null,
      delivery: null,
      confirmation: null,
      rating: null,
      history: [{ verb: 'submit', from: 'draft', to: 'submitted', by: 'user-bench-author', byName: '张敏', at }],
      createdAt: at,
      updatedAt: at,
    })
    if (batch.length === 5000) await db.collection('wishes').insertMany(batch.splice(0))
  }
  if (batch.length) await db.collection('wishes').insertMany(batch)
}

async function wallFigure(stack: TestStack, figure: Figure, label: string, event: Record<string, unknown>, target: number, CALLS = 200) {
  for (let i = 0; i < WARMUP; i++) await stack.runner.invoke('wishes', event, { openid: 'demo-member' })
  const trips = new Set<number>()
  const inMain: number[] = []
  let items = 0
  let counts = ''
  for (let i = 0; i < CALLS; i++) {
    const invocation = await stack.runner.invoke('wishes', event, { openid: 'demo-member' })
    const result = invocation.result as { code: unknown; data?: { items: unknown[]; counts: Record<string, number> } }
    if (result?.code !== 0) throw new Error(`wall: ${JSON.stringify(result).slice(0, 300)}`)
    items = result.data!.items.length
    counts = JSON.stringify(result.data!.counts)
    trips.add(invocation.roundTrips)
    inMain.push(invocation.durationMs)
  }
  inMain.sort((a, b) => a - b)
  figure(`wishes: wall first page ${label}: round trips`, `${[...trips].join(', ')} (${items} cards, counts ${counts})`)
  figure(`wishes: wall first page ${label}: invocation (main() in the runner, ${CALLS} calls)`, `p50 ${percentile(inMain, 50).toFixed(2)} ms, p95 ${percentile(inMain, 95).toFixed(2)} ms (target p50 ≤ ${target} ms)`)
}

/** The runner's floor at the same moment, for reading the lines above: `get`, one round trip. */
async function floorFigure(stack: TestStack, figure: Figure) {
  const event = { action: 'get', id: 'wish-wheelchair' }
  const times: number[] = []
  for (let i = 0; i < WARMUP + CALLS; i++) {
    const invocation = await stack.runner.invoke('wishes', event, { openid: 'demo-member' })
    if ((invocation.result as { code: unknown })?.code !== 0 || invocation.roundTrips !== 1) throw new Error(`get: ${JSON.stringify(invocation.result).slice(0, 200)}`)
    if (i >= WARMUP) times.push(invocation.durationMs)
  }
  times.sort((a, b) => a - b)
  figure(`wishes: for comparison, get invocation (1 round trip, same runner, ${CALLS} calls)`, `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms`)
  // The tally alone, in process (no wire, no runner): what grouping the community's wall costs.
  const db = stack.emulator.db
  const tally = [{ $match: { communityId: 'org-beimen', onWall: true } }, { $group: { _id: '$state', n: { $sum: 1 } } }]
  const timed = (plainCounts: boolean) => {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < 50; i++) db.collection('wishes').aggregate(tally, { plainCounts })
    return (Number(process.hrtime.bigint() - t0) / 1e6 / 50).toFixed(2)
  }
  const onWall = db.collection('wishes').count({ communityId: 'org-beimen', onWall: true })
  figure('wishes: the tally aggregation of 北门社区 alone, in process', `${timed(false)} ms counted from the index (${timed(true)} ms through mingo; ${onWall} wishes on its wall)`)
}

export async function wishesFigures(figure: Figure): Promise<void> {
  const stack = await startTestStack({ seed: true })
  try {
    // Lighting: a published seed wish, the demo member, through the runner.
    const light = await stack.runner.invoke('wishes', { action: 'light', id: 'wish-reading-pen' }, { openid: 'demo-member' })
    if ((light.result as { code: unknown })?.code !== 0) throw new Error(`light: ${JSON.stringify(light.result)}`)
    const messages = stack.outbox({ touser: 'demo-grid' }).length
    figure('wishes: light round trips (success path)', `${light.roundTrips} = ${light.roundTrips - messages} database (caller with the wish; one conditional update) + ${messages} subscribeMessage.send`)
    const lost = await stack.runner.invoke('wishes', { action: 'light', id: 'wish-reading-pen' }, { openid: 'demo-member' })
    figure('wishes: light round trips when the wish is already lit (seen on the first read)', `${lost.roundTrips} (${(lost.result as { code: string }).code})`)

    // 50,000 wishes over 50 communities (北门社区 one of them): a county-sized collection.
    await seedWishes(stack, WISHES, (i) => (Math.floor(i / 1000) === 0 ? 'org-beimen' : `bench-c-${Math.floor(i / 1000)}`))
    await wallFigure(stack, figure, `of 北门社区 with ${WISHES.toLocaleString('en')} wishes in 50 communities`, { action: 'wall', communityId: 'org-beimen' }, 6)
    await wallFigure(stack, figure, `of 北门社区, tab ${WALL_FILTERS.open.label}, category 孤寡老人 (same data)`, { action: 'wall', communityId: 'org-beimen', filter: 'open', category: '孤寡老人' }, 6)
    await floorFigure(stack, figure)
  } finally {
    await stack.close()
  }

  // Worst case: all 50,000 on one community's wall (the counts then group 40,000 documents).
  if (process.env.LIANXIN_BENCH_WISHES_ONE_COMMUNITY === '0') return
  const one = await startTestStack({ seed: true })
  try {
    await seedWishes(one, WISHES, () => 'org-beimen')
    await wallFigure(one, figure, `with all ${WISHES.toLocaleString('en')} wishes in 北门社区`, { action: 'wall', communityId: 'org-beimen' }, 30, 100)
  } finally {
    await one.close()
  }
}

if (require.main === module) {
  wishesFigures((name, value) => console.log(`${name}: ${value}`)).then(
    () => process.exit(0),
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
