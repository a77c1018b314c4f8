/**
 * `npm run bench -- --only=stats`: the figures of issue 12 for the statistics function
 * (cloudfunctions/stats), measured through the runner against the emulator (the test stack,
 * maxInstancesPerFunction 1, the demo county seeded beside):
 *
 *   a bench county 基准县 (org-bx: 4 streets, 24 communities each with a compound, a grid and two
 *   buildings, 88 units paired with 1–2 communities) holding, seeded straight into the store:
 *     big:   100,000 members (registrations with history), 1,000,000 service_hours rows, 50,000
 *            wishes, 50,000 orders (+ the ~12,000 activities and the 94,000 yearly tallies those rows imply);
 *     small: the same at 10× less (10,000 / 100,000 / 5,000 / 5,000);
 *   and the counters those records imply, computed with the real domain functions
 *   (domain/stats/counting.ts recordBumps / hoursBumps / pairingBumps → newScopeDoc, as the seed's demoStats).
 *
 *   1. the real nightly `recount` timer once, through the runner (60 s timeout): time, round trips,
 *      drift found (0 = the seeded counters are what the records imply), the function process's peak RSS;
 *      and the same recount (kit recountStats, no repair) run in this process through wx-server-sdk,
 *      without the 60 s limit, for its duration;
 *   2. the county dashboard through the runner, 200 calls after 20 to warm up: with scopeId (year)
 *      and without (month, the caller's widest scope): round trips (target 1–2), main() p50/p95
 *      (target p50 ≤ 20 ms), wall clock, and documents the emulator handed to its matcher per call
 *      (db.stats().docsScanned: the same at both sizes = nothing of the big collections is read);
 *   3. the `monthlyReport` timer (target ≤ 10 s): last month's report of every county and street;
 *      the bench county's read back through `report` (24 communities, 88 units);
 *   4. the `rollup` timer after N = 0, 100 and 1,000 changed records (a quarter each: wishes lit,
 *      orders accepted, registrations confirmed, new ledger rows), written through wx-server-sdk as
 *      the functions write them, then the functions' clock shifted past the 90 s lag: time, round
 *      trips, records read, documents scanned; the county's counters checked to have moved by exactly
 *      the changes.
 *
 * Each size runs in its own process (`--dataset=small|big`, with a 12 GB heap limit: the in-process
 * emulator holding 1.2 million documents takes ~4.5 GB of heap); the parent prints every figure line
 * and then one table. Direct run: `npx tsx scripts/bench-stats.ts` (both), or one size:
 * `node --max-old-space-size=12288 --import tsx scripts/bench-stats.ts --dataset=small|big`.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { PerformanceObserver, constants as perf } from 'node:perf_hooks'
import { startTestStack, type TestStack } from '../server/testing/stack'
import { sdkEnv } from '../server/emulator'
import { hoursBumps, newScopeDoc, pairingBumps, recordBumps, scopeIncrements, type Bump, type HoursRow } from '../domain/stats/counting'
import { previousMonthKey, type ScopeRef, type StatsDoc } from '../domain/stats/metrics'
import { reportId } from '../domain/stats/report'
import { chinaWallClock } from '../domain/time'
import { wallPlacement } from '../domain/wishes/wall'

type Figure = (name: string, value: string) => void

interface Dataset {
  name: 'small' | 'big'
  members: number
  hours: number
  wishes: number
  orders: number
}

export const DATASETS: Record<Dataset['name'], Dataset> = {
  small: { name: 'small', members: 10_000, hours: 100_000, wishes: 5_000, orders: 5_000 },
  big: { name: 'big', members: 100_000, hours: 1_000_000, wishes: 50_000, orders: 50_000 },
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const CHUNK = 5000
const CALLS = 200
const WARM = 20
const ADMIN = 'bx-county-admin'
const COUNTY_ID = 'org-bx'
/** Marks the machine-readable line a dataset's process ends with. */
const SUMMARY = '@@bench-stats '

// ---- helpers ----------------------------------------------------------------------------------

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(`stats bench: ${message}`)
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}
const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b)
const ms = (x: number) => `${x.toFixed(2)} ms`
const secs = (x: number) => `${(x / 1000).toFixed(2)} s`
const n = (x: number) => x.toLocaleString('en')

function tripSpread(trips: number[]): string {
  const by = new Map<number, number>()
  for (const t of trips) by.set(t, (by.get(t) ?? 0) + 1)
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, k]) => `${t} (×${k})`)
    .join(', ')
}

/** A small deterministic generator (mulberry32), so both sizes and every run hold the same shapes. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
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
        return ppid === process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`cloudfunctions/${fn}/index.js`)
      } catch {
        return false
      }
    })
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) : 0
  } catch {
    return 0
  }
}

// ---- the bench county -------------------------------------------------------------------------

interface Node {
  _id: string
  kind: 'county' | 'street' | 'community' | 'compound' | 'grid' | 'building'
  name: string
  parentId: string | null
  path: string[]
  [k: string]: unknown
}

interface Unit {
  _id: string
  name: string
  kind: string
  countyId: string
  pairedCommunityIds: string[]
}

interface Place {
  community: Node
  street: Node
  lineage: string[]
  buildings: { node: Node; lineage: string[] }[]
  compoundId: string
  gridId: string
}

const STREET_NAMES = ['东城街道', '西城街道', '南湖街道', '北山街道']
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰'
const nameOf = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`

function benchCounty() {
  const node = (_id: string, kind: Node['kind'], name: string, parent: Node | null, extra: Record<string, unknown> = {}): Node => ({
    _id, kind, name, parentId: parent?._id ?? null, path: parent ? [...parent.path, parent._id] : [], ...extra,
  })
  const county = node(COUNTY_ID, 'county', '基准县', null, {
    requirements: { memberActivitiesPerYear: 2, memberHoursPerYear: 20, unitActivities: 1, unitPeriod: 'quarter', version: 1 },
  })
  const streets = STREET_NAMES.map((name, s) => node(`org-bx-s${s}`, 'street', name, county))
  const nodes: Node[] = [county, ...streets]
  const places: Place[] = []
  for (let c = 0; c < 24; c++) {
    const street = streets[Math.floor(c / 6)]
    const id = `org-bx-c${String(c).padStart(2, '0')}`
    const community = node(id, 'community', `${street.name.slice(0, 2)}第${(c % 6) + 1}社区`, street)
    const compound = node(`${id}-g`, 'compound', `${community.name}花园小区`, community)
    const grid = node(`${id}-w`, 'grid', `${community.name}第一网格`, compound)
    const buildings = [1, 2].map((b) => node(`${id}-b${b}`, 'building', `${community.name}花园${b}栋`, grid))
    nodes.push(community, compound, grid, ...buildings)
    places.push({ community, street, lineage: [...community.path, id], buildings: buildings.map((b) => ({ node: b, lineage: [...b.path, b._id] })), compoundId: compound._id, gridId: grid._id })
  }
  const kinds = ['机关', '企业', '事业单位', '学校']
  const units: Unit[] = Array.from({ length: 88 }, (_, u) => ({
    _id: `unit-bx-${String(u).padStart(2, '0')}`,
    name: `基准${kinds[u % kinds.length]}${u + 1}号`,
    kind: kinds[u % kinds.length],
    countyId: COUNTY_ID,
    pairedCommunityIds: u % 2 ? [places[u % 24].community._id] : [places[u % 24].community._id, places[(u + 7) % 24].community._id],
  }))
  return { county, nodes, places, units }
}

// ---- seeding ----------------------------------------------------------------------------------

/** Sums bumps per scope document as they come (chunks of records), never holding them all. */
class Counters {
  private readonly incs = new Map<string, { scope: ScopeRef; inc: Record<string, number> }>()
  private pending: Bump[] = []

  add(bumps: readonly Bump[]): void {
    for (const b of bumps) this.pending.push(b)
    if (this.pending.length > 200_000) this.flush()
  }

  flush(): void {
    for (const [id, d] of scopeIncrements(this.pending)) {
      const cur = this.incs.get(id) ?? { scope: d.scope, inc: {} }
      for (const [k, v] of Object.entries(d.inc)) cur.inc[k] = (cur.inc[k] ?? 0) + v
      this.incs.set(id, cur)
    }
    this.pending = []
  }

  /** One document per scope (every scope of the county, counted or not), as newScopeDoc builds them. */
  docs(scopes: readonly ScopeRef[]): StatsDoc[] {
    this.flush()
    const out = new Map<string, StatsDoc>()
    for (const s of scopes) out.set(s.id, newScopeDoc(s, this.incs.get(s.id)?.inc ?? {}))
    for (const [id, d] of this.incs) if (!out.has(id)) out.set(id, newScopeDoc(d.scope, d.inc))
    return [...out.values()]
  }
}

interface Seeded {
  county: ReturnType<typeof benchCounty>
  /** Registered members (what the dashboard's members figure must show). */
  registered: number
  pending: number
  tallies: number
  met: number
  activities: number
  ledger: number
  seedMs: number
  countMs: number
  /** Per unit: registered members without a met tally this year (what the report's 未达年度要求 should say). */
  notMetByUnit: Record<string, number>
}

async function insertChunked(stack: TestStack, collection: string, docs: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < docs.length; i += CHUNK) await stack.emulator.db.collection(collection).insertMany(docs.slice(i, i + CHUNK))
}

/**
 * Seeds the bench county with `d`'s records, dated over the last 360 days and at least 3 hours
 * before now (so before the seed's roll-up watermark: the roll-ups measured later read only the
 * changes they are given), and the counters they imply.
 */
async function seed(stack: TestStack, d: Dataset, figure: Figure): Promise<Seeded> {
  const t0 = Date.now()
  const rand = rng(12)
  const county = benchCounty()
  const { places, units } = county
  const db = stack.emulator.db
  const counters = new Counters()
  let countMs = 0
  const count = (collection: string, records: readonly Record<string, unknown>[]) => {
    const c0 = Date.now()
    for (const r of records) counters.add(recordBumps(collection, r as never))
    countMs += Date.now() - c0
  }
  const END = Date.now() - 3 * HOUR
  const when = (spanBefore: number) => END - spanBefore - rand() * (360 * DAY - spanBefore)
  const thisYear = chinaWallClock(new Date()).getUTCFullYear()
  const yearOf = (t: number) => chinaWallClock(new Date(t)).getUTCFullYear()

  await db.collection('org_nodes').insertMany(county.nodes)
  await db.collection('units').insertMany(units as unknown as Record<string, unknown>[])
  const at0 = new Date(END - 400 * DAY)
  await db.collection('users').insertMany([
    { _id: `user-${ADMIN}`, openid: ADMIN, name: '基准部长', phone: '13700000000', roles: [{ kind: 'county_admin', scopeId: COUNTY_ID, scopeName: '基准县' }], createdAt: at0, updatedAt: at0 },
  ])

  // Members: 94% registered, 4% waiting for the community, 1% for the unit, 1% sent back.
  interface Member { i: number; userId: string; regId: string; unitId: string; place: Place; building: Place['buildings'][number] }
  const members: Member[] = []
  let registered = 0
  let pending = 0
  for (let from = 0; from < d.members; from += CHUNK) {
    const regs: Record<string, unknown>[] = []
    for (let i = from; i < Math.min(d.members, from + CHUNK); i++) {
      const place = places[i % places.length]
      const building = place.buildings[(i >> 5) % 2]
      const unit = units[(i * 37) % units.length]
      const name = nameOf(i)
      const userId = `user-bx-${i}`
      const r = i % 100
      const state = r < 94 ? 'registered' : r < 98 ? 'pending_community' : r < 99 ? 'pending_unit' : 'rejected'
      const submitAt = new Date(when(6 * DAY))
      const unitAt = new Date(submitAt.getTime() + rand() * 2 * DAY)
      const communityAt = new Date(unitAt.getTime() + rand() * 3 * DAY)
      const submit = { verb: 'submit', from: null, to: 'pending_unit', by: userId, byName: name, at: submitAt }
      const confirmUnit = { verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', by: `user-${unit._id}-admin`, byName: '单位管理员', at: unitAt }
      const history =
        state === 'registered'
          ? [submit, confirmUnit, { verb: 'confirmCommunity', from: 'pending_community', to: 'registered', by: `user-${place.community._id}-admin`, byName: '社区管理员', at: communityAt }]
          : state === 'rejected'
            ? [submit, confirmUnit, { verb: 'rejectCommunity', from: 'pending_community', to: 'rejected', by: `user-${place.community._id}-admin`, byName: '社区管理员', at: communityAt, reason: '不住在本社区' }]
            : state === 'pending_community'
              ? [submit, confirmUnit]
              : [submit]
      const last = history[history.length - 1].at
      regs.push({
        _id: `reg-bx-${i}`, userId, name, phone: `137${String(i).padStart(8, '0')}`,
        unitId: unit._id, unitName: unit.name, unitCountyId: COUNTY_ID,
        communityId: place.community._id, communityName: place.community.name, communityLineage: place.lineage,
        buildingId: building.node._id, buildingName: building.node.name,
        skills: i % 5 === 0 ? ['维修', '教育辅导'] : [], freeTime: ['周末白天'],
        state, history, createdAt: submitAt, updatedAt: last,
      })
      if (state === 'registered') {
        registered++
        members.push({ i, userId, regId: `reg-bx-${i}`, unitId: unit._id, place, building })
      } else if (state !== 'rejected') pending++
    }
    count('registrations', regs)
    await db.collection('registrations').insertMany(regs)
  }

  // The ledger, and per member the year's tally (activities, tenths) it implies.
  const tallyOf = new Map<string, { activities: number; tenths: number }>()
  const ledgerRows: Record<string, unknown>[] = []
  let ledger = 0
  const flushLedger = async (force = false) => {
    if (ledgerRows.length < CHUNK && !(force && ledgerRows.length)) return
    const c0 = Date.now()
    for (const r of ledgerRows) counters.add(hoursBumps(r as unknown as HoursRow))
    countMs += Date.now() - c0
    await db.collection('service_hours').insertMany(ledgerRows.splice(0))
  }
  const book = async (m: Member, kind: 'wish' | 'order' | 'activity', sourceId: string, hours: number, at: Date, lineage: string[], communityId: string) => {
    ledgerRows.push({ userId: m.userId, registrationId: m.regId, communityId, unitId: m.unitId, hours, source: { kind, id: sourceId }, at, createdAt: new Date(at.getTime() + 60_000), lineage })
    ledger++
    if (yearOf(at.getTime()) === thisYear) {
      const t = tallyOf.get(m.userId) ?? { activities: 0, tenths: 0 }
      t.tenths += Math.round(hours * 10)
      if (kind === 'activity') t.activities++
      tallyOf.set(m.userId, t)
    }
    await flushLedger()
  }
  const memberAt = (k: number) => members[(k * 7919) % members.length]

  // Wishes: every state of the wall, a quarter rated; each confirmed one booked for its claimer.
  const WISH_STATES = ['rated', 'rated', 'rated', 'rated', 'rated', 'confirmed', 'confirmed', 'confirmed', 'delivered', 'lit', 'lit', 'published', 'published', 'published', 'published', 'published', 'verified', 'submitted', 'submitted', 'rejected']
  const grid = (p: Place) => ({ userId: `user-${p.gridId}-worker`, name: '网格员', openid: `${p.gridId}-worker` })
  for (let from = 0; from < d.wishes; from += CHUNK) {
    const wishes: Record<string, unknown>[] = []
    for (let i = from; i < Math.min(d.wishes, from + CHUNK); i++) {
      const place = places[(i * 5) % places.length]
      const building = place.buildings[i % 2]
      const state = WISH_STATES[i % WISH_STATES.length]
      const worker = grid(place)
      const admin = { userId: `user-${place.community._id}-admin`, name: '社区管理员' }
      const claimer = memberAt(i)
      const steps: [string, string, string, { userId: string; name: string }][] = [['submit', 'draft', 'submitted', worker]]
      const order = ['submitted', 'verified', 'published', 'lit', 'delivered', 'confirmed', 'rated']
      const upTo = state === 'rejected' ? 1 : order.indexOf(state)
      const verbs: [string, { userId: string; name: string }][] = [['verify', worker], ['publish', admin], ['light', { userId: claimer.userId, name: nameOf(claimer.i) }], ['deliver', { userId: claimer.userId, name: nameOf(claimer.i) }], ['confirm', worker], ['rate', worker]]
      for (let k = 1; k <= upTo; k++) steps.push([verbs[k - 1][0], order[k - 1], order[k], verbs[k - 1][1]])
      if (state === 'rejected') steps.push(['reject', 'verified', 'rejected', admin])
      let t = when(steps.length * 2 * DAY)
      const history = steps.map(([verb, f, to, by]) => {
        t += rand() * 2 * DAY
        return { verb, from: f, to, by: by.userId, byName: by.name, at: new Date(t) }
      })
      const at = (verb: string) => history.find((h) => h.verb === verb)?.at ?? null
      const lit = at('light')
      const id = `wish-bx-${i}`
      wishes.push({
        _id: id, communityId: place.community._id, communityName: place.community.name, lineage: building.lineage,
        photos: [], consent: { method: 'verbal', at: history[0].at, recordedBy: worker.userId },
        author: { ...worker, as: 'grid_worker' }, contact: { ...worker, phone: '13800001003' }, intakeKey: `bx-${i}`,
        beneficiary: { name: nameOf(i + 7), category: i % 3 ? '孤寡老人' : '留守儿童', buildingId: building.node._id, buildingName: building.node.name, room: `${1 + (i % 4)}单元${101 + (i % 6)}` },
        title: '想要一台收音机', details: '老人眼睛不好，想听听广播。', estimatedValue: 50 + (i % 500),
        visit: at('verify') ? { at: at('verify'), note: '入户核实，情况属实', by: worker.userId, byName: worker.name } : null,
        state, ...wallPlacement(state as never), publishedAt: at('publish'),
        claim: lit ? { userId: claimer.userId, name: nameOf(claimer.i), kind: 'member', at: lit, openid: `bx-${claimer.i}`, registration: { id: claimer.regId, communityId: claimer.place.community._id, unitId: claimer.unitId } } : null,
        delivery: at('deliver') ? { at: at('deliver'), note: '已送到', photos: [] } : null,
        confirmation: at('confirm') ? { at: at('confirm'), by: worker.userId } : null,
        rating: at('rate') ? { stars: 4 + (i % 2), thanks: '谢谢', at: at('rate') } : null,
        history, createdAt: history[0].at, updatedAt: history[history.length - 1].at,
      })
      const confirmed = at('confirm')
      if (confirmed) await book(claimer, 'wish', id, 1, confirmed, building.lineage, place.community._id)
    }
    count('wishes', wishes)
    await insertChunked(stack, 'wishes', wishes)
  }

  // Orders: half closed with a rating (booked for the member), the rest open along the way, some escalated.
  const ORDER_PATHS: Record<string, string[]> = {
    ordered: ['order'],
    accepted: ['order', 'accept'],
    dispatched_member: ['order', 'accept', 'dispatchToMember'],
    pooled: ['order', 'accept', 'pool'],
    claimed: ['order', 'accept', 'dispatchToMember', 'acceptDispatch'],
    in_progress: ['order', 'accept', 'dispatchToMember', 'acceptDispatch', 'start'],
    done: ['order', 'accept', 'dispatchToMember', 'acceptDispatch', 'start', 'finish'],
    closed: ['order', 'accept', 'dispatchToMember', 'acceptDispatch', 'start', 'finish', 'confirm', 'close'],
    cancelled: ['order', 'accept', 'cancel'],
    declined: ['order', 'decline'],
  }
  const TO: Record<string, [string | null, string]> = {
    order: [null, 'ordered'], accept: ['ordered', 'accepted'], decline: ['ordered', 'declined'], dispatchToMember: ['accepted', 'dispatched_member'], pool: ['accepted', 'pooled'],
    acceptDispatch: ['dispatched_member', 'claimed'], start: ['claimed', 'in_progress'], finish: ['in_progress', 'done'], confirm: ['done', 'confirmed'], close: ['confirmed', 'closed'], cancel: ['accepted', 'cancelled'],
  }
  const ORDER_STATES = ['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'done', 'in_progress', 'claimed', 'dispatched_member', 'pooled', 'accepted', 'accepted', 'ordered', 'ordered', 'cancelled', 'declined']
  for (let from = 0; from < d.orders; from += CHUNK) {
    const orders: Record<string, unknown>[] = []
    for (let i = from; i < Math.min(d.orders, from + CHUNK); i++) {
      const place = places[(i * 11) % places.length]
      const building = place.buildings[(i >> 1) % 2]
      const state = ORDER_STATES[i % ORDER_STATES.length]
      const member = memberAt(i + 3)
      const resident = { id: `user-bx-resident-${i % 5000}`, name: nameOf(i + 11) }
      const admin = { id: `user-${place.community._id}-admin`, name: '社区管理员' }
      const actor: Record<string, { id: string; name: string }> = {
        order: resident, accept: admin, decline: admin, dispatchToMember: admin, pool: admin, cancel: resident,
        acceptDispatch: { id: member.userId, name: nameOf(member.i) }, start: { id: member.userId, name: nameOf(member.i) }, finish: { id: member.userId, name: nameOf(member.i) },
        confirm: resident, close: { id: 'system', name: '系统' },
      }
      const verbs = ORDER_PATHS[state]
      let t = when(verbs.length * DAY)
      const hours = 1 + (i % 4) * 0.5
      const history: Record<string, unknown>[] = verbs.map((verb) => {
        if (verb !== 'close') t += rand() * DAY
        return { verb, from: TO[verb][0], to: TO[verb][1], by: actor[verb].id, byName: actor[verb].name, at: new Date(t), ...(verb === 'finish' ? { hours } : {}), ...(verb === 'confirm' ? { stars: 3 + (i % 3) } : {}) }
      })
      // An open order past its limit: the sweep's escalate entry and the flag (one in six of the open ones).
      const open = !['closed', 'cancelled', 'declined', 'done'].includes(state)
      const overdue = open && i % 6 === 0 ? { level: 'community', since: new Date(t + HOUR), nextAt: new Date(t + 25 * HOUR) } : null
      if (overdue) history.push({ verb: 'escalate', from: state, to: state, by: 'system', byName: '系统', at: overdue.since })
      const at = (verb: string) => (history.find((h) => h.verb === verb)?.at as Date | undefined) ?? null
      const assigned = verbs.includes('dispatchToMember')
      const id = `order-bx-${i}`
      orders.push({
        _id: id, itemId: null, category: '维修', skills: [], description: '帮忙修水管', preferredAt: new Date(history[0].at as Date), urgency: i % 5 ? 'normal' : 'urgent',
        residentId: resident.id, residentName: resident.name, placedById: resident.id, placedByName: resident.name,
        streetId: place.street._id, communityId: place.community._id, communityName: place.community.name, compoundId: place.compoundId, gridId: place.gridId,
        buildingId: building.node._id, buildingName: building.node.name, lineage: building.lineage,
        state, stateSince: history[history.length - 1].at, assigneeId: assigned ? member.userId : null, assigneeName: assigned ? nameOf(member.i) : null, unitId: null,
        pool: state === 'pooled' ? { kind: 'community', id: place.community._id, name: place.community.name } : null,
        claimedAt: at('acceptDispatch'), mergedInto: null,
        report: at('finish') ? { note: '已修好', hours, at: at('finish') } : null,
        rating: at('confirm') ? { stars: 3 + (i % 3), comment: '很及时', at: at('confirm') } : null,
        overdue, history, createdAt: history[0].at, updatedAt: history[history.length - 1].at,
        assigneeRegistrationId: assigned ? member.regId : null, assigneeUnitId: assigned ? member.unitId : null,
      })
      const confirmed = at('confirm')
      if (confirmed) await book(member, 'order', id, hours, confirmed, building.lineage, place.community._id)
    }
    count('orders', orders)
    await insertChunked(stack, 'orders', orders)
  }

  // Activities held and booked, 80 attendees each, until the ledger holds `d.hours` rows.
  const PER = 80
  const activityCount = Math.ceil((d.hours - ledger) / PER)
  const activities: Record<string, unknown>[] = []
  for (let a = 0; a < activityCount; a++) {
    const place = places[(a * 13) % places.length]
    const unit = a % 3 === 0 ? units[a % units.length] : null
    const organiser = unit ? { kind: 'unit', id: unit._id, name: unit.name, lineage: [COUNTY_ID] } : { kind: 'community', id: place.community._id, name: place.community.name, lineage: place.lineage }
    const by = unit ? `user-${unit._id}-admin` : `user-${place.community._id}-admin`
    const created = when(5 * DAY)
    const startAt = new Date(created + 3 * DAY)
    const endAt = new Date(startAt.getTime() + 2 * HOUR)
    const booked = new Date(endAt.getTime() + DAY)
    const hours = 1 + (a % 4) * 0.5
    const e = (verb: string, f: string, to: string, at: Date | number) => ({ verb, from: f, to, by, byName: '组织者', at: new Date(at) })
    const id = `act-bx-${a}`
    activities.push({
      _id: id, state: 'booked', title: '社区志愿服务', description: '清理公共区域', organiser, unitId: unit?._id ?? null, countyId: COUNTY_ID,
      communityId: place.community._id, lineage: place.lineage, placeName: place.community.name, themeId: null, themeTitle: null,
      address: `${place.community.name}党群服务中心`, startAt, endAt, capacity: PER, hours, skills: [], openToCitizens: false,
      seatedIds: [], seatCount: PER, waitingIds: [], waitCount: 0, version: 3, checkInSecret: `bx-secret-${a}`,
      booking: { people: PER, hours: hours * PER, at: booked }, stateSince: booked, createdBy: by, createdAt: new Date(created), updatedAt: booked,
      history: [e('create', 'draft', 'draft', created), e('publish', 'draft', 'published', created), e('closeSignup', 'published', 'closed', startAt), e('hold', 'closed', 'held', endAt), e('book', 'held', 'booked', booked)],
    })
    for (let k = 0; k < PER && ledger < d.hours; k++) {
      // 80 different members (1009 is prime and does not divide the count of members).
      const m = members[(a * 131 + k * 1009) % members.length]
      await book(m, 'activity', id, hours, endAt, place.lineage, place.community._id)
    }
  }
  await flushLedger(true)
  count('activities', activities)
  await insertChunked(stack, 'activities', activities)

  // The year's tallies (what the member card and the dashboard's 未达标 read), met by the county's rule.
  const tallies: Record<string, unknown>[] = []
  let met = 0
  const notMetByUnit: Record<string, number> = {}
  for (const m of members) notMetByUnit[m.unitId] = (notMetByUnit[m.unitId] ?? 0) + 1
  for (const m of members) {
    const t = tallyOf.get(m.userId)
    if (!t) continue
    const isMet = t.activities >= 2 && t.tenths >= 200 // the county's rule above: 2 activities, 20 hours
    if (isMet) met++
    if (isMet) notMetByUnit[m.unitId]--
    tallies.push({ _id: `m:${thisYear}:${m.userId}`, kind: 'member', year: thisYear, userId: m.userId, unitId: m.unitId, countyId: COUNTY_ID, activities: t.activities, tenths: t.tenths, credited: [], met: isMet })
  }
  await insertChunked(stack, 'tallies', tallies)

  // The counters: every record counted above, every pairing; one document per scope.
  const c0 = Date.now()
  const lineageOf = new Map(places.map((p) => [p.community._id, p.lineage]))
  for (const u of units) for (const c of u.pairedCommunityIds) counters.add(pairingBumps(u, lineageOf.get(c) ?? []))
  const scopes: ScopeRef[] = [
    ...county.nodes.filter((x) => x.kind === 'county' || x.kind === 'street' || x.kind === 'community').map((x) => ({ id: x._id, level: x.kind as ScopeRef['level'], parentId: x.parentId })),
    ...units.map((u) => ({ id: u._id, level: 'unit' as const, parentId: u.countyId })),
  ]
  const docs = counters.docs(scopes)
  countMs += Date.now() - c0
  await db.collection('stats').insertMany(docs as unknown as Record<string, unknown>[])

  const seedMs = Date.now() - t0
  const counts = ['registrations', 'service_hours', 'wishes', 'orders', 'activities', 'tallies', 'stats'].map((c) => `${c} ${n(db.collection(c).count({}))}`).join(', ')
  figure(`stats @${d.name}: seeded 基准县 (4 streets, 24 communities, 88 units)`, `${n(d.members)} registrations (${n(registered)} registered, ${n(pending)} pending), ${n(ledger)} service_hours rows, ${n(d.wishes)} wishes, ${n(d.orders)} orders, ${n(activityCount)} activities, ${n(tallies.length)} tallies (${n(met)} met), ${docs.length} counter documents; in ${secs(seedMs)} (counting with the domain functions ${secs(countMs)} of it)`)
  figure(`stats @${d.name}: collections in the store (with the demo county)`, counts)
  return { county, registered, pending, tallies: tallies.length, met, activities: activityCount, ledger, seedMs, countMs, notMetByUnit }
}

// ---- measurements -----------------------------------------------------------------------------

interface DashboardFigures {
  trips: string
  p50: number
  p95: number
  wallP50: number
  wallP95: number
  scannedPerCall: number
  /** Garbage collection in this process (which holds the emulator and its store) during the calls. */
  gc: { count: number; majors: number; totalMs: number; maxMs: number }
}

/** Collects this process's GC pauses until `stop()`: the emulator's store lives here, so a big store's collections show in its answers. */
function watchGc(): { stop(): Promise<DashboardFigures['gc']> } {
  const pauses: { ms: number; major: boolean }[] = []
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ ms: e.duration, major: (e as unknown as { detail?: { kind?: number } }).detail?.kind === perf.NODE_PERFORMANCE_GC_MAJOR })
  })
  obs.observe({ entryTypes: ['gc'] })
  return {
    async stop() {
      await new Promise((r) => setImmediate(r))
      obs.disconnect()
      return { count: pauses.length, majors: pauses.filter((p) => p.major).length, totalMs: pauses.reduce((t, p) => t + p.ms, 0), maxMs: Math.max(0, ...pauses.map((p) => p.ms)) }
    },
  }
}

async function dashboardFigure(stack: TestStack, figure: Figure, d: Dataset, seeded: Seeded, event: Record<string, unknown>, label: string): Promise<DashboardFigures> {
  const db = stack.emulator.db
  const invoke = async () => {
    const t0 = process.hrtime.bigint()
    const inv = await stack.runner.invoke('stats', event, { openid: ADMIN })
    const wall = Number(process.hrtime.bigint() - t0) / 1e6
    const r = inv.result as any
    check(!inv.error && r?.code === 0, `dashboard: ${JSON.stringify(inv.error ?? r).slice(0, 300)}`)
    return { inv, wall, data: r.data }
  }
  for (let i = 0; i < WARM; i++) await invoke()
  const trips: number[] = []
  const inMain: number[] = []
  const wall: number[] = []
  db.resetStats()
  const gcWatch = watchGc()
  let last: any
  for (let i = 0; i < CALLS; i++) {
    const { inv, wall: w, data } = await invoke()
    trips.push(inv.roundTrips)
    inMain.push(inv.durationMs)
    wall.push(w)
    last = data
  }
  const gc = await gcWatch.stop()
  const scanned = db.stats().docsScanned / CALLS
  // The answer: the county, its 4 streets and 88 units, members as seeded, 未达标 = members − met tallies.
  const fig = (k: string) => last.figures.find((f: any) => f.key === k)?.value
  check(last.scope.id === COUNTY_ID, `dashboard scope ${last.scope.id}`)
  check(fig('members') === seeded.registered, `members ${fig('members')}, seeded ${seeded.registered} registered`)
  check(fig('membersPending') === seeded.pending, `membersPending ${fig('membersPending')}, seeded ${seeded.pending}`)
  check(fig('notMet') === seeded.registered - seeded.met, `notMet ${fig('notMet')}, expected ${seeded.registered - seeded.met}`)
  check(last.breakdowns[0].rows.length === 4 && last.breakdowns[1].rows.length === 88, `breakdowns ${last.breakdowns.map((b: any) => b.rows.length)}`)
  const streets = last.breakdowns[0].rows.reduce((s: number, r: any) => s + (r.values.members ?? 0), 0)
  check(streets === seeded.registered, `the streets add up to ${streets} members`)
  const s = sortNum(inMain)
  const w = sortNum(wall)
  const out = { trips: tripSpread(trips), p50: percentile(s, 50), p95: percentile(s, 95), wallP50: percentile(w, 50), wallP95: percentile(w, 95), scannedPerCall: scanned, gc }
  const name = `stats @${d.name}: dashboard ${label}`
  figure(`${name}: answer`, `members ${n(fig('members'))}, pending ${n(fig('membersPending'))}, not met ${n(fig('notMet'))}, hours ${fig('hours')}, wishes lit ${fig('wishesLit')}, orders done ${fig('ordersDone')}, 4 streets + 88 units one level down, checked against the seed`)
  figure(`${name}: round trips`, `${out.trips} (target 1–2)`)
  figure(`${name}: invocation (main() in the runner, ${CALLS} sequential calls)`, `p50 ${ms(out.p50)}, p95 ${ms(out.p95)} (target p50 ≤ 20 ms)`)
  figure(`${name}: call through the runner (wall clock, with the IPC)`, `p50 ${ms(out.wallP50)}, p95 ${ms(out.wallP95)}`)
  figure(`${name}: documents handed to the emulator's matcher per call (db.stats().docsScanned / ${CALLS})`, scanned.toFixed(1))
  figure(`${name}: GC in the emulator's process during the ${CALLS} calls`, `${gc.count} pauses (${gc.majors} major), ${ms(gc.totalMs)} in all, longest ${ms(gc.maxMs)}; heap used ${(process.memoryUsage().heapUsed / 1e9).toFixed(2)} GB`)
  return out
}

interface TimerFigures {
  ms: number
  trips: number
  scanned: number
  result: any
  error?: string
  peakRssMb?: number
}

async function timerFigure(stack: TestStack, trigger: string, sampleMemory = false): Promise<TimerFigures> {
  const db = stack.emulator.db
  const [pid] = sampleMemory ? workerPids('stats') : []
  let peak = pid ? statusKb(pid, 'VmRSS') : 0
  const timer = pid ? setInterval(() => (peak = Math.max(peak, statusKb(pid, 'VmRSS'))), 50) : undefined
  db.resetStats()
  const t0 = process.hrtime.bigint()
  const inv = await stack.fireTimer('stats', trigger)
  const wall = Number(process.hrtime.bigint() - t0) / 1e6
  if (timer) clearInterval(timer)
  return {
    ms: wall,
    trips: inv.roundTrips,
    scanned: db.stats().docsScanned,
    result: inv.result,
    ...(inv.error ? { error: inv.error.errMsg } : {}),
    ...(pid ? { peakRssMb: Math.max(peak, statusKb(pid, 'VmHWM')) / 1024 } : {}),
  }
}

/** wx-server-sdk in this process, pointed at the stack's emulator (the changes are written as a function writes them). */
function sdkDatabase(stack: TestStack): any {
  Object.assign(process.env, sdkEnv(stack.emulator.adminUrl('bench-stats-sdk')))
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return cloud.database()
}

async function pool<T>(items: readonly T[], width: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await each(items[next++])
  }))
}

interface RollupFigures {
  changes: number
  ms: number
  trips: number
  records: number
  scanned: number
}

/**
 * `changes` records changed now (the functions' clock): a quarter each of published wishes lit,
 * ordered orders accepted, registrations waiting for the community confirmed, new ledger rows;
 * then the clock moves 100 s on (past the 90 s lag) and the roll-up fires. The county's counters
 * must move by exactly those changes.
 */
async function rollupFigure(stack: TestStack, sdb: any, clock: { offset: number }, changes: number, used: Set<string>): Promise<RollupFigures> {
  const db = stack.emulator.db
  const _ = sdb.command
  const quarter = changes / 4
  const at = new Date(Date.now() + clock.offset)
  const take = (collection: string, state: string) => {
    const out = db.collection(collection).find({ _id: { $regex: '^(wish|order|reg)-bx-' }, state }, { limit: quarter + used.size }).filter((x) => !used.has(x._id as string)).slice(0, quarter)
    check(out.length === quarter, `only ${out.length} ${collection} in ${state}`)
    out.forEach((x) => used.add(x._id as string))
    return out
  }
  const before = db.collection('stats').findOne({ _id: COUNTY_ID }) as any
  const wishes = take('wishes', 'published')
  const orders = take('orders', 'ordered')
  const regs = take('registrations', 'pending_community')
  const member = { userId: 'user-bx-0', name: nameOf(0) }
  const writes: (() => Promise<number>)[] = [
    ...wishes.map((w) => async () => (await sdb.collection('wishes').where({ _id: w._id, state: 'published' }).update({ data: {
      state: 'lit', ...wallPlacement('lit'), claim: _.set({ userId: member.userId, name: member.name, kind: 'member', at, openid: 'bx-0', registration: { id: 'reg-bx-0', communityId: 'org-bx-c00', unitId: 'unit-bx-00' } }),
      history: _.push([{ verb: 'light', from: 'published', to: 'lit', by: member.userId, byName: member.name, at }]), updatedAt: at,
    } })).stats.updated),
    ...orders.map((o) => async () => (await sdb.collection('orders').where({ _id: o._id, state: 'ordered' }).update({ data: {
      // As the planner writes it: the next step clears an escalation's flag.
      state: 'accepted', stateSince: at, overdue: null, history: _.push([{ verb: 'accept', from: 'ordered', to: 'accepted', by: 'user-bx-admin', byName: '社区管理员', at }]), updatedAt: at,
    } })).stats.updated),
    ...regs.map((r) => async () => (await sdb.collection('registrations').where({ _id: r._id, state: 'pending_community' }).update({ data: {
      state: 'registered', history: _.push([{ verb: 'confirmCommunity', from: 'pending_community', to: 'registered', by: 'user-bx-admin', byName: '社区管理员', at }]), updatedAt: at,
    } })).stats.updated),
  ]
  let updated = 0
  await pool(writes, 8, async (w) => {
    const k = await w()
    updated += k
  })
  check(updated === 3 * quarter, `${updated} of ${3 * quarter} updates applied`)
  const rows = Array.from({ length: quarter }, (_x, k) => {
    const m = regs[k] as any
    return { userId: m.userId, registrationId: m._id, communityId: m.communityId, unitId: m.unitId, hours: 2, source: { kind: 'order', id: `order-bx-rollup-${changes}-${k}` }, at, createdAt: at, lineage: m.communityLineage }
  })
  if (rows.length) await sdb.collection('service_hours').add({ data: rows })

  clock.offset += 100_000
  stack.setClockOffset(clock.offset)
  const t = await timerFigure(stack, 'rollup')
  check(!t.error && t.result && !t.result.skipped, `rollup: ${JSON.stringify(t.error ?? t.result)}`)
  check(t.result.records === changes, `rollup read ${t.result.records} records, ${changes} changed`)
  const after = db.collection('stats').findOne({ _id: COUNTY_ID }) as any
  const moved = (k: string) => (after.all[k] ?? 0) - (before.all[k] ?? 0)
  check(moved('wishesLit') === quarter && moved('registered') === quarter && moved('members') === quarter && moved('membersPending') === -quarter && moved('hoursTenths') === 20 * quarter,
    `the county's counters moved ${JSON.stringify(['wishesLit', 'registered', 'members', 'membersPending', 'hoursTenths'].map(moved))} for ${quarter} of each change`)
  return { changes, ms: t.ms, trips: t.trips, records: t.result.records, scanned: t.scanned }
}

// ---- one dataset, in its own process ----------------------------------------------------------

export interface DatasetSummary {
  dataset: Dataset
  seeded: Omit<Seeded, 'county' | 'notMetByUnit'>
  recount: { ms: number; trips: number; error?: string; drift?: number; documents?: number; peakRssMb?: number }
  recountInProcess: { ms: number; drift: number; documents: number }
  dashboard: DashboardFigures
  dashboardDefault: DashboardFigures
  monthly: { ms: number; trips: number; written: number; communities: number; units: number; notMetWrong: number; error?: string }
  rollups: RollupFigures[]
}

export async function datasetFigures(d: Dataset, figure: Figure): Promise<DatasetSummary> {
  figure(`stats @${d.name}: machine`, `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}`)
  const stack = await startTestStack({ seed: true, maxInstancesPerFunction: 1 })
  try {
    const seeded = await seed(stack, d, figure)
    const { county: _c, notMetByUnit: _u, ...seededOut } = seeded
    const warm = await stack.runner.invoke('stats', { action: 'dashboard', scopeId: 'org-longmen' }, { openid: 'demo-county-admin' })
    check((warm.result as any)?.code === 0, `warm-up: ${JSON.stringify(warm.result ?? warm.error)}`)

    // 1. The nightly recount over everything, through the runner (its 60 s timeout), then in this process.
    const recount = await timerFigure(stack, 'recount', true)
    const recountOut = { ms: recount.ms, trips: recount.trips, ...(recount.error ? { error: recount.error } : { drift: recount.result.drift, documents: recount.result.documents }), peakRssMb: recount.peakRssMb }
    figure(
      `stats @${d.name}: recount timer through the runner (every record replayed, compared, repaired)`,
      recount.error
        ? `FAILED after ${secs(recount.ms)}: ${recount.error}; ${n(recount.trips)} round trips; function process RSS peak ${recount.peakRssMb?.toFixed(0)} MB`
        : `${secs(recount.ms)}, ${n(recount.trips)} round trips, ${recount.result.documents} counter documents, drift ${recount.result.drift} (0: the seeded counters are what the records imply), repaired ${recount.result.repaired}; function process RSS peak ${recount.peakRssMb?.toFixed(0)} MB`,
    )
    const sdb = sdkDatabase(stack)
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { recountStats } = require('../server/kit/statsRecount') as typeof import('../server/kit/statsRecount')
    const r0 = Date.now()
    const inProcess = await recountStats(sdb, { repair: false })
    const recountInProcess = { ms: Date.now() - r0, drift: inProcess.drift.length, documents: inProcess.documents }
    figure(
      `stats @${d.name}: the same recount in this process via wx-server-sdk (no timeout, no repair)`,
      `${secs(recountInProcess.ms)}, ${recountInProcess.documents} counter documents, drift ${recountInProcess.drift}${inProcess.drift.length ? ` (${inProcess.drift.slice(0, 5).map((x) => `${x.id} ${x.metric} ${x.stored}→${x.counted}`).join('; ')})` : ''}`,
    )
    check(recountInProcess.drift === 0, `the seeded counters drift from the recount: ${JSON.stringify(inProcess.drift.slice(0, 10))}`)

    // 2. The county dashboard, named and by default.
    const dashboard = await dashboardFigure(stack, figure, d, seeded, { action: 'dashboard', scopeId: COUNTY_ID, period: 'year' }, '{ scopeId: county, period: year }')
    const dashboardDefault = await dashboardFigure(stack, figure, d, seeded, { action: 'dashboard' }, '{} (month, the caller\'s widest scope)')

    // 3. Last month's reports.
    const month = previousMonthKey(new Date())
    const monthlyT = await timerFigure(stack, 'monthlyReport')
    const written = (monthlyT.result?.written ?? []) as string[]
    check(!monthlyT.error, `monthlyReport: ${monthlyT.error}`)
    check(written.includes(reportId(COUNTY_ID, month)), `monthlyReport wrote ${JSON.stringify(monthlyT.result)}`)
    const report = await stack.call('stats', { action: 'report', id: reportId(COUNTY_ID, month) }, ADMIN)
    check(report.result?.code === 0, `report: ${JSON.stringify(report.result)}`)
    const rep = report.result.data
    // 未达年度要求 per unit, against the seeded tallies (reported, not asserted: a wrong count is a finding, not the bench's failure).
    const said = new Map<string, number>((rep.lagging.requirementNotMet as { id: string; why: string }[]).map((r) => [r.id, Number(/^(\d+)/.exec(r.why)?.[1] ?? NaN)]))
    const unitIds = seeded.county.units.map((u) => u._id)
    const wrongUnits = unitIds.filter((id) => (said.get(id) ?? 0) !== Math.max(0, seeded.notMetByUnit[id] ?? 0))
    const monthly = { ms: monthlyT.ms, trips: monthlyT.trips, written: written.length, communities: rep.communities.length, units: rep.units?.length ?? 0, notMetWrong: wrongUnits.length }
    figure(
      `stats @${d.name}: monthlyReport timer (${month}, every county and street)`,
      `${secs(monthly.ms)} (target ≤ 10 s), ${monthly.trips} round trips, ${monthly.written} reports written (${(monthlyT.result.existing ?? []).length} already there), ${n(monthlyT.scanned)} documents scanned; 基准县's read back in ${report.roundTrips} round trip: ${monthly.communities} communities ranked, ${monthly.units} units`,
    )
    figure(
      `stats @${d.name}: monthly report's 未达年度要求 per unit, against the seeded tallies`,
      wrongUnits.length === 0
        ? `all ${unitIds.length} units right`
        : `WRONG for ${wrongUnits.length} of ${unitIds.length} units (e.g. ${wrongUnits.slice(0, 3).map((id) => `${id}: says ${said.get(id) ?? 0}, tallies say ${seeded.notMetByUnit[id]}`).join('; ')})`,
    )

    // 4. Roll-ups: the first window (nothing but the seed's), then 100 and 1,000 changes.
    const clock = { offset: 100_000 }
    stack.setClockOffset(clock.offset)
    const first = await timerFigure(stack, 'rollup')
    check(!first.error && !first.result?.skipped, `first rollup: ${JSON.stringify(first.error ?? first.result)}`)
    const rollups: RollupFigures[] = [{ changes: 0, ms: first.ms, trips: first.trips, records: first.result.records, scanned: first.scanned }]
    const used = new Set<string>()
    for (const changes of [100, 1000]) rollups.push(await rollupFigure(stack, sdb, clock, changes, used))
    for (const r of rollups) {
      figure(
        `stats @${d.name}: rollup timer after ${n(r.changes)} changed records`,
        `${ms(r.ms)}, ${r.trips} round trips, ${n(r.records)} records read, ${n(r.scanned)} documents scanned${r.changes ? "; the county's counters moved by exactly the changes" : ''}`,
      )
    }
    stack.setClockOffset(0)
    return { dataset: d, seeded: seededOut, recount: recountOut, recountInProcess, dashboard, dashboardDefault, monthly, rollups }
  } finally {
    await stack.close()
  }
}

// ---- the section: both sizes, each in its own process, then the table -------------------------

function runDatasetProcess(name: Dataset['name'], figure: Figure): Promise<DatasetSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=12288', '--import', 'tsx', __filename, `--dataset=${name}`], {
      cwd: path.join(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let summary: DatasetSummary | null = null
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(SUMMARY)) summary = JSON.parse(line.slice(SUMMARY.length))
      else {
        const at = line.indexOf(': ')
        if (at > 0) figure(line.slice(0, at), line.slice(at + 2))
        else if (line.trim()) console.log(line)
      }
    })
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 && summary ? resolve(summary) : reject(new Error(`stats bench (${name}) exited ${code}`))))
  })
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)))
  return rows.map((r, i) => {
    const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}` : line
  }).join('\n')
}

export async function statsFigures(figure: Figure): Promise<void> {
  const small = await runDatasetProcess('small', figure)
  const big = await runDatasetProcess('big', figure)
  const both = [small, big]
  const head = ['', ...both.map((s) => `${n(s.dataset.members)} members / ${n(s.seeded.ledger)} hours rows / ${n(s.dataset.wishes)} wishes / ${n(s.dataset.orders)} orders`)]
  const dash = (pick: (s: DatasetSummary) => DashboardFigures, label: string) => [
    [`${label}: round trips`, ...both.map((s) => pick(s).trips)],
    [`${label}: main() p50 / p95 (target p50 ≤ 20 ms)`, ...both.map((s) => `${ms(pick(s).p50)} / ${ms(pick(s).p95)}`)],
    [`${label}: wall p50 / p95`, ...both.map((s) => `${ms(pick(s).wallP50)} / ${ms(pick(s).wallP95)}`)],
    [`${label}: documents scanned per call`, ...both.map((s) => pick(s).scannedPerCall.toFixed(1))],
    [`${label}: emulator GC during the calls`, ...both.map((s) => `${pick(s).gc.count} pauses, ${ms(pick(s).gc.totalMs)}, max ${ms(pick(s).gc.maxMs)}`)],
  ]
  const rows = [
    head,
    ['seeding (store + counters)', ...both.map((s) => `${secs(s.seeded.seedMs)} (counting ${secs(s.seeded.countMs)})`)],
    ...dash((s) => s.dashboard, 'dashboard {scopeId, year}'),
    ...dash((s) => s.dashboardDefault, 'dashboard {} (2 round trips)'),
    ['monthlyReport timer (target ≤ 10 s)', ...both.map((s) => `${secs(s.monthly.ms)}, ${s.monthly.trips} trips, ${s.monthly.communities} communities, ${s.monthly.units} units`)],
    ["monthly report's 未达年度要求 per unit", ...both.map((s) => (s.monthly.notMetWrong ? `WRONG for ${s.monthly.notMetWrong} of 88 units` : 'right for all 88 units'))],
    ...[0, 1, 2].map((k) => [`rollup after ${n(both[0].rollups[k].changes)} changes`, ...both.map((s) => `${ms(s.rollups[k].ms)}, ${s.rollups[k].trips} trips, ${n(s.rollups[k].records)} read, ${n(s.rollups[k].scanned)} scanned`)]),
    ['recount timer via runner (60 s timeout)', ...both.map((s) => (s.recount.error ? `FAILED ${secs(s.recount.ms)}: ${s.recount.error.slice(0, 60)}` : `${secs(s.recount.ms)}, ${n(s.recount.trips)} trips, drift ${s.recount.drift}`) + (s.recount.peakRssMb ? `, RSS ${s.recount.peakRssMb.toFixed(0)} MB` : ''))],
    ['recount in process (no timeout)', ...both.map((s) => `${secs(s.recountInProcess.ms)}, drift ${s.recountInProcess.drift}`)],
  ]
  console.log(`\nstats (issue 12), ${os.cpus().length} cores, node ${process.version}:\n${table(rows)}\n`)
}

if (require.main === module) {
  const arg = process.argv.find((a) => a.startsWith('--dataset='))?.split('=')[1] as Dataset['name'] | undefined
  const print: Figure = (name, value) => console.log(`${name}: ${value}`)
  const run = arg
    ? datasetFigures(DATASETS[arg], print).then((s) => console.log(`${SUMMARY}${JSON.stringify(s)}`))
    : statsFigures(print)
  run.then(
    () => process.exit(0),
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
