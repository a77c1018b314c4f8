/**
 * `npx tsx scripts/bench-recommend.ts`: ranking 10,000 members of one community for one order
 * (domain/recommend.ts), the figure issue 5 asks for (≤ 50 ms). Members are generated from a
 * fixed seed so every run ranks the same data; each round ranks for a different order.
 * Flags: --members=N (default 10000), --rounds=N (default 300), --limit=N (default 10).
 */
import { performance } from 'node:perf_hooks'
import { FREE_TIME_SLOTS, SKILL_TAGS } from '../domain/registration'
import { rankCandidates, type Candidate, type RankedOrder } from '../domain/recommend'

const args = process.argv.slice(2)
const num = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const MEMBERS = num('members', 10_000)
const ROUNDS = num('rounds', 300)
const LIMIT = num('limit', 10)
const WARMUP = 30

// A small deterministic generator (mulberry32): the same members on every run.
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = rng(20261122)
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
const some = <T>(list: readonly T[], max: number) => [...new Set(Array.from({ length: Math.floor(random() * (max + 1)) }, () => pick(list)))]

// One community: 5 compounds × 4 grids × 5 buildings.
const buildings = Array.from({ length: 100 }, (_, i) => ({ buildingId: `b-${i}`, gridId: `g-${Math.floor(i / 5)}`, compoundId: `p-${Math.floor(i / 20)}` }))

const members: Candidate[] = Array.from({ length: MEMBERS }, (_, i) => {
  const place = random() < 0.9 ? pick(buildings) : { buildingId: null, gridId: null, compoundId: null }
  return {
    id: `m-${String(i).padStart(6, '0')}`,
    name: `党员${i}`,
    communityId: 'c-1',
    ...place,
    skills: some(SKILL_TAGS, 3),
    freeTime: some(FREE_TIME_SLOTS, 3),
    openOrders: Math.floor(random() * 4),
    hoursThisYear: Math.round(random() * 240) / 2,
  }
})

const orders: RankedOrder[] = Array.from({ length: WARMUP + ROUNDS }, (_, i) => ({
  communityId: 'c-1',
  ...pick(buildings),
  skills: some(SKILL_TAGS, 2),
  preferredAt: new Date(Date.UTC(2026, 10, 23 + (i % 7), i % 24)),
}))

const times: number[] = []
let checksum = 0
for (let i = 0; i < orders.length; i++) {
  const t0 = performance.now()
  const top = rankCandidates(orders[i], members, { limit: LIMIT })
  const ms = performance.now() - t0
  checksum += top.length
  if (i >= WARMUP) times.push(ms)
}
times.sort((a, b) => a - b)
const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]
if (checksum !== orders.length * Math.min(LIMIT, MEMBERS)) throw new Error('a ranking came back short')
console.log(`recommend: rank ${MEMBERS.toLocaleString('en')} members, top ${LIMIT}, ${ROUNDS} orders: p50 ${at(50).toFixed(2)} ms, p95 ${at(95).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms (target ≤ 50 ms)`)
