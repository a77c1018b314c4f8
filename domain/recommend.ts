/**
 * Who to dispatch an order to: ranks the registered members of the order's community and says
 * why, so the dispatcher (小区党支部 or 社区党委) sees the reasons and not a black box. Skills
 * first ("本领用在刀刃上"), then nearness, then spreading the work ("相对均衡": current load and
 * hours this year), then declared free time. Deterministic: equal scores are ordered by id.
 *
 * Cost: one pass to find the community's mean hours, one pass scoring into a bounded heap of the
 * best `limit` (O(n log k)), reasons written only for those k. Nothing is allocated per candidate.
 */
import { FREE_TIME_SLOTS } from './registration'
import { chinaWallClock } from './time'

/**
 * Skills are why a member is asked at all ("本领用在刀刃上"): a full match outweighs nearness and
 * free time together (30 + 15); only a much heavier load or many more hours can overturn it.
 */
export const WEIGHT_SKILL = 60
export const WEIGHT_SAME_BUILDING = 30
export const WEIGHT_SAME_GRID = 20
export const WEIGHT_SAME_COMPOUND = 12
/** Declared free for the slot of the preferred time. */
export const WEIGHT_FREE_TIME = 15
/** Load: a member with nothing on their plate gets this; each open order takes PER_OPEN_ORDER off, up to LOAD_CAP orders. */
export const WEIGHT_IDLE = 15
export const PER_OPEN_ORDER = 8
export const LOAD_CAP = 4
/** Hours this year against the candidates' mean: up to this much for the least served, as much off for the most. */
export const WEIGHT_BALANCE = 20
/** Below this mean, differences of a few hours are noise, not imbalance. */
export const BALANCE_FLOOR_HOURS = 10

export const DEFAULT_LIMIT = 10

export type FreeTimeSlot = (typeof FREE_TIME_SLOTS)[number]

export const DAY_STARTS_AT = 8
export const EVENING_STARTS_AT = 18
export const EVENING_ENDS_AT = 22

/** The free-time slot (registration's FREE_TIME_SLOTS) a moment falls in, in China time; null at night. */
export function freeTimeSlotOf(at: Date): FreeTimeSlot | null {
  const local = chinaWallClock(at)
  const hour = local.getUTCHours()
  const weekday = local.getUTCDay()
  const part = hour >= DAY_STARTS_AT && hour < EVENING_STARTS_AT ? '白天' : hour >= EVENING_STARTS_AT && hour < EVENING_ENDS_AT ? '晚上' : null
  if (!part) return null
  return `${weekday === 0 || weekday === 6 ? '周末' : '工作日'}${part}` as FreeTimeSlot
}

/** A registered member of the order's community, with what the ranking weighs. */
export interface Candidate {
  id: string
  name: string
  communityId: string
  compoundId: string | null
  gridId: string | null
  buildingId: string | null
  skills: readonly string[]
  freeTime: readonly string[]
  /** Orders on their plate now (orders.countsAsLoad). */
  openOrders: number
  hoursThisYear: number
}

/** The order, as the ranking needs it. */
export interface RankedOrder {
  communityId: string
  compoundId: string | null
  gridId: string | null
  buildingId: string | null
  skills: readonly string[]
  preferredAt: Date
}

export interface ScoreParts {
  skill: number
  near: number
  freeTime: number
  load: number
  balance: number
}

export interface Recommendation {
  id: string
  name: string
  score: number
  parts: ScoreParts
  /** Why, in Chinese, strongest factor first: 擅长水电维修, 同一楼栋, 周末白天有空, 当前没有待办的服务单, 本年服务 12 小时，较少. */
  reasons: string[]
}

export interface RankOptions {
  limit?: number
  /** Members not to suggest (who placed it, who just declined it). */
  exclude?: ReadonlySet<string>
}

/** Scores are rounded so that equal sums reached by different float paths tie, and the id decides. */
const round = (x: number) => Math.round(x * 1000) / 1000

function matchedSkills(wanted: readonly string[], has: readonly string[]): number {
  let n = 0
  for (let i = 0; i < wanted.length; i++) if (has.includes(wanted[i])) n++
  return n
}

function nearScore(o: RankedOrder, c: Candidate): number {
  if (o.buildingId !== null && c.buildingId === o.buildingId) return WEIGHT_SAME_BUILDING
  if (o.gridId !== null && c.gridId === o.gridId) return WEIGHT_SAME_GRID
  if (o.compoundId !== null && c.compoundId === o.compoundId) return WEIGHT_SAME_COMPOUND
  return 0
}

function loadScore(open: number): number {
  return WEIGHT_IDLE - Math.min(Math.max(open, 0), LOAD_CAP) * PER_OPEN_ORDER
}

function balanceScore(hours: number, mean: number): number {
  const rel = (mean - hours) / Math.max(mean, BALANCE_FLOOR_HOURS)
  return WEIGHT_BALANCE * Math.max(-1, Math.min(1, rel))
}

/** The skills wanted, once each: an order listing a skill twice must not double its weight. */
function distinct(list: readonly string[]): string[] {
  return [...new Set(list)]
}

interface Context {
  order: RankedOrder
  wanted: string[]
  slot: FreeTimeSlot | null
  mean: number
}

function total(ctx: Context, c: Candidate): number {
  const skill = ctx.wanted.length === 0 ? 0 : (WEIGHT_SKILL * matchedSkills(ctx.wanted, c.skills)) / ctx.wanted.length
  const free = ctx.slot !== null && c.freeTime.includes(ctx.slot) ? WEIGHT_FREE_TIME : 0
  return round(skill + nearScore(ctx.order, c) + free + loadScore(c.openOrders) + balanceScore(c.hoursThisYear, ctx.mean))
}

const fmtHours = (h: number) => String(Math.round(h * 10) / 10)

function explain(ctx: Context, c: Candidate): Recommendation {
  const matched = ctx.wanted.filter((s) => c.skills.includes(s))
  const parts: ScoreParts = {
    skill: ctx.wanted.length === 0 ? 0 : round((WEIGHT_SKILL * matched.length) / ctx.wanted.length),
    near: nearScore(ctx.order, c),
    freeTime: ctx.slot !== null && c.freeTime.includes(ctx.slot) ? WEIGHT_FREE_TIME : 0,
    load: loadScore(c.openOrders),
    balance: round(balanceScore(c.hoursThisYear, ctx.mean)),
  }
  const reasons: string[] = []
  if (matched.length > 0) reasons.push(`擅长${matched.join('、')}`)
  else if (ctx.wanted.length > 0) reasons.push(`未登记${ctx.wanted.join('、')}特长`)
  const near = parts.near === WEIGHT_SAME_BUILDING ? '同一楼栋' : parts.near === WEIGHT_SAME_GRID ? '同一网格' : parts.near === WEIGHT_SAME_COMPOUND ? '同一小区' : '同一社区'
  reasons.push(near)
  if (parts.freeTime > 0) reasons.push(`${ctx.slot}有空`)
  reasons.push(c.openOrders > 0 ? `手上有 ${c.openOrders} 单未完成` : '当前没有待办的服务单')
  const h = fmtHours(c.hoursThisYear)
  if (c.hoursThisYear < ctx.mean) reasons.push(`本年服务 ${h} 小时，较少`)
  else if (c.hoursThisYear > ctx.mean) reasons.push(`本年服务 ${h} 小时，较多`)
  else reasons.push(`本年服务 ${h} 小时，居中`)
  return { id: c.id, name: c.name, score: total(ctx, c), parts, reasons }
}

/** a ranks before b: higher score, then smaller id. */
function before(sa: number, ida: string, sb: number, idb: string): boolean {
  return sa > sb || (sa === sb && ida < idb)
}

/**
 * The best `limit` candidates for the order, best first, with their reasons. Members of another
 * community are never suggested (dispatching to them is ORDER.OUTSIDE_COMMUNITY).
 */
export function rankCandidates(order: RankedOrder, candidates: readonly Candidate[], options: RankOptions = {}): Recommendation[] {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT))
  const exclude = options.exclude
  const eligible = (c: Candidate) => c.communityId === order.communityId && !(exclude && exclude.has(c.id))

  let sum = 0
  let count = 0
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]
    if (!eligible(c)) continue
    sum += c.hoursThisYear
    count++
  }
  if (count === 0 || limit === 0) return []
  const ctx: Context = { order, wanted: distinct(order.skills), slot: freeTimeSlotOf(order.preferredAt), mean: sum / count }

  // A min-heap of the best `limit` so far: its root is the worst kept, replaced when a better one comes.
  const k = Math.min(limit, count)
  const heapIdx = new Int32Array(k)
  const heapScore = new Float64Array(k)
  let size = 0
  const worse = (a: number, b: number) => before(heapScore[b], candidates[heapIdx[b]].id, heapScore[a], candidates[heapIdx[a]].id)
  const swap = (a: number, b: number) => {
    const i = heapIdx[a]
    heapIdx[a] = heapIdx[b]
    heapIdx[b] = i
    const s = heapScore[a]
    heapScore[a] = heapScore[b]
    heapScore[b] = s
  }
  const siftDown = (from: number) => {
    let at = from
    for (;;) {
      const l = 2 * at + 1
      const r = l + 1
      let w = at
      if (l < size && worse(l, w)) w = l
      if (r < size && worse(r, w)) w = r
      if (w === at) return
      swap(at, w)
      at = w
    }
  }
  const siftUp = (from: number) => {
    let at = from
    while (at > 0) {
      const p = (at - 1) >> 1
      if (!worse(at, p)) return
      swap(at, p)
      at = p
    }
  }

  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]
    if (!eligible(c)) continue
    const score = total(ctx, c)
    if (size < k) {
      heapIdx[size] = i
      heapScore[size] = score
      size++
      siftUp(size - 1)
    } else if (before(score, c.id, heapScore[0], candidates[heapIdx[0]].id)) {
      heapIdx[0] = i
      heapScore[0] = score
      siftDown(0)
    }
  }

  const kept: Recommendation[] = []
  for (let j = 0; j < size; j++) kept.push(explain(ctx, candidates[heapIdx[j]]))
  return kept.sort((a, b) => (before(a.score, a.id, b.score, b.id) ? -1 : before(b.score, b.id, a.score, a.id) ? 1 : 0))
}
