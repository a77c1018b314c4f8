/**
 * Issue 12: "A test proves the counters equal a full recount after random flows".
 *
 * Randomized flows through the REAL cloud functions (the built bundles, the runner, the emulator)
 * on the seeded demo county (server/local/demo.ts: 龙门县 → 龙城街道 → 北门社区 / 城南社区; 陈红
 * 北门社区's admin, 周涛 城南社区's, 刘洋 县水利局's, 孙丽 北门花园支部, 张敏 the grid worker, 王秀英 a
 * resident, 赵志强 the county admin). Each step picks at random something a real person does —
 * registering and the confirmations, wishes from the door to the rating, orders from placing to the
 * stars, proposals and projects, patrol problems, activities from creation to booked hours,
 * pairings — with an actor that may do it (and now and then a record in the wrong state or the
 * wrong person, so refusals are part of the mix). Between steps the clock moves on and the timers
 * fire: the statistics roll-up (cloudfunctions/stats `rollup`), the orders' and problems'
 * escalations, the activities' sweep, the wishes' release of old claims; once per run the clock
 * jumps into next month. At the end the roll-up runs once more and:
 *
 *  1. the nightly recount (`recount` timer) finds no drift: the rolled-up counters equal a full
 *     replay of every record;
 *  2. the county dashboard's figures equal counts taken here from the records themselves (not
 *     through the counting code);
 *  3. another roll-up changes nothing (windows are idempotent);
 *
 * and two roll-ups fired at once count a change once (the watermark claim is conditional).
 *
 * The generator is seeded: the seed is printed; `LIANXIN_STATS_SEED=<n>` replays a run,
 * `LIANXIN_STATS_STEPS=<n>` changes its length (default 300).
 */
import { startTestStack, type TestStack } from '../../../server/testing/stack'

jest.setTimeout(240_000)

const SEED = process.env.LIANXIN_STATS_SEED ? Number(process.env.LIANXIN_STATS_SEED) : Math.floor(Math.random() * 2 ** 31)
const STEPS = process.env.LIANXIN_STATS_STEPS ? Number(process.env.LIANXIN_STATS_STEPS) : 300
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const COUNTY = 'org-longmen'

let stack: TestStack

beforeAll(async () => {
  console.log(`counters.test: seed ${SEED} (replay with LIANXIN_STATS_SEED=${SEED}), ${STEPS} steps`)
  stack = await startTestStack({ seed: true })
  startMs = Date.now()
  photos.door = stack.emulator.storage.put('wishes/counters-door.jpg', JPEG, { contentType: 'image/jpeg' }).fileID
  photos.delivery = stack.emulator.storage.put('wishes/counters-delivered.jpg', JPEG, { contentType: 'image/jpeg' }).fileID
  photos.problem = stack.emulator.storage.put('problems/counters.png', PNG, { contentType: 'image/png' }).fileID
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

// ---- the seeded generator ----------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = mulberry32(SEED)
const chance = (p: number) => rand() < p
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
function pick<T>(xs: readonly T[]): T | undefined {
  return xs.length === 0 ? undefined : xs[Math.floor(rand() * xs.length)]
}
function pickSome<T>(xs: readonly T[], n: number): T[] {
  const pool = [...xs]
  const out: T[] = []
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0])
  return out
}

// ---- the store and the clock ---------------------------------------------------------------------

type Doc = Record<string, any>
const col = (name: string) => stack.emulator.db.collection(name)
const createdMs = (d: Doc) => (d.createdAt ? new Date(d.createdAt).getTime() : 0)
/** In creation order (then id), so that a seed picks the same records again whatever ids the functions drew. */
const all = (name: string, query: Record<string, unknown> = {}): Doc[] =>
  (col(name).find(query) as unknown as Doc[]).sort((a, b) => createdMs(a) - createdMs(b) || String(a._id).localeCompare(String(b._id)))
const one = (name: string, query: Record<string, unknown>): Doc | null => (col(name).findOne(query) as unknown as Doc | null) ?? null

/**
 * The functions' clock is virtual: it starts at the wall clock and moves only when the test moves
 * it (a second per call, minutes or hours between timers), whatever time the calls really take, so
 * a seed replays the same steps at the same relative times. It only ever moves forward.
 */
let startMs = 0
let virtualMs = 0
const nowMs = () => startMs + virtualMs
const iso = (ms: number) => new Date(ms).toISOString()
function advance(ms: number) {
  virtualMs += ms
}
/** Points the functions' clock at the virtual now, right before an invocation. */
function syncClock() {
  stack.setClockOffset(nowMs() - Date.now())
}
async function call(fn: string, data: Record<string, unknown>, openid: string) {
  advance(1000)
  syncClock()
  return stack.call(fn, data, openid)
}
async function fire(fn: string, trigger: string) {
  syncClock()
  return stack.fireTimer(fn, trigger)
}

/**
 * "Mostly valid": the records a step applies to, and now and then (15%) any record of the
 * collection, so that refusals (wrong state, wrong person) are exercised too.
 */
function candidate(collection: string, query: Record<string, unknown>, filter: (d: Doc) => boolean = () => true): Doc | undefined {
  if (chance(0.15)) return pick(all(collection))
  return pick(all(collection, query).filter(filter))
}

const openidOf = (userId: string | null | undefined): string | undefined => (userId ? one('users', { _id: userId })?.openid : undefined)

/** Registered members (with an account) of a community, or of any. */
function members(communityId?: string): { userId: string; openid: string; regId: string; communityId: string }[] {
  return all('registrations', { state: 'registered', ...(communityId ? { communityId } : {}) })
    .map((r) => ({ userId: r.userId as string, openid: openidOf(r.userId) as string, regId: r._id as string, communityId: r.communityId as string }))
    .filter((m) => !!m.openid)
}

/** People who live somewhere known (a home or a live registration): residents who order, propose, report. */
function residents(communityId?: string): { openid: string; userId: string; communityId: string; buildingId?: string }[] {
  const out: { openid: string; userId: string; communityId: string; buildingId?: string }[] = []
  for (const u of all('users')) {
    if (u.home && (!communityId || u.home.communityId === communityId)) out.push({ openid: u.openid, userId: u._id, communityId: u.home.communityId, buildingId: u.home.buildingId })
    else if (u.liveRegistrationId) {
      const r = one('registrations', { _id: u.liveRegistrationId })
      if (r && (!communityId || r.communityId === communityId)) out.push({ openid: u.openid, userId: u._id, communityId: r.communityId, buildingId: r.buildingId })
    }
  }
  return out
}

const COMMUNITY_ADMIN: Record<string, string> = { 'org-beimen': 'demo-community-admin', 'org-chengnan': 'demo-chengnan-admin' }
const BUILDINGS: Record<string, string[]> = { 'org-beimen': ['org-beimen-b1', 'org-beimen-b2'], 'org-chengnan': ['org-chengnan-b1'], 'org-taipingmen': [], 'org-pingling-sq': [] }
const COMMUNITIES = Object.keys(BUILDINGS)
const UNITS = ['unit-water-bureau', 'unit-water-co', 'unit-publicity']
const UNIT_ADMIN: Record<string, string> = { 'unit-water-bureau': 'demo-unit-admin' }
const adminOf = (communityId: string) => COMMUNITY_ADMIN[communityId] ?? 'demo-community-admin'

// ---- calls, and what succeeded ---------------------------------------------------------------------

interface Tally {
  ok: number
  failed: number
  codes: Record<string, number>
}
const tallies = new Map<string, Tally>()
const unexpected: string[] = []

function note(kind: string, verb: string, ok: boolean, code: string | number) {
  const key = `${kind}.${verb}`
  const t = tallies.get(key) ?? { ok: 0, failed: 0, codes: {} }
  if (ok) t.ok++
  else {
    t.failed++
    t.codes[String(code)] = (t.codes[String(code)] ?? 0) + 1
  }
  tallies.set(key, t)
}

/** Calls `fn.action` as `openid`; a crash or SYSTEM.INTERNAL is recorded as unexpected (asserted empty at the end). */
async function act(kind: string, fn: string, action: string, input: Record<string, unknown>, openid: string, ok: (data: any) => boolean = () => true, label = action): Promise<any | null> {
  const { result, error } = await call(fn, { action, ...input }, openid)
  if (error || !result || result.code === 'SYSTEM.INTERNAL') {
    unexpected.push(`${fn}.${action} by ${openid} ${JSON.stringify(input).slice(0, 200)} → ${JSON.stringify(error ?? result).slice(0, 300)}`)
    note(kind, label, false, 'CRASH')
    return null
  }
  const good = result.code === 0 && ok(result.data)
  // A batch (confirmUnit, confirmCommunity) answers 0 with every id refused: NONE_DONE.
  note(kind, label, good, result.code === 0 ? 'NONE_DONE' : result.code)
  return good ? result.data : null
}

async function timer(fn: string, trigger: string): Promise<any> {
  const inv = await fire(fn, trigger)
  if (inv.error) unexpected.push(`timer ${fn}.${trigger} → ${JSON.stringify(inv.error).slice(0, 300)}`)
  note('timers', `${fn}.${trigger}`, !inv.error, 'CRASH')
  return inv.result
}

// ---- inputs ------------------------------------------------------------------------------------------

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '桂英']
const personName = () => `${pick(SURNAMES)}${pick(GIVEN)}${chance(0.5) ? pick(GIVEN) : ''}`
let people = 0
let phones = 0
const newPhone = () => `139${String(55_000_000 + ++phones).padStart(8, '0')}`

/** A form for `communityId` (its building when it has some). */
function form(name: string, unitId: string, communityId: string, extra: Record<string, unknown> = {}) {
  const building = pick(BUILDINGS[communityId] ?? [])
  return { name, unitId, communityId, ...(building ? { buildingId: building } : {}), skills: pickSome(['水电维修', '医疗护理', '教育辅导', '电脑网络', '驾驶'], int(0, 2)), freeTime: ['周末白天'], ...extra }
}

/** A real JPEG / PNG header: the functions read the first bytes of every photo from storage. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(2000)])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1192)])
const photos = { door: '', delivery: '', problem: '' }
let wishKeys = 0

// ---- the steps -----------------------------------------------------------------------------------------

/** A step: runs and answers true, or null when nothing it could act on exists yet (another is picked). */
interface Move {
  kind: string
  name: string
  weight: number
  run: () => Promise<unknown | null>
}

const moves: Move[] = [
  // 双报到 ----------------------------------------------------------------------------------------------
  {
    kind: 'registration', name: 'register', weight: 7,
    run: async () => {
      const openid = `rnd-${SEED}-${++people}`
      // Mostly 县水利局 (whose admin confirms) and the communities with admins; sometimes elsewhere, where they wait.
      const unitId = chance(0.8) ? 'unit-water-bureau' : pick(UNITS)!
      const communityId = chance(0.85) ? (chance(0.7) ? 'org-beimen' : 'org-chengnan') : pick(COMMUNITIES)!
      return act('registration', 'registration', 'register', { ...form(personName(), unitId, communityId), phone: newPhone() }, openid)
    },
  },
  {
    kind: 'registration', name: 'confirmUnit', weight: 6,
    run: async () => {
      const regs = chance(0.1) ? all('registrations') : all('registrations', { state: 'pending_unit', unitId: 'unit-water-bureau' })
      if (regs.length === 0) return null
      return act('registration', 'registration', 'confirmUnit', { ids: pickSome(regs, int(1, 3)).map((r) => r._id) }, 'demo-unit-admin', (d) => d.done.length > 0)
    },
  },
  {
    kind: 'registration', name: 'rejectUnit', weight: 1,
    run: async () => {
      const r = candidate('registrations', { state: 'pending_unit', unitId: 'unit-water-bureau' })
      return r ? act('registration', 'registration', 'rejectUnit', { id: r._id, reason: '本单位查无此人' }, 'demo-unit-admin') : null
    },
  },
  {
    kind: 'registration', name: 'confirmCommunity', weight: 6,
    run: async () => {
      const communityId = chance(0.75) ? 'org-beimen' : 'org-chengnan'
      const regs = chance(0.1) ? all('registrations') : all('registrations', { state: 'pending_community', communityId })
      if (regs.length === 0) return null
      return act('registration', 'registration', 'confirmCommunity', { ids: pickSome(regs, int(1, 3)).map((r) => r._id) }, COMMUNITY_ADMIN[communityId], (d) => d.done.length > 0)
    },
  },
  {
    kind: 'registration', name: 'rejectCommunity', weight: 1,
    run: async () => {
      const r = candidate('registrations', { state: 'pending_community', communityId: { $in: Object.keys(COMMUNITY_ADMIN) } })
      return r ? act('registration', 'registration', 'rejectCommunity', { id: r._id, reason: '不住在本社区' }, adminOf(r.communityId)) : null
    },
  },
  {
    kind: 'registration', name: 'withdraw', weight: 1,
    run: async () => {
      const r = candidate('registrations', { state: { $in: ['pending_unit', 'pending_community', 'registered'] } }, (d) => d.userId !== 'user-demo-member')
      const openid = r && openidOf(r.userId)
      return openid ? act('registration', 'registration', 'withdraw', {}, openid) : null
    },
  },
  {
    kind: 'registration', name: 'resubmit', weight: 1,
    run: async () => {
      const r = candidate('registrations', { state: 'rejected' })
      const openid = r && openidOf(r.userId)
      // Corrected and sent again at the same unit and community. (Changing either here makes the recount
      // disagree with the roll-ups: the bug pinned by the KNOWN BUG case below.)
      return openid ? act('registration', 'registration', 'resubmit', { id: r._id, ...form(r.name, r.unitId, r.communityId) }, openid) : null
    },
  },
  {
    kind: 'registration', name: 'move', weight: 1,
    run: async () => {
      const m = pick(members().filter((x) => x.userId !== 'user-demo-member'))
      if (!m) return null
      const r = one('registrations', { _id: m.regId })!
      const to = pick(Object.keys(COMMUNITY_ADMIN).filter((c) => c !== r.communityId))!
      return act('registration', 'registration', 'move', form(r.name, r.unitId, to), m.openid)
    },
  },

  // 微心愿 ----------------------------------------------------------------------------------------------
  {
    kind: 'wishes', name: 'submit', weight: 5,
    run: async () =>
      act('wishes', 'wishes', 'submit', {
        key: `counters${SEED}-${++wishKeys}`, for: 'household', title: pick(['想要一个电饭煲', '想要一床棉被', '需要一副老花镜', '想要几本课外书'])!,
        details: '家里老人行动不便，希望得到帮助。', estimatedValue: int(50, 400), category: pick(['孤寡老人', '留守儿童', '其他'])!,
        beneficiaryName: personName(), buildingId: pick(BUILDINGS['org-beimen'])!, room: `${int(1, 3)}单元${int(1, 6)}0${int(1, 4)}`,
        photos: [{ fileId: photos.door, mime: 'image/jpeg', bytes: JPEG.length }], consent: { method: 'verbal', at: iso(nowMs() - 5 * MINUTE) },
      }, 'demo-grid'),
  },
  {
    kind: 'wishes', name: 'verify', weight: 4,
    run: async () => {
      const w = candidate('wishes', { state: 'submitted' })
      return w ? act('wishes', 'wishes', 'verify', { id: w._id, visit: { at: iso(nowMs() - MINUTE), note: '入户走访，情况属实' } }, 'demo-grid') : null
    },
  },
  {
    kind: 'wishes', name: 'publish', weight: 4,
    run: async () => {
      const w = candidate('wishes', { state: 'verified' })
      return w ? act('wishes', 'wishes', 'publish', { id: w._id }, 'demo-community-admin') : null
    },
  },
  {
    kind: 'wishes', name: 'reject', weight: 1,
    run: async () => {
      const w = candidate('wishes', { state: { $in: ['submitted', 'verified'] } })
      return w ? act('wishes', 'wishes', 'reject', { id: w._id, reason: '请写清楚需要什么' }, 'demo-community-admin') : null
    },
  },
  {
    kind: 'wishes', name: 'resubmit', weight: 1,
    run: async () => {
      const w = candidate('wishes', { state: 'rejected' })
      return w ? act('wishes', 'wishes', 'resubmit', { id: w._id, details: '补充说明：老人独居，行动不便。' }, 'demo-grid') : null
    },
  },
  {
    kind: 'wishes', name: 'takeDown', weight: 0.5,
    run: async () => {
      const w = candidate('wishes', { state: 'published' })
      return w ? act('wishes', 'wishes', 'takeDown', { id: w._id, reason: '受助人已搬走' }, 'demo-community-admin') : null
    },
  },
  {
    kind: 'wishes', name: 'revokeClaim', weight: 0.5,
    run: async () => {
      const w = candidate('wishes', { state: 'lit' })
      return w ? act('wishes', 'wishes', 'revokeClaim', { id: w._id, reason: '认领人联系不上' }, 'demo-community-admin') : null
    },
  },
  {
    kind: 'wishes', name: 'disputeDelivery', weight: 0.5,
    run: async () => {
      const w = candidate('wishes', { state: 'delivered' })
      return w ? act('wishes', 'wishes', 'disputeDelivery', { id: w._id, reason: '老人说还没有收到' }, 'demo-grid') : null
    },
  },
  {
    kind: 'wishes', name: 'light', weight: 5,
    run: async () => {
      const w = candidate('wishes', { state: 'published' })
      const m = pick(members())
      return w && m ? act('wishes', 'wishes', 'light', { id: w._id }, m.openid) : null
    },
  },
  {
    kind: 'wishes', name: 'giveUp', weight: 1,
    run: async () => {
      const w = candidate('wishes', { state: 'lit' })
      const openid = w?.claim?.openid ?? openidOf(w?.claim?.userId)
      return w && openid ? act('wishes', 'wishes', 'giveUp', { id: w._id, reason: '临时出差' }, openid) : null
    },
  },
  {
    kind: 'wishes', name: 'deliver', weight: 4,
    run: async () => {
      const w = candidate('wishes', { state: 'lit' })
      const openid = w?.claim?.openid ?? openidOf(w?.claim?.userId)
      return w && openid ? act('wishes', 'wishes', 'deliver', { id: w._id, photos: [{ fileId: photos.delivery, mime: 'image/jpeg', bytes: JPEG.length }], note: '已送到家中' }, openid) : null
    },
  },
  {
    kind: 'wishes', name: 'confirm', weight: 4,
    run: async () => {
      const w = candidate('wishes', { state: 'delivered' })
      return w ? act('wishes', 'wishes', 'confirm', { id: w._id }, 'demo-grid') : null
    },
  },
  {
    kind: 'wishes', name: 'rate', weight: 2,
    run: async () => {
      const w = candidate('wishes', { state: 'confirmed' })
      return w ? act('wishes', 'wishes', 'rate', { id: w._id, stars: int(3, 5), thanks: '谢谢' }, 'demo-grid') : null
    },
  },

  // 点单 → 接单 → 派单 → 领单 ------------------------------------------------------------------------------
  {
    kind: 'orders', name: 'order', weight: 6,
    run: async () => {
      const who = chance(0.4) ? { openid: 'demo-resident', communityId: 'org-beimen', buildingId: 'org-beimen-b1' } : pick(residents().filter((r) => COMMUNITY_ADMIN[r.communityId]))
      if (!who) return null
      const buildingId = who.buildingId ?? pick(BUILDINGS[who.communityId])
      return act('orders', 'orders', 'order', {
        communityId: who.communityId, ...(buildingId ? { buildingId } : {}), itemId: null, category: '维修',
        description: pick(['帮忙修水管', '换个灯泡', '陪老人去医院', '修一下门锁'])!, preferredAt: iso(nowMs() + int(1, 6) * HOUR), urgency: chance(0.3) ? 'urgent' : 'normal',
      }, who.openid)
    },
  },
  {
    kind: 'orders', name: 'accept', weight: 5,
    run: async () => {
      const o = candidate('orders', { state: 'ordered' })
      return o ? act('orders', 'orders', 'accept', { id: o._id }, adminOf(o.communityId)) : null
    },
  },
  {
    kind: 'orders', name: 'decline', weight: 1,
    run: async () => {
      const o = candidate('orders', { state: 'ordered' })
      return o ? act('orders', 'orders', 'decline', { id: o._id, reason: '不在服务范围内' }, adminOf(o.communityId)) : null
    },
  },
  {
    kind: 'orders', name: 'cancel', weight: 1,
    run: async () => {
      const o = candidate('orders', { state: 'ordered' })
      const openid = o && openidOf(o.residentId ?? o.placedById)
      return openid ? act('orders', 'orders', 'cancel', { id: o._id, reason: '已经自己修好了' }, openid) : null
    },
  },
  {
    kind: 'orders', name: 'dispatchToMember', weight: 4,
    run: async () => {
      const o = candidate('orders', { state: 'accepted' })
      const m = o && pick(members(o.communityId).filter((x) => x.userId !== o.residentId))
      if (!o || !m) return null
      const dispatcher = o.communityId === 'org-beimen' && chance(0.5) ? 'demo-branch-admin' : adminOf(o.communityId)
      return act('orders', 'orders', 'dispatchToMember', { id: o._id, memberId: m.userId }, dispatcher)
    },
  },
  {
    kind: 'orders', name: 'pool', weight: 2,
    run: async () => {
      const o = candidate('orders', { state: { $in: ['accepted', 'complained'] } })
      return o ? act('orders', 'orders', 'pool', { id: o._id, pool: { kind: 'community', id: o.communityId } }, adminOf(o.communityId)) : null
    },
  },
  {
    kind: 'orders', name: 'claim', weight: 2,
    run: async () => {
      const o = candidate('orders', { state: 'pooled' })
      const m = o && pick(members(o.communityId).filter((x) => x.userId !== o.residentId))
      return o && m ? act('orders', 'orders', 'claim', { id: o._id }, m.openid) : null
    },
  },
  {
    kind: 'orders', name: 'dispatchToUnit', weight: 1,
    run: async () => {
      const o = candidate('orders', { state: 'accepted', communityId: 'org-beimen' })
      return o ? act('orders', 'orders', 'dispatchToUnit', { id: o._id, unitId: 'unit-water-bureau' }, adminOf(o.communityId)) : null
    },
  },
  {
    kind: 'orders', name: 'passToMember', weight: 1,
    run: async () => {
      const o = candidate('orders', { state: 'dispatched_unit' })
      const m = o && pick(members(o.communityId).filter((x) => x.userId !== o.residentId && one('registrations', { _id: x.regId })?.unitId === o.unitId))
      return o && m ? act('orders', 'orders', 'passToMember', { id: o._id, memberId: m.userId }, 'demo-unit-admin') : null
    },
  },
  {
    kind: 'orders', name: 'recall', weight: 0.5,
    run: async () => {
      const o = candidate('orders', { state: { $in: ['dispatched_member', 'dispatched_unit', 'pooled'] } })
      return o ? act('orders', 'orders', 'recall', { id: o._id, reason: '改派他人' }, adminOf(o.communityId)) : null
    },
  },
  {
    kind: 'orders', name: 'merge', weight: 0.5,
    run: async () => {
      const o = candidate('orders', { state: { $in: ['ordered', 'accepted'] } })
      const into = o && pick(all('orders', { communityId: o.communityId, state: { $in: ['ordered', 'accepted'] } }).filter((x) => x._id !== o._id))
      return o && into ? act('orders', 'orders', 'merge', { id: o._id, intoId: into._id }, adminOf(o.communityId)) : null
    },
  },
  {
    kind: 'orders', name: 'declineDispatch', weight: 0.5,
    run: async () => {
      const o = candidate('orders', { state: 'dispatched_member' })
      const openid = o && (o.assigneeOpenid ?? openidOf(o.assigneeId))
      return openid ? act('orders', 'orders', 'declineDispatch', { id: o._id, reason: '这几天出差' }, openid) : null
    },
  },
  {
    kind: 'orders', name: 'release', weight: 0.5,
    run: async () => {
      const o = candidate('orders', { state: 'claimed' })
      const openid = o && (o.assigneeOpenid ?? openidOf(o.assigneeId))
      return openid ? act('orders', 'orders', 'release', { id: o._id, reason: '临时有事' }, openid) : null
    },
  },
  {
    kind: 'orders', name: 'complain', weight: 1,
    run: async () => {
      const o = candidate('orders', { state: 'done' })
      const openid = o && openidOf(o.residentId ?? o.placedById)
      return openid ? act('orders', 'orders', 'complain', { id: o._id, reason: '水管还在漏' }, openid) : null
    },
  },
  {
    kind: 'orders', name: 'resolve', weight: 1,
    run: async () => {
      const o = candidate('orders', { state: 'complained' })
      return o ? act('orders', 'orders', 'resolve', { id: o._id, reason: '已联系物业处理' }, adminOf(o.communityId)) : null
    },
  },
  {
    kind: 'orders', name: 'acceptDispatch', weight: 4,
    run: async () => {
      const o = candidate('orders', { state: 'dispatched_member' })
      const openid = o && (o.assigneeOpenid ?? openidOf(o.assigneeId))
      return openid ? act('orders', 'orders', 'acceptDispatch', { id: o._id }, openid) : null
    },
  },
  {
    kind: 'orders', name: 'start', weight: 4,
    run: async () => {
      const o = candidate('orders', { state: 'claimed' })
      const openid = o && (o.assigneeOpenid ?? openidOf(o.assigneeId))
      return openid ? act('orders', 'orders', 'start', { id: o._id }, openid) : null
    },
  },
  {
    kind: 'orders', name: 'finish', weight: 4,
    run: async () => {
      const o = candidate('orders', { state: 'in_progress' })
      const openid = o && (o.assigneeOpenid ?? openidOf(o.assigneeId))
      return openid ? act('orders', 'orders', 'finish', { id: o._id, note: '已处理好', hours: pick([0.5, 1, 1.5, 2, 3])! }, openid) : null
    },
  },
  {
    kind: 'orders', name: 'confirm', weight: 4,
    run: async () => {
      const o = candidate('orders', { state: 'done' })
      const openid = o && openidOf(o.residentId ?? o.placedById)
      // Low stars need a comment (ORDER.COMMENT_REQUIRED): mostly given.
      const stars = int(1, 5)
      return openid ? act('orders', 'orders', 'confirm', { id: o._id, stars, ...(chance(stars <= 3 ? 0.9 : 0.5) ? { comment: stars <= 3 ? '来得有点晚' : '很及时，谢谢' } : {}) }, openid) : null
    },
  },

  // 微提案 · 微实事 ------------------------------------------------------------------------------------------
  {
    kind: 'proposals', name: 'submit', weight: 4,
    run: async () => {
      const who = chance(0.3) ? { openid: 'demo-resident' } : pick(residents())
      return who ? act('proposals', 'proposals', 'submit', { title: pick(['楼道加装扶手', '增设快递柜', '小区增设充电桩', '修补破损路面'])!, body: '大家反映很多次了，希望社区考虑。' }, who.openid) : null
    },
  },
  {
    kind: 'proposals', name: 'support', weight: 3,
    run: async () => {
      const p = candidate('proposals', { state: 'submitted' })
      const who = p && pick(residents(p.communityId))
      return who ? act('proposals', 'proposals', 'support', { id: p._id }, who.openid) : null
    },
  },
  {
    kind: 'proposals', name: 'adopt', weight: 2,
    run: async () => {
      const p = candidate('proposals', { state: 'submitted' })
      return p ? act('proposals', 'proposals', 'adopt', { id: p._id, reason: '列入今年微实事', plannedCost: int(1, 50) * 1000, beneficiaries: int(10, 300) }, adminOf(p.communityId)) : null
    },
  },
  {
    kind: 'proposals', name: 'decline', weight: 1,
    run: async () => {
      const p = candidate('proposals', { state: 'submitted' })
      return p ? act('proposals', 'proposals', 'decline', { id: p._id, reason: '场地不足，暂不具备条件' }, adminOf(p.communityId)) : null
    },
  },
  {
    kind: 'projects', name: 'createProject', weight: 1,
    run: async () => {
      const byUnit = chance(0.3)
      const year = new Date(nowMs() + 8 * HOUR).getUTCFullYear()
      const communityId = byUnit ? 'org-beimen' : pick(Object.keys(COMMUNITY_ADMIN))!
      return act('projects', 'proposals', 'createProject', {
        owner: byUnit ? { kind: 'unit', id: 'unit-water-bureau' } : { kind: 'community', id: communityId }, communityId, year,
        title: pick(['楼道灯更换', '河道清理', '健身器材维修'])!, description: '', plannedCost: int(1, 20) * 500, beneficiaries: int(10, 200),
      }, byUnit ? 'demo-unit-admin' : adminOf(communityId))
    },
  },
  {
    kind: 'projects', name: 'startProject', weight: 2,
    run: async () => {
      const p = candidate('projects', { state: 'planned' })
      return p ? act('projects', 'proposals', 'startProject', { id: p._id }, p.owner?.kind === 'unit' ? UNIT_ADMIN[p.owner.id] ?? 'demo-unit-admin' : adminOf(p.owner?.id ?? p.communityId)) : null
    },
  },
  {
    kind: 'projects', name: 'finishProject', weight: 2,
    run: async () => {
      const p = candidate('projects', { state: 'in_progress' })
      return p ? act('projects', 'proposals', 'finishProject', { id: p._id, actualCost: int(1, 20) * 500 }, p.owner?.kind === 'unit' ? UNIT_ADMIN[p.owner.id] ?? 'demo-unit-admin' : adminOf(p.owner?.id ?? p.communityId)) : null
    },
  },

  // 步巡问题 ---------------------------------------------------------------------------------------------------
  {
    kind: 'problems', name: 'report', weight: 4,
    run: async () => {
      const who = chance(0.4) ? { openid: 'demo-resident' } : pick(residents())
      if (!who) return null
      return act('problems', 'problems', 'report', {
        category: pick(['环境卫生', '公共设施', '安全隐患', '停车交通'])!, description: pick(['楼下垃圾桶满了没人清', '路灯坏了', '井盖松动', '消防通道被堵'])!,
        placeNodeId: pick(['org-beimen-b1', 'org-beimen-b2', 'org-chengnan-b1'])!, address: '楼栋东侧', photos: [{ fileId: photos.problem, mime: 'image/png', bytes: PNG.length }],
      }, who.openid)
    },
  },
  {
    kind: 'problems', name: 'holdMeeting', weight: 3,
    run: async () => {
      const p = candidate('problems', { state: 'reported' })
      if (!p) return null
      const by = p.communityId === 'org-beimen' && chance(0.6) ? 'demo-grid' : adminOf(p.communityId)
      return act('problems', 'problems', 'holdMeeting', { id: p._id, attendees: ['张敏', '王秀英'], decision: '尽快处理' }, by)
    },
  },
  {
    kind: 'problems', name: 'assign', weight: 3,
    run: async () => {
      const p = candidate('problems', { state: 'meeting_held' })
      if (!p) return null
      const assignee = p.communityId === 'org-beimen' && chance(0.5) ? { kind: 'unit', id: 'unit-water-bureau' } : { kind: 'community', id: p.communityId }
      return act('problems', 'problems', 'assign', { id: p._id, assignee, dueAt: iso(nowMs() + int(1, 48) * HOUR) }, adminOf(p.communityId))
    },
  },
  {
    kind: 'problems', name: 'solve', weight: 3,
    run: async () => {
      const p = candidate('problems', { state: 'assigned' })
      if (!p) return null
      const by = p.assignee?.kind === 'unit' ? UNIT_ADMIN[p.assignee.id] ?? 'demo-unit-admin' : adminOf(p.communityId)
      return act('problems', 'problems', 'solve', { id: p._id, note: '已处理', photos: [{ fileId: photos.problem, mime: 'image/png', bytes: PNG.length }] }, by)
    },
  },
  {
    kind: 'problems', name: 'confirm', weight: 2,
    run: async () => {
      const p = candidate('problems', { state: 'solved' })
      const openid = p && openidOf(p.reporterId)
      return openid ? act('problems', 'problems', 'confirm', { id: p._id }, openid) : null
    },
  },
  {
    kind: 'problems', name: 'reopen', weight: 1,
    run: async () => {
      const p = candidate('problems', { state: 'solved' })
      const openid = p && openidOf(p.reporterId)
      return openid ? act('problems', 'problems', 'reopen', { id: p._id, reason: '又坏了' }, openid) : null
    },
  },
  {
    kind: 'problems', name: 'dismiss', weight: 1,
    run: async () => {
      const p = candidate('problems', { state: 'reported' })
      return p ? act('problems', 'problems', 'dismiss', { id: p._id, reason: '已由物业处理' }, adminOf(p.communityId)) : null
    },
  },

  // 活动 ---------------------------------------------------------------------------------------------------------
  {
    kind: 'activities', name: 'create', weight: 3,
    run: async () => {
      const organiser = pick([
        { openid: 'demo-community-admin', organiser: { kind: 'community', id: 'org-beimen' }, placeNodeId: 'org-beimen' },
        { openid: 'demo-chengnan-admin', organiser: { kind: 'community', id: 'org-chengnan' }, placeNodeId: 'org-chengnan' },
        { openid: 'demo-unit-admin', organiser: { kind: 'unit', id: 'unit-water-bureau' }, placeNodeId: 'org-beimen' },
      ])!
      const start = nowMs() + int(10, 90) * MINUTE
      const length = int(1, 3) * HOUR
      return act('activities', 'activities', 'create', {
        organiser: organiser.organiser, placeNodeId: organiser.placeNodeId, title: pick(['社区清洁', '义务理发', '政策宣讲', '关爱老人'])!, description: '欢迎党员参加。',
        address: '党群服务中心', startAt: iso(start), endAt: iso(start + length), capacity: int(2, 6), skills: [], hours: length / HOUR, openToCitizens: false, publish: chance(0.9),
      }, organiser.openid)
    },
  },
  {
    kind: 'activities', name: 'publish', weight: 1,
    run: async () => {
      const a = candidate('activities', { state: 'draft' })
      return a ? act('activities', 'activities', 'transition', { id: a._id, verb: 'publish' }, organiserOf(a), undefined, 'publish') : null
    },
  },
  {
    kind: 'activities', name: 'signUp', weight: 5,
    run: async () => {
      const a = candidate('activities', { state: 'published' })
      const m = a && pick(members(chance(0.8) ? a.communityId : undefined))
      return a && m ? act('activities', 'activities', 'signUp', { id: a._id }, m.openid) : null
    },
  },
  {
    kind: 'activities', name: 'scanCard', weight: 5,
    run: async () => {
      // Mostly while its check-in is open (from half an hour before the start to the end).
      const a = candidate('activities', { state: { $in: ['published', 'closed'] } }, (d) => chance(0.2) || (new Date(d.startAt).getTime() - 30 * MINUTE <= nowMs() && nowMs() <= new Date(d.endAt).getTime()))
      if (!a) return null
      const seated = all('registrations', { state: 'registered', userId: { $in: a.seatedIds ?? [] } })
      const r = pick(seated.length > 0 && chance(0.85) ? seated : all('registrations', { state: 'registered' }))
      return r ? act('activities', 'activities', 'scanCard', { id: a._id, payload: `reg:${r._id}` }, organiserOf(a)) : null
    },
  },
  {
    kind: 'activities', name: 'hold', weight: 3,
    run: async () => {
      // Mostly once it started.
      const a = candidate('activities', { state: { $in: ['published', 'closed'] } }, (d) => chance(0.2) || new Date(d.startAt).getTime() <= nowMs())
      return a ? act('activities', 'activities', 'transition', { id: a._id, verb: 'hold' }, organiserOf(a), undefined, 'hold') : null
    },
  },
  {
    kind: 'activities', name: 'book', weight: 3,
    run: async () => {
      const a = candidate('activities', { state: 'held' })
      return a ? act('activities', 'activities', 'book', { id: a._id }, organiserOf(a)) : null
    },
  },
  {
    kind: 'activities', name: 'cancel', weight: 0.5,
    run: async () => {
      const a = candidate('activities', { state: { $in: ['draft', 'published'] } })
      return a ? act('activities', 'activities', 'transition', { id: a._id, verb: 'cancel', reason: '天气原因取消' }, organiserOf(a), undefined, 'cancel') : null
    },
  },
  {
    kind: 'activities', name: 'withdraw', weight: 1,
    run: async () => {
      const a = candidate('activities', { state: { $in: ['published', 'closed'] } }, (d) => (d.seatedIds ?? []).length + (d.waitingIds ?? []).length > 0)
      const userId = a && pick([...(a.seatedIds ?? []), ...(a.waitingIds ?? [])])
      const openid = openidOf(userId)
      return openid ? act('activities', 'activities', 'withdraw', { id: a!._id }, openid) : null
    },
  },

  // 结对 ------------------------------------------------------------------------------------------------------
  {
    kind: 'org', name: 'pairUnit', weight: 2,
    run: async () => act('org', 'org', 'pairUnit', { unitId: pick(UNITS)!, communityId: pick(COMMUNITIES)! }, 'demo-county-admin', (d) => d.changed),
  },
  {
    kind: 'org', name: 'unpairUnit', weight: 2,
    run: async () => {
      // 县水利局 stays paired with 北门社区: its activities and problem assignments there depend on it.
      const pairs = all('units').flatMap((u) => (u.pairedCommunityIds ?? []).map((c: string) => ({ unitId: u._id as string, communityId: c }))).filter((p) => !(p.unitId === 'unit-water-bureau' && p.communityId === 'org-beimen'))
      const p = pick(pairs)
      return p ? act('org', 'org', 'unpairUnit', p, 'demo-county-admin', (d) => d.changed) : null
    },
  },

  // the clock and the timers ---------------------------------------------------------------------------------
  {
    kind: 'timers', name: 'tick + roll-up', weight: 9,
    run: async () => {
      advance(int(2, 25) * MINUTE)
      return timer('stats', 'rollup')
    },
  },
  {
    kind: 'timers', name: 'other timers', weight: 3,
    run: async () => {
      advance(int(1, 10) * MINUTE)
      const [fn, trigger] = pick([['orders', 'escalate'], ['problems', 'escalate'], ['activities', 'sweep'], ['wishes', 'releaseOverdueClaims'], ['proposals', 'lateAnswers']] as const)!
      return timer(fn, trigger)
    },
  },
  {
    kind: 'timers', name: 'hours pass', weight: 1.5,
    run: async () => {
      // A few hours at once (two days in all at most).
      if (hoursPassed > 2 * 24 * HOUR) return null
      const ms = int(1, 7) * HOUR + int(0, 59) * MINUTE
      hoursPassed += ms
      advance(ms)
      await timer('orders', 'escalate')
      await timer('problems', 'escalate')
      await timer('activities', 'sweep')
      if (chance(0.5)) await timer('stats', 'rollup')
      return true
    },
  },
]

let hoursPassed = 0

/**
 * Once per run the clock jumps into the first hours of next month (China time), with every timer
 * fired: late orders and problems climb, claims a week old are released, activities long over are
 * held. The roll-ups on either side put each step in its own month (and, in December, its year).
 */
async function monthTurns(): Promise<void> {
  const china = new Date(nowMs() + 8 * HOUR)
  const nextMonth = Date.UTC(china.getUTCFullYear(), china.getUTCMonth() + 1, 1) - 8 * HOUR
  advance(nextMonth - nowMs() + int(10, 12 * 60) * MINUTE)
  for (const [fn, trigger] of [['orders', 'escalate'], ['problems', 'escalate'], ['activities', 'sweep'], ['wishes', 'releaseOverdueClaims'], ['proposals', 'lateAnswers'], ['stats', 'rollup']] as const) await timer(fn, trigger)
}

function organiserOf(a: Doc): string {
  if (a.organiser?.kind === 'unit') return UNIT_ADMIN[a.organiser.id] ?? 'demo-unit-admin'
  return adminOf(a.communityId)
}

/** How often each area is chosen; within it, a move by its weight among those that have something to act on. */
const AREAS: Record<string, number> = { registration: 17, wishes: 17, orders: 21, proposals: 5, projects: 3, problems: 12, activities: 12, org: 3, timers: 10 }

function weighted<T extends { weight: number }>(xs: readonly T[]): T {
  let r = rand() * xs.reduce((s, x) => s + x.weight, 0)
  for (const x of xs) {
    r -= x.weight
    if (r < 0) return x
  }
  return xs[xs.length - 1]
}

/** One step: an area, then its moves in a weighted random order until one acts (null: none could). */
async function step(): Promise<string | null> {
  const area = weighted(Object.entries(AREAS).map(([kind, weight]) => ({ kind, weight }))).kind
  let left = moves.filter((m) => m.kind === area)
  while (left.length > 0) {
    const m = weighted(left)
    if ((await m.run()) !== null) return `${m.kind}.${m.name}`
    left = left.filter((x) => x !== m)
  }
  return null
}

// ---- what the records themselves say (no counting code) --------------------------------------------------

const yearOf = (at: Date | string) => new Date(new Date(at).getTime() + 8 * HOUR).getUTCFullYear()

/** Steps of a record's history that moved it into one of `states` (the previous entry's state differs), in `year`. */
function stepsInto(r: Doc, year: number, test: (e: Doc, prevState: string | null) => boolean): Doc[] {
  const out: Doc[] = []
  let prev: string | null = null
  for (const e of r.history ?? []) {
    if (prev !== e.to && test(e, prev) && yearOf(e.at) === year) out.push(e)
    prev = e.to
  }
  return out
}

const inCounty = (lineage: readonly string[] | undefined) => lineage?.[0] === COUNTY

function independentFigures(year: number) {
  const regs = all('registrations').filter((r) => inCounty(r.communityLineage))
  const wishes = all('wishes').filter((w) => inCounty(w.lineage))
  const orders = all('orders').filter((o) => inCounty(o.lineage))
  const activities = all('activities').filter((a) => inCounty(a.lineage))
  const problems = all('problems').filter((p) => inCounty(p.lineage))
  const projects = all('projects').filter((p) => inCounty(p.lineage))
  const communities = new Map(all('org_nodes', { kind: 'community' }).map((n) => [n._id, [...n.path, n._id] as string[]]))
  const hours = all('service_hours').filter((h) => inCounty(h.lineage ?? communities.get(h.communityId)) && yearOf(h.at) === year)
  const count = (rs: Doc[], test: (e: Doc, prev: string | null) => boolean) => rs.reduce((s, r) => s + stepsInto(r, year, test).length, 0)
  const confirms = orders.flatMap((o) => stepsInto(o, year, (e) => e.verb === 'confirm'))
  const round1 = (n: number) => Math.round(n * 10) / 10
  return {
    pairs: all('units', { countyId: COUNTY }).reduce((s, u) => s + (u.pairedCommunityIds ?? []).filter((c: string) => inCounty(communities.get(c))).length, 0),
    members: regs.filter((r) => r.state === 'registered').length,
    membersPending: regs.filter((r) => r.state === 'pending_unit' || r.state === 'pending_community').length,
    registered: count(regs, (e) => e.to === 'registered'),
    activitiesHeld: count(activities, (e) => e.to === 'held'),
    wishesReviewed: count(wishes, (e, prev) => (e.to === 'published' && prev === 'verified') || e.to === 'rejected'),
    wishesLit: count(wishes, (e) => e.verb === 'light'),
    wishesDone: count(wishes, (e) => e.to === 'confirmed'),
    ordersDone: count(orders, (e) => e.to === 'done'),
    ordersOverdue: orders.filter((o) => o.overdue != null).length,
    avgRating: confirms.length ? round1(confirms.reduce((s, e) => s + e.stars, 0) / confirms.length) : null,
    hours: round1(hours.reduce((s, h) => s + Math.round(h.hours * 10), 0) / 10),
    problemsSolved: count(problems, (e) => e.to === 'solved'),
    projects: projects.filter((p) => yearOf(p.history?.[0]?.at ?? p.createdAt) === year).length,
    projectsDone: count(projects, (e) => e.to === 'done'),
  }
}

// ---- the tests -----------------------------------------------------------------------------------------------

/**
 * KNOWN BUG (reported with issue 12; the counting code is not this file's to change).
 *
 * `resubmit` (domain/registration-verbs.ts planResubmit: `set: { ...place }`) rewrites a rejected
 * registration's unit and community IN PLACE, but the counting (domain/stats/counting.ts) takes a
 * record's scopes from the record as it is when it replays it (`rule.scopes(record)` in windowBumps
 * and recordBumps), for every entry:
 *
 *  - a roll-up whose window holds both the rejection and the resubmission counts the rejection's
 *    `membersPending −1` for the NEW unit: the old unit keeps +1 for ever and the new one lacks it
 *    (the `all` counters are wrong, so the units' dashboards show it, until the nightly recount);
 *  - when a roll-up runs between the two, `all` is right but the months are not: the recount puts
 *    the October submission under the new unit, the roll-ups had it under the old one.
 *
 * Either way the recount reports drift (and rewrites the counters) although no roll-up was lost.
 * Seeded reproduction below: 郑磊 (reg-zheng-lei: 水务有限公司, 城南社区, pending_community since
 * 2026-10) sent back by 城南社区 and resubmitted at 县水利局 before the next roll-up; the recount
 * then reports `unit-water-co all.membersPending 1→0` and `y2026.m10.membersPending 1→0`,
 * `unit-water-bureau all.membersPending 3→4` and `y2026.m10.membersPending 3→4`. With another
 * community the community, street (and county) counters drift the same way.
 *
 * The random flows below resubmit at the same unit and community, so that they stay a test of
 * everything else; this case pins the bug with `test.failing`: it passes while the counters
 * disagree, and turns red once the counting is fixed (then make it a plain `test`).
 */
describe('KNOWN BUG: a registration resubmitted at another unit', () => {
  test('郑磊, waiting at 城南社区 since October, is sent back and resubmits at 县水利局; the roll-up counts it', async () => {
    const rejected = await call('registration', { action: 'rejectCommunity', id: 'reg-zheng-lei', reason: '工作单位填错了' }, 'demo-chengnan-admin')
    expect(rejected.result).toMatchObject({ code: 0, data: { state: 'rejected' } })
    const resubmitted = await call(
      'registration',
      { action: 'resubmit', id: 'reg-zheng-lei', name: '郑磊', unitId: 'unit-water-bureau', communityId: 'org-chengnan', buildingId: 'org-chengnan-b1', skills: ['家电维修'], freeTime: ['周末白天'] },
      'seed-zheng-lei',
    )
    expect(resubmitted.result).toMatchObject({ code: 0, data: { state: 'pending_unit', unit: { id: 'unit-water-bureau' } } })
    advance(10 * MINUTE)
    expect((await fire('stats', 'rollup')).result).toMatchObject({ records: 1 })
  })

  // FAILS TODAY (hence test.failing): 水务有限公司 still counts 郑磊 as pending (1, the store says 0),
  // and the recount finds the 4 membersPending counters above drifted.
  test.failing('the units\' counters follow him, and the recount agrees with what the roll-ups counted', async () => {
    const pendingAt = (unitId: string) => all('registrations', { unitId, state: { $in: ['pending_unit', 'pending_community'] } }).length
    const units = ['unit-water-co', 'unit-water-bureau']
    const counters = units.map((unitId) => [unitId, one('stats', { _id: unitId })?.all?.membersPending ?? 0])
    // The recount runs (and repairs) whatever it finds, so the flows below start from agreeing counters.
    const recount = (await fire('stats', 'recount')).result as { drift: number }
    expect(counters).toEqual(units.map((unitId) => [unitId, pendingAt(unitId)]))
    expect(recount).toMatchObject({ drift: 0 })
  })
})

describe('the counters after random flows', () => {
  test('rolled-up counters equal a full recount, the records themselves, and a second roll-up changes nothing', async () => {
    const started = Date.now()
    // Short time limits, so the escalation timer has late orders to mark within the run.
    for (const communityId of Object.keys(COMMUNITY_ADMIN)) {
      const set = await call('orders', { action: 'setSettings', communityId, settings: { acceptHours: 1, dispatchHours: 1, claimHours: 2, finishHours: 2, urgentScale: 0.5 } }, COMMUNITY_ADMIN[communityId])
      expect(set.result.code).toBe(0)
    }
    // The counters start equal to the records (the seed counted them the recount's way).
    expect(await timer('stats', 'recount')).toMatchObject({ drift: 0, repaired: 0 })

    // A few members first, through the real flow, so that the member steps have actors.
    const byName = (n: string) => moves.find((m) => m.name === n)!
    for (let i = 0; i < 6; i++) await byName('register').run()
    await byName('confirmUnit').run()
    await byName('confirmUnit').run()
    await byName('confirmCommunity').run()
    await byName('confirmCommunity').run()

    const turnAt = Math.floor(STEPS * (0.4 + 0.3 * rand()))
    let steps = 0
    while (steps < STEPS) {
      if (steps === turnAt) await monthTurns()
      if ((await step()) !== null) steps++
    }
    const flowMs = Date.now() - started

    // The last roll-up: everything done is older than the lag by now.
    advance(10 * MINUTE)
    const last = await timer('stats', 'rollup')
    expect(last.skipped).toBeUndefined()

    const report = [...tallies].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => `${k.padEnd(34)} ok ${String(t.ok).padStart(3)}  refused ${String(t.failed).padStart(3)}  ${Object.entries(t.codes).map(([c, n]) => `${c}×${n}`).join(' ')}`)
    const states = ['registrations', 'wishes', 'orders', 'proposals', 'projects', 'problems', 'activities'].map((c) => {
      const by: Record<string, number> = {}
      for (const d of all(c)) by[d.state] = (by[d.state] ?? 0) + 1
      return `${c}: ${Object.entries(by).map(([k, n]) => `${k} ${n}`).join(', ')}`
    })
    console.log(`counters.test: seed ${SEED}, ${steps} steps in ${flowMs} ms, clock +${Math.round(virtualMs / MINUTE)} min\n${report.join('\n')}\nstates now:\n${states.join('\n')}`)

    // Nothing crashed: refusals are domain answers, never SYSTEM.INTERNAL or a failed invocation.
    expect(unexpected).toEqual([])

    // Not vacuous: every kind of change happened, several times.
    const ok = (prefix: string) => [...tallies].filter(([k]) => k.startsWith(prefix)).reduce((s, [, t]) => s + t.ok, 0)
    const okVerb = (key: string) => tallies.get(key)?.ok ?? 0
    // (Thresholds well below the least of 36 seeds at 300 steps: registration 50, wishes 40, orders 51,
    // proposals 7, projects 3, problems 23, activities 24, pairings 4, roll-ups 17 successful steps.)
    const healthy = {
      registration: ok('registration.') >= 20,
      'registration.confirmCommunity': okVerb('registration.confirmCommunity') >= 3,
      wishes: ok('wishes.') >= 15,
      'wishes.light+confirm': okVerb('wishes.light') >= 1 && okVerb('wishes.confirm') >= 1,
      orders: ok('orders.') >= 20,
      'orders.start+finish': okVerb('orders.start') + okVerb('orders.finish') >= 2,
      proposals: ok('proposals.') >= 3,
      projects: ok('projects.') >= 1,
      problems: ok('problems.') >= 10,
      'problems.solve': okVerb('problems.solve') >= 1,
      activities: ok('activities.') >= 8,
      'activities.book': okVerb('activities.book') >= 1,
      org: ok('org.') >= 1,
      'stats.rollup': okVerb('timers.stats.rollup') >= 8,
    }
    expect(Object.entries(healthy).filter(([, good]) => !good).map(([k]) => k)).toEqual([])

    // 2. The county dashboard (read from the rolled-up counters) against the records themselves.
    const dash = await call('stats', { action: 'dashboard', scopeId: COUNTY, period: 'year' }, 'demo-county-admin')
    expect(dash.result.code).toBe(0)
    const year = yearOf(dash.result.data.asOf)
    const shown = Object.fromEntries(dash.result.data.figures.map((f: { key: string; value: number | null }) => [f.key, f.value]))
    const counted = independentFigures(year)
    // Most figures moved (so the comparison below compares something).
    expect(Object.values(counted).filter((v) => v).length).toBeGreaterThanOrEqual(10)
    // (A figure without a value, e.g. no rating yet, is left out of the answer: null here.)
    expect(Object.fromEntries(Object.keys(counted).map((k) => [k, shown[k] ?? null]))).toEqual(counted)
    // Totals the dashboard does not show, from the county's counter document: every proposal and problem ever made.
    const county = one('stats', { _id: COUNTY })!
    expect({ proposals: county.all.proposals ?? 0, problemsReported: county.all.problemsReported ?? 0 }).toEqual({
      proposals: all('proposals').filter((p) => inCounty(p.lineage)).length,
      problemsReported: all('problems').filter((p) => inCounty(p.lineage)).length,
    })
    // Members per community, against the registrations.
    for (const c of COMMUNITIES) {
      expect([c, one('stats', { _id: c })?.all?.members ?? 0]).toEqual([c, all('registrations', { state: 'registered', communityId: c }).length])
    }

    // 3. Another roll-up (its window holds nothing new) changes no counter.
    const before = all('stats')
    advance(5 * MINUTE)
    const again = await timer('stats', 'rollup')
    expect(again).toMatchObject({ bumps: 0 })
    expect(all('stats')).toEqual(before)

    // 1. The nightly recount replays every record from nothing: no drift.
    const recount = await timer('stats', 'recount')
    if (recount.drift !== 0) {
      const audit = all('audit', { entity: 'stats', action: 'repair' }).at(-1)
      console.error(`counters.test: seed ${SEED}: the recount found drift: ${audit?.reason}`)
    }
    expect(recount).toMatchObject({ drift: 0, repaired: 0 })
  })

  test('two roll-ups at once count a change once (the watermark is claimed conditionally)', async () => {
    const proposals = () => (one('stats', { _id: 'org-beimen' })?.all?.proposals ?? 0) as number
    const problems = () => (one('stats', { _id: COUNTY })?.all?.problemsReported ?? 0) as number
    // Two warm instances of the function, so that the two firings below really run side by side.
    advance(MINUTE)
    syncClock()
    await Promise.all([stack.fireTimer('stats', 'rollup'), stack.fireTimer('stats', 'rollup')])
    const answers: string[] = []
    // Until one of a pair found the window already claimed (at most 5 rounds); every round counts its change once.
    for (let round = 0; round < 5 && !answers.some((a) => a.includes('busy')); round++) {
      const before = { proposals: proposals(), problems: problems() }
      expect((await call('proposals', { action: 'submit', title: `楼道加装声控灯${round}`, body: '晚上楼道太黑，希望装声控灯。' }, 'demo-resident')).result.code).toBe(0)
      expect((await call('problems', { action: 'report', category: '公共设施', description: '路灯坏了', placeNodeId: 'org-beimen-b1', address: '1栋门口', photos: [{ fileId: photos.problem, mime: 'image/png', bytes: PNG.length }] }, 'demo-resident')).result.code).toBe(0)
      advance(10 * MINUTE)
      syncClock()
      const both = await Promise.all([stack.fireTimer('stats', 'rollup'), stack.fireTimer('stats', 'rollup')])
      expect(both.map((b) => b.error)).toEqual([undefined, undefined])
      const results = both.map((b) => b.result as { records: number; skipped?: string })
      answers.push(JSON.stringify(results.map((r) => r.skipped ?? `counted ${r.records} records`)))
      // One of them counted the two new records; the other found the window claimed, or nothing left in it.
      expect(results.filter((r) => r.records > 0)).toHaveLength(1)
      expect({ proposals: proposals(), problems: problems() }).toEqual({ proposals: before.proposals + 1, problems: before.problems + 1 })
    }
    console.log(`counters.test: two roll-ups at once answered ${answers.join(' ')}`)
    expect(answers.some((a) => a.includes('busy'))).toBe(true)
    expect(await timer('stats', 'recount')).toMatchObject({ drift: 0, repaired: 0 })
  })
})
