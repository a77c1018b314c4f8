/**
 * Activities (共建活动 · 主题月活动), docs/activities.md: the county's theme menu and settings, creating
 * and running activities, seats and the waiting list, rotating check-in codes, the hours list and
 * its booking into service_hours and the yearly tallies, service certificates. Every change of an
 * activity goes through server/kit changeState (one aggregation, one conditional update) with a
 * plan from domain/activities/plan.ts. Round trips per action are in docs/API.md (`activities`).
 */
import { randomBytes } from 'node:crypto'
import {
  addDoc,
  appendAudit,
  byId,
  callerCounties,
  callerWith,
  changeState,
  countDocs,
  creditUnitActivity,
  defineArea,
  ensureTally,
  chinaYear,
  getDocs,
  isDuplicateKeyError,
  miniProgramCode,
  newId,
  ofTarget,
  opId,
  updateDocs,
  withTimers,
  type ActionContext,
  type Changed,
  type Join,
  type Read,
} from '../../../server/kit'
import { activitiesArea, type ActivityDetail, type AttendanceResult, type OrganiserOption } from '../../../domain/api/activities'
import { DomainError } from '../../../domain/errors'
import {
  acceptedMinutes,
  checkActivityInput,
  checkActivitySettings,
  checkCheckOut,
  checkInScene,
  checkInWindow,
  checkOutWindow,
  certificateNumber,
  codeRefreshAt,
  isOrganiser,
  isRunning,
  memberTallyId,
  minuteOf,
  numberFromVerifyScene,
  planAdjust,
  planBooking,
  planCheckIn,
  planSignUp,
  planTransition,
  planWithdraw,
  registrationIdFromCard,
  starLevel,
  themeId,
  type ActivityPlan,
  type ActivityRecord,
  type AttendanceRecord,
  type CertificateRecord,
  type MemberTally,
  type Organiser,
  type ThemeRecord,
} from '../../../domain/activities'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import { authorize, can } from '../../../domain/permissions'
import { maskName } from '../../../domain/privacy'
import { roundHours, type ServiceHoursRecord } from '../../../domain/requirements'
import { isRegistered, type RegistrationRecord } from '../../../domain/registration'
import { ACTIVITIES, ATTENDANCE, CERTIFICATES, codeFor, findNodes, nameOf, settingsOf, THEMES, viewerOf, type Caller, type CountyNode, type Live } from './common'
import { creditActivity } from './credit'
import { notifyActivity } from './notify'
import { database } from '../../../server/kit/db'
import { sweep } from './sweep'
import { toDetail, toHoursList, toRow } from './views'

const DETAIL_PAGE = 'packages/activities/pages/detail/index'
const VERIFY_PAGE = 'packages/activities/pages/verify/index'
const LIST_MAX = 50
const ATTENDANCE_MAX = 1000
/** A lost race on the seats is planned again on the fresh lists, a few times. */
const SEAT_ATTEMPTS = 5

const iso = (d: Date | string) => new Date(d).toISOString()

// ---- Reads ------------------------------------------------------------------------------------

/** The caller, the activity and their own attendance, in one aggregation. */
async function readActivity(ctx: ActionContext, id: string) {
  const { caller, live, found } = await callerWith<'activity' | 'mine', Caller, Live>(ctx, {
    activity: byId(ACTIVITIES, id),
    mine: { from: ATTENDANCE, match: { activityId: id, openid: ctx.identity.openid }, limit: 1 },
  })
  const viewer = viewerOf(caller, live)
  const activity = (found.activity[0] as ActivityRecord | undefined) ?? null
  if (!activity || (activity.state === 'draft' && !isOrganiser(viewer, activity))) throw new DomainError('ACTIVITY.NOT_FOUND')
  return { caller: caller!, live, viewer, activity, mine: (found.mine[0] as AttendanceRecord | undefined) ?? null }
}

/** The names of the people on the roster (organisers only): one read. */
async function rosterNames(ctx: ActionContext, a: ActivityRecord): Promise<Map<string, string>> {
  const ids = [...a.seatedIds, ...a.waitingIds]
  if (ids.length === 0) return new Map()
  const _ = ctx.db.command
  const users = await getDocs<{ _id: string; name?: string }>(ctx.db.collection('users').where({ _id: _.in(ids) }).field({ _id: true, name: true }).limit(ids.length))
  return new Map(users.map((u) => [u._id, u.name || '微信用户']))
}

async function detailOf(ctx: ActionContext, a: ActivityRecord, caller: Caller, live: Live | null, mine: AttendanceRecord | null): Promise<ActivityDetail> {
  const viewer = viewerOf(caller, live)
  const names = isOrganiser(viewer, a) ? await rosterNames(ctx, a) : null
  return toDetail(a, viewer, ctx.now, mine, names)
}

async function findCounty(ctx: ActionContext, id: string): Promise<CountyNode | null> {
  const [node] = await getDocs<CountyNode>(ctx.db.collection('org_nodes').where({ _id: id, kind: 'county' }).limit(1))
  return node ?? null
}

/** The county the caller asked for (one of theirs) or their first; AUTH.FORBIDDEN for anyone else's. */
async function chosenCounty(ctx: ActionContext, caller: Caller | null, countyId?: string): Promise<CountyNode> {
  const counties = await callerCounties(ctx, caller, countyId)
  const chosen = countyId ?? counties[0]
  if (!chosen) throw new DomainError('REQUIREMENTS.NO_COUNTY')
  if (!counties.includes(chosen)) throw new DomainError('AUTH.FORBIDDEN')
  const county = await findCounty(ctx, chosen)
  if (!county) throw new DomainError('ORG.UNKNOWN_NODE')
  return county
}

/** One change of an activity through the one write path; `changed` when a race left nothing to refuse. */
type ActivityRead = Read<ActivityRecord, string, Caller, Live>

function change<P extends ActivityPlan>(ctx: ActionContext, id: string, plan: (read: ActivityRead) => P, joins?: Record<string, Join>) {
  return changeState<ActivityRecord, string, P, Caller, Live>(ctx, { collection: ACTIVITIES, id, joins, plan, changed: 'ACTIVITY.CHANGED' })
}

/** Seats: planned again on the fresh record when a race was lost (someone took the last seat, the lists moved). */
async function withSeatRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'ACTIVITY.CHANGED' || attempt >= SEAT_ATTEMPTS) throw e
    }
  }
}

/** A draft is its organiser's alone: to anyone else it does not exist. */
function hiddenDraft<P extends ActivityPlan>(plan: (read: ActivityRead) => P) {
  return (read: ActivityRead): P => {
    if (read.target && read.target.state === 'draft' && !isOrganiser(viewerOf(read.caller, read.live), read.target)) return plan({ ...read, target: null })
    return plan(read)
  }
}

// ---- Organisers ---------------------------------------------------------------------------------

/** What the caller may organise as, with the places each may hold an activity at. */
async function organiserOptionsOf(ctx: ActionContext, caller: Caller): Promise<OrganiserOption[]> {
  const grants = caller.roles ?? []
  const _ = ctx.db.command
  const unitIds = grants.filter((g) => g.kind === 'unit_admin' && g.scopeId).map((g) => g.scopeId!)
  const communityIds = grants.filter((g) => g.kind === 'community_admin' && g.scopeId).map((g) => g.scopeId!)
  const compoundIds = grants.filter((g) => g.kind === 'branch_admin' && g.scopeId).map((g) => g.scopeId!)
  const [units, compoundsBelow] = await Promise.all([
    unitIds.length ? getDocs<Unit>(ctx.db.collection('units').where({ _id: _.in(unitIds) }).limit(unitIds.length)) : Promise.resolve([]),
    communityIds.length ? getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ parentId: _.in(communityIds), kind: 'compound' }).limit(200)) : Promise.resolve([]),
  ])
  const nodes = await findNodes(ctx, [...communityIds, ...compoundIds, ...units.flatMap((u) => u.pairedCommunityIds)])
  const node = new Map(nodes.map((n) => [n._id, n]))
  const place = (id: string) => ({ id, name: node.get(id)?.name ?? id })
  const out: OrganiserOption[] = []
  for (const u of units) out.push({ kind: 'unit', id: u._id, name: u.name, places: u.pairedCommunityIds.filter((c) => node.has(c)).map(place) })
  for (const c of communityIds.filter((id) => node.has(id))) {
    out.push({ kind: 'community', id: c, name: node.get(c)!.name, places: [place(c), ...compoundsBelow.filter((n) => n.parentId === c).map((n) => ({ id: n._id, name: `${node.get(c)!.name} · ${n.name}` }))] })
  }
  for (const b of compoundIds.filter((id) => node.has(id))) out.push({ kind: 'branch', id: b, name: `${node.get(b)!.name}党支部`, places: [place(b)] })
  return out
}

/** The organiser as stored, after checking the caller may organise as it and the place is theirs. */
function organiserFor(kind: Organiser['kind'], id: string, caller: Caller, entity: Unit | OrgNode | null, place: OrgNode): Organiser {
  const grants = caller.roles ?? []
  const placeLineage = lineage(place)
  if (!entity) throw new DomainError('AUTH.FORBIDDEN')
  if (kind === 'unit') {
    const unit = entity as Unit
    authorize(grants, 'activity.organize', { kind: 'unit', unitId: unit._id, countyId: unit.countyId })
    // A unit's activities are co-building: at (or below) a community it is paired with.
    if (!unit.pairedCommunityIds.some((c) => placeLineage.includes(c))) throw new DomainError('ACTIVITY.BAD_PLACE')
    return { kind, id, name: unit.name, lineage: [unit.countyId] }
  }
  const node = entity as OrgNode
  const expected = kind === 'community' ? 'community' : 'compound'
  if (node.kind !== expected) throw new DomainError('AUTH.FORBIDDEN')
  const nodeLineage = lineage(node)
  authorize(grants, 'activity.organize', { kind: 'org', lineage: nodeLineage })
  // A branch admin organises for their compound; the community admin above may too.
  if (kind === 'community' && !grants.some((g) => g.kind === 'community_admin' && nodeLineage.includes(g.scopeId ?? ''))) throw new DomainError('AUTH.FORBIDDEN')
  if (!placeLineage.includes(id)) throw new DomainError('ACTIVITY.BAD_PLACE')
  return { kind, id, name: kind === 'branch' ? `${node.name}党支部` : node.name, lineage: nodeLineage }
}

// ---- Attendance ---------------------------------------------------------------------------------

function assertCode(a: ActivityRecord, code: string, now: Date): void {
  if (!acceptedMinutes(now).some((m) => codeFor(a.checkInSecret, m) === code)) throw new DomainError('ACTIVITY.STALE_CODE')
}

/** Inserts the attendance (a replay finds it there) and the person's tally of the year, together. */
async function insertAttendance(ctx: ActionContext, record: AttendanceRecord): Promise<boolean> {
  const [inserted] = await Promise.all([
    addDoc(ctx.db.collection(ATTENDANCE), record).then(
      () => true,
      (e) => {
        if (isDuplicateKeyError(e)) return false
        throw e
      },
    ),
    ensureTally(ctx.db, chinaYear(record.at), { userId: record.userId, unitId: record.unitId, countyId: record.countyId }),
  ])
  return inserted
}

/** Check-out once: conditional on no check-out yet, so a replay changes nothing. */
async function markCheckOut(ctx: ActionContext, att: AttendanceRecord, by: { id: string; name: string }): Promise<boolean> {
  const _ = ctx.db.command
  const updated = await updateDocs(ctx.db.collection(ATTENDANCE).where({ _id: att._id, checkOutAt: null }), {
    checkOutAt: ctx.now,
    history: _.push([{ verb: 'checkOut', by: by.id, byName: by.name, at: ctx.now }]),
  })
  return updated === 1
}

const attended = (a: ActivityRecord, name: string, action: 'checkIn' | 'checkOut', already: boolean, at: Date): AttendanceResult => ({
  activityId: a._id,
  title: a.title,
  name,
  action,
  already,
  at: iso(at),
})

// ---- Actions ------------------------------------------------------------------------------------

const requests = defineArea(activitiesArea, {
  async themes({ year, countyId }, ctx) {
    const { caller } = await callerWith<never, Caller>(ctx, {})
    const county = await chosenCounty(ctx, caller, countyId)
    const months = await getDocs<ThemeRecord>(ctx.db.collection(THEMES).where({ countyId: county._id, year }).orderBy('month', 'asc').limit(12))
    return {
      county: { id: county._id, name: county.name },
      year,
      months: months.map((t) => ({ id: t._id, year: t.year, month: t.month, title: t.title, description: t.description })),
      canEdit: can(caller?.roles ?? [], 'activity.themes', { kind: 'org', lineage: lineage(county) }),
    }
  },

  /** A month's theme is one document per county and month: setting it again replaces it, audited. */
  async setTheme({ countyId, year, month, title, description }, ctx) {
    const { caller, found } = await callerWith<'county', Caller>(ctx, { county: { from: 'org_nodes', match: { _id: countyId, kind: 'county' }, limit: 1 } })
    const county = (found.county[0] as CountyNode | undefined) ?? null
    if (!caller || !county) throw new DomainError(caller?.roles?.some((g) => g.kind === 'county_admin') ? 'ORG.UNKNOWN_NODE' : 'AUTH.FORBIDDEN')
    authorize(caller.roles ?? [], 'activity.themes', { kind: 'org', lineage: lineage(county) })
    const id = themeId(countyId, year, month)
    const record: Omit<ThemeRecord, '_id'> = { countyId, year, month, title, description, updatedBy: caller._id, updatedAt: ctx.now }
    await (ctx.db.collection(THEMES).doc(id) as unknown as { set(o: { data: unknown }): Promise<unknown> }).set({ data: record })
    await appendAudit(ctx.db, { entity: 'activity_theme', entityId: id, action: 'setTheme', from: null, to: title, by: caller._id, at: ctx.now })
    const months = await getDocs<ThemeRecord>(ctx.db.collection(THEMES).where({ countyId, year }).orderBy('month', 'asc').limit(12))
    return {
      county: { id: county._id, name: county.name },
      year,
      months: months.map((t) => ({ id: t._id, year: t.year, month: t.month, title: t.title, description: t.description })),
      canEdit: true,
    }
  },

  async getSettings({ countyId }, ctx) {
    const { caller } = await callerWith<never, Caller>(ctx, {})
    const county = await chosenCounty(ctx, caller, countyId)
    return {
      county: { id: county._id, name: county.name },
      settings: settingsOf(county),
      isDefault: !county.activitySettings,
      canEdit: can(caller?.roles ?? [], 'activity.themes', { kind: 'org', lineage: lineage(county) }),
      version: county.activitySettings?.version ?? 0,
    }
  },

  /** Conditional on the version read: two admins saving at once cannot both win silently. */
  async setSettings({ countyId, version, settings }, ctx) {
    const { caller, found } = await callerWith<'county', Caller>(ctx, { county: { from: 'org_nodes', match: { _id: countyId, kind: 'county' }, limit: 1 } })
    const county = (found.county[0] as CountyNode | undefined) ?? null
    if (!caller || !county) throw new DomainError(caller?.roles?.some((g) => g.kind === 'county_admin') ? 'ORG.UNKNOWN_NODE' : 'AUTH.FORBIDDEN')
    authorize(caller.roles ?? [], 'activity.themes', { kind: 'org', lineage: lineage(county) })
    const errors = checkActivitySettings(settings)
    if (Object.keys(errors).length > 0) throw new DomainError('ACTIVITY.BAD_SETTINGS', Object.values(errors)[0], errors)
    const _ = ctx.db.command
    const guard = version === 0 ? { activitySettings: _.exists(false) } : { 'activitySettings.version': version }
    const stored = { ...settings, version: version + 1 }
    const updated = await updateDocs(ctx.db.collection('org_nodes').where({ _id: countyId, kind: 'county', ...guard }), { activitySettings: _.set(stored) })
    if (updated === 0) throw new DomainError('ACTIVITY.SETTINGS_CHANGED')
    await appendAudit(ctx.db, { entity: 'activity_settings', entityId: countyId, action: 'setSettings', from: JSON.stringify(settingsOf(county)), to: JSON.stringify(settings), by: caller._id, at: ctx.now })
    return { county: { id: county._id, name: county.name }, settings, isDefault: false, canEdit: true, version: version + 1 }
  },

  async organiserOptions(_input, ctx) {
    const { caller } = await callerWith<never, Caller>(ctx, {})
    if (!caller) return []
    return organiserOptionsOf(ctx, caller)
  },

  /**
   * 2 round trips: the caller with the organiser (unit or node), the place and the theme in one
   * aggregation; the insert, whose history is its audit (create, and publish when asked).
   */
  async create(input, ctx) {
    const { publish, organiser: who, ...fields } = input
    const times = checkActivityInput(fields, ctx.now)
    const { caller, live, found } = await callerWith<'unit' | 'node' | 'place' | 'theme', Caller, Live>(ctx, {
      unit: byId('units', who.kind === 'unit' ? who.id : '-'),
      node: byId('org_nodes', who.kind === 'unit' ? '-' : who.id),
      place: byId('org_nodes', fields.placeNodeId),
      theme: byId(THEMES, fields.themeId ?? '-'),
    })
    if (!caller) throw new DomainError('AUTH.FORBIDDEN')
    const place = (found.place[0] as OrgNode | undefined) ?? null
    const entity = ((who.kind === 'unit' ? found.unit[0] : found.node[0]) as Unit | OrgNode | undefined) ?? null
    if (!place) throw new DomainError('ACTIVITY.BAD_PLACE')
    const organiser = organiserFor(who.kind, who.id, caller, entity, place)
    const placeLineage = lineage(place)
    // county → street → community → …: a place above a community is no place to meet.
    if (placeLineage.length < 3) throw new DomainError('ACTIVITY.BAD_PLACE')
    const theme = (found.theme[0] as ThemeRecord | undefined) ?? null
    if (fields.themeId && (!theme || theme.countyId !== placeLineage[0])) throw new DomainError('ACTIVITY.BAD_THEME')
    const by = { by: caller._id, byName: nameOf(caller, live), at: ctx.now }
    const state = publish ? 'published' : 'draft'
    const record: ActivityRecord = {
      _id: newId(),
      state,
      stateSince: ctx.now,
      title: fields.title,
      description: fields.description,
      themeId: theme?._id ?? null,
      themeTitle: theme ? `${theme.month}月 · ${theme.title}` : null,
      organiser,
      unitId: organiser.kind === 'unit' ? organiser.id : null,
      communityId: placeLineage[2],
      countyId: placeLineage[0],
      lineage: placeLineage,
      placeName: place.name,
      address: fields.address,
      startAt: times.startAt,
      endAt: times.endAt,
      capacity: fields.capacity,
      skills: fields.skills,
      hours: fields.hours,
      openToCitizens: fields.openToCitizens,
      seatedIds: [],
      waitingIds: [],
      seatCount: 0,
      waitCount: 0,
      version: 0,
      checkInSecret: randomBytes(16).toString('hex'),
      createdBy: caller._id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      history: [
        { verb: 'create', from: 'draft', to: 'draft', ...by },
        ...(publish ? [{ verb: 'publish' as const, from: 'draft' as const, to: 'published' as const, ...by }] : []),
      ],
    }
    await addDoc(ctx.db.collection(ACTIVITIES), record)
    return toDetail(record, viewerOf(caller, live), ctx.now, null, new Map())
  },

  /** 2 round trips (3 with the roster; cancel: one more for the people to tell, and the messages). */
  async transition({ id, verb, reason }, ctx) {
    const op = opId()
    const done = await change(ctx, id, hiddenDraft(({ caller, live, target }) => planTransition(target, viewerOf(caller, live), verb, { now: ctx.now, op, reason })))
    const a = done.after
    if (verb === 'hold' && a.unitId) await creditUnitActivity(ctx.db, a.unitId, a._id, a.startAt)
    if (verb === 'cancel') await notifyActivity(ctx.db, 'activityCancelled', a, [...a.seatedIds, ...a.waitingIds], { reason: a.reason ?? '' })
    return detailOf(ctx, a, done.read.caller!, done.read.live, null)
  },

  /**
   * Members, and caring citizens where allowed: a seat while there is one, else the waiting list;
   * one conditional update decides (2 round trips, 3 with the message), planned again on a lost race.
   */
  async signUp({ id }, ctx) {
    const done = await withSeatRetries(() =>
      change(ctx, id, hiddenDraft(({ caller, live, target }) => planSignUp(target, viewerOf(caller, live), ctx.now, opId()))),
    )
    const { caller, live } = done.read
    await notifyActivity(ctx.db, 'activitySignup', done.after, [caller!._id], { outcome: done.plan.outcome }, new Map([[caller!._id, caller!.openid]]))
    return { outcome: done.plan.outcome, detail: toDetail(done.after, viewerOf(caller, live), ctx.now, null, null) }
  },

  async withdraw({ id }, ctx) {
    const done = await withSeatRetries(() => change(ctx, id, hiddenDraft(({ caller, live, target }) => planWithdraw(target, viewerOf(caller, live), ctx.now, opId()))))
    if (done.plan.promoted) await notifyActivity(ctx.db, 'activitySignup', done.after, [done.plan.promoted], { outcome: 'promoted' })
    return toDetail(done.after, viewerOf(done.read.caller, done.read.live), ctx.now, null, null)
  },

  async list({ view, state }, ctx) {
    const { caller, live } = await callerWith<never, Caller, Live>(ctx, {})
    if (!caller) return { items: [] }
    const _ = ctx.db.command
    const activities = ctx.db.collection(ACTIVITIES)
    const stateFilter = state ? { state } : {}
    let rows: ActivityRecord[] = []
    if (view === 'mine') {
      rows = await getDocs<ActivityRecord>(activities.where(_.and([_.or([{ seatedIds: caller._id }, { waitingIds: caller._id }]), stateFilter])).orderBy('startAt', 'desc').limit(LIST_MAX))
    } else if (view === 'organising') {
      const ids = (caller.roles ?? []).filter((g) => ['unit_admin', 'community_admin', 'branch_admin'].includes(g.kind) && g.scopeId).map((g) => g.scopeId!)
      if (ids.length === 0) throw new DomainError('AUTH.FORBIDDEN')
      rows = await getDocs<ActivityRecord>(activities.where({ 'organiser.id': _.in(ids), ...stateFilter }).orderBy('startAt', 'desc').limit(LIST_MAX))
    } else {
      const communities = await communitiesOf(ctx, caller, live)
      const listed = state ? { state } : { state: _.neq('draft') }
      rows = communities.length
        ? await getDocs<ActivityRecord>(activities.where({ communityId: _.in(communities), ...listed }).orderBy('startAt', 'desc').limit(LIST_MAX))
        : // Someone of no community (a caring citizen): what is open to them anywhere.
          await getDocs<ActivityRecord>(activities.where({ openToCitizens: true, state: state ?? 'published' }).orderBy('startAt', 'desc').limit(LIST_MAX))
    }
    return { items: rows.map((a) => toRow(a, caller._id)) }
  },

  /** 1 round trip (2 for an organiser: the roster's names). */
  async get({ id }, ctx) {
    const { caller, live, activity, mine } = await readActivity(ctx, id)
    return detailOf(ctx, activity, caller, live, mine)
  },

  /** Organisers, while check-in or check-out is open: this minute's code and its mini-program code. */
  async checkInCode({ id }, ctx) {
    const { viewer, activity: a } = await readActivity(ctx, id)
    if (!isOrganiser(viewer, a)) throw new DomainError('ACTIVITY.NOT_ORGANISER')
    if (!isRunning(a.state)) throw new DomainError('ACTIVITY.NOT_RUNNING')
    if (ctx.now < checkInWindow(a).opens || ctx.now > checkOutWindow(a).closes) throw new DomainError('ACTIVITY.OUTSIDE_WINDOW')
    const code = codeFor(a.checkInSecret, minuteOf(ctx.now))
    const [image, checkedIn] = await Promise.all([miniProgramCode(checkInScene(a._id, code), DETAIL_PAGE), countDocs(ctx.db.collection(ATTENDANCE).where({ activityId: a._id }))])
    return { code, scene: image.scene, page: image.page, imageBase64: image.imageBase64, contentType: image.contentType, refreshAt: iso(codeRefreshAt(ctx.now)), checkedIn }
  },

  /**
   * The person scanned (or typed) the organiser's code. 2 round trips: the caller with the
   * activity and their attendance; the attendance insert (id = activity and person, so a replay
   * inserts nothing) together with their tally of the year.
   */
  async checkIn({ id, code }, ctx) {
    const { caller, viewer, activity: a, mine } = await readActivity(ctx, id)
    if (mine) return attended(a, viewer.name, 'checkIn', true, mine.checkInAt)
    const record = planCheckIn(a, viewer, { now: ctx.now, via: 'code', by: { id: viewer.userId, name: viewer.name } })
    assertCode(a, code, ctx.now)
    record.openid = caller.openid ?? null
    const inserted = await insertAttendance(ctx, record)
    return attended(a, viewer.name, 'checkIn', !inserted, ctx.now)
  },

  async checkOut({ id, code }, ctx) {
    const { viewer, activity: a, mine } = await readActivity(ctx, id)
    if (mine?.checkOutAt) return attended(a, viewer.name, 'checkOut', true, mine.checkOutAt)
    checkCheckOut(a, mine, ctx.now)
    assertCode(a, code, ctx.now)
    const changed = await markCheckOut(ctx, mine!, { id: viewer.userId, name: viewer.name })
    return attended(a, viewer.name, 'checkOut', !changed, ctx.now)
  },

  /**
   * The organiser scans a member's 报到证: checks them in (even without a seat: they came), or out
   * when already in. 3 round trips: the caller with the activity; the registration with its
   * person and their attendance; the write.
   */
  async scanCard({ id, payload }, ctx) {
    const { viewer, activity: a } = await readActivity(ctx, id)
    if (!isOrganiser(viewer, a)) throw new DomainError('ACTIVITY.NOT_ORGANISER')
    const registrationId = registrationIdFromCard(payload)
    if (!registrationId) throw new DomainError('ACTIVITY.BAD_CARD')
    const regs = ctx.db.collection('registrations') as unknown as { aggregate(): any }
    const { list } = await regs
      .aggregate()
      .match({ _id: registrationId })
      .limit(1)
      .lookup({ from: 'users', localField: 'userId', foreignField: '_id', as: 'person' })
      .lookup({ from: ATTENDANCE, localField: 'userId', foreignField: 'userId', as: 'attendance' })
      .end()
    const reg = (list[0] as (RegistrationRecord & { person: Caller[]; attendance: AttendanceRecord[] }) | undefined) ?? null
    if (!reg || !isRegistered(reg.state) || !reg.person[0]) throw new DomainError('ACTIVITY.BAD_CARD')
    const person = viewerOf(reg.person[0], reg)
    const att = reg.attendance.find((r) => r.activityId === a._id) ?? null
    const by = { id: viewer.userId, name: viewer.name }
    if (att) {
      if (att.checkOutAt) return attended(a, person.name, 'checkOut', true, att.checkOutAt)
      checkCheckOut(a, att, ctx.now)
      const changed = await markCheckOut(ctx, att, by)
      return attended(a, person.name, 'checkOut', !changed, ctx.now)
    }
    const record = planCheckIn(a, person, { now: ctx.now, via: 'card', by })
    record.openid = reg.person[0].openid ?? null
    const inserted = await insertAttendance(ctx, record)
    return attended(a, person.name, 'checkIn', !inserted, ctx.now)
  },

  /** Organisers: 1 round trip (the caller, the activity, its attendance and its county's rounding rule). */
  async hoursList({ id }, ctx) {
    const { caller, live, found } = await callerWith<'activity' | 'attendance' | 'county', Caller, Live>(ctx, {
      activity: byId(ACTIVITIES, id),
      attendance: { from: ATTENDANCE, match: { activityId: id }, limit: ATTENDANCE_MAX },
      county: { from: 'org_nodes', localField: '__join_activity.countyId', foreignField: '_id' },
    })
    const viewer = viewerOf(caller, live)
    const a = (found.activity[0] as ActivityRecord | undefined) ?? null
    if (!a || (a.state === 'draft' && !isOrganiser(viewer, a))) throw new DomainError('ACTIVITY.NOT_FOUND')
    if (!isOrganiser(viewer, a)) throw new DomainError('ACTIVITY.NOT_ORGANISER')
    return toHoursList(a, found.attendance as AttendanceRecord[], settingsOf(found.county[0] as CountyNode).rounding, true)
  },

  /** Correct or decline one line: 2 round trips, on the activity (conditional on `held` and its version). */
  async adjust({ id, userId, hours, reason }, ctx) {
    const op = opId()
    const done = await change(
      ctx,
      id,
      hiddenDraft(({ caller, live, target, found }) =>
        planAdjust(target, viewerOf(caller, live), { now: ctx.now, op, userId, hours, reason, attended: (found.attendance as AttendanceRecord[]).some((r) => r.userId === userId) }),
      ),
      { attendance: { from: ATTENDANCE, match: { activityId: id }, limit: ATTENDANCE_MAX }, county: { from: 'org_nodes', localField: ofTarget('countyId'), foreignField: '_id' } },
    )
    return toHoursList(done.after, done.read.found.attendance as AttendanceRecord[], settingsOf(done.read.found.county[0] as CountyNode).rounding, true)
  },

  /**
   * Confirm the hours list. Round trips: the read (caller, activity, attendance, county); held →
   * booked on the version read; the tallies (one write per distinct number of hours, one for
   * `met`); the ledger rows in one insert. The messages go with the next sweep.
   */
  async book({ id }, ctx) {
    const op = opId()
    const done: Changed<ActivityRecord, string, ReturnType<typeof planBooking>, Caller, Live> = await changeState(ctx, {
      collection: ACTIVITIES,
      id,
      joins: { attendance: { from: ATTENDANCE, match: { activityId: id }, limit: ATTENDANCE_MAX }, county: { from: 'org_nodes', localField: ofTarget('countyId'), foreignField: '_id' } },
      plan: ({ caller, live, target, found }) => planBooking(target, viewerOf(caller, live), found.attendance as AttendanceRecord[], settingsOf(found.county[0] as CountyNode).rounding, ctx.now, op),
      changed: 'ACTIVITY.CHANGED',
    })
    const a = done.after
    const county = (done.read.found.county[0] as CountyNode | undefined) ?? null
    await creditActivity(ctx, a, done.plan.credits, county)
    const attendance = done.read.found.attendance as AttendanceRecord[]
    // The messages ("时长已入账") go out with the next sweep, a few minutes later: booking 200
    // people stays five round trips, and a booking whose call died still gets its messages.
    return toHoursList(a, attendance, settingsOf(county).rounding, true)
  },

  /** 2 round trips: the caller with their tallies; their latest credits and their county together. */
  async myHours(_input, ctx) {
    const { caller, live, found } = await callerWith<'tallies', Caller, Live>(ctx, {
      tallies: { from: 'tallies', localField: '_id', foreignField: 'userId' },
    })
    if (!caller) throw new DomainError('AUTH.FORBIDDEN')
    const view = await hoursOf(ctx, caller, live, found.tallies as MemberTally[])
    return view.hours
  },

  /** A numbered certificate of the caller's hours so far, with the verify page's mini-program code. */
  async issueCertificate(_input, ctx) {
    const { caller, live, found } = await callerWith<'tallies', Caller, Live>(ctx, {
      tallies: { from: 'tallies', localField: '_id', foreignField: 'userId' },
    })
    if (!caller) throw new DomainError('AUTH.FORBIDDEN')
    const { hours, county } = await hoursOf(ctx, caller, live, found.tallies as MemberTally[])
    if (hours.totalHours <= 0) throw new DomainError('CERTIFICATE.NO_HOURS')
    const number = certificateNumber(hours.year, randomBytes(4).toString('hex'))
    const record: CertificateRecord = {
      _id: number,
      userId: caller._id,
      maskedName: maskName(nameOf(caller, live)),
      totalHours: hours.totalHours,
      yearHours: hours.yearHours,
      year: hours.year,
      stars: hours.level.stars,
      issuer: county ? `${county.name}委组织部` : '连心平台',
      issuedAt: ctx.now,
    }
    const [qr] = await Promise.all([miniProgramCode(`v:${number}`, VERIFY_PAGE), addDoc(ctx.db.collection(CERTIFICATES), record)])
    return { ...certificateView(record), qr: { scene: qr.scene, page: qr.page, imageBase64: qr.imageBase64, contentType: qr.contentType } }
  },

  /** Anyone: 1 round trip (the certificate by its number); only what the certificate itself shows. */
  async verifyCertificate({ number }, ctx) {
    const n = numberFromVerifyScene(number)
    const [record] = n ? await getDocs<CertificateRecord>(ctx.db.collection(CERTIFICATES).where({ _id: n }).limit(1)) : []
    if (!record) throw new DomainError('CERTIFICATE.NOT_FOUND')
    return certificateView(record)
  },
})

function certificateView(r: CertificateRecord) {
  return { number: r._id, maskedName: r.maskedName, totalHours: r.totalHours, yearHours: r.yearHours, year: r.year, stars: r.stars, issuer: r.issuer, issuedAt: iso(r.issuedAt) }
}

const KIND_LABELS = { wish: '微心愿', order: '点单服务', activity: '活动' } as const

async function hoursOf(ctx: ActionContext, caller: Caller, live: Live | null, tallies: MemberTally[]) {
  const year = chinaYear(ctx.now)
  const mine = tallies.filter((t) => t.kind === 'member')
  const thisYear = mine.find((t) => t._id === memberTallyId(year, caller._id))
  const countyId = live && isRegistered(live.state) ? live.communityLineage[0] : null
  const [recent, county] = await Promise.all([
    getDocs<ServiceHoursRecord>(ctx.db.collection('service_hours').where({ userId: caller._id }).orderBy('at', 'desc').limit(10)),
    countyId ? findCounty(ctx, countyId) : Promise.resolve(null),
  ])
  const totalHours = roundHours(mine.reduce((s, t) => s + t.tenths, 0) / 10)
  const thresholds = settingsOf(county).stars
  return {
    county,
    hours: {
      year,
      yearHours: roundHours((thisYear?.tenths ?? 0) / 10),
      yearActivities: thisYear?.activities ?? 0,
      totalHours,
      level: starLevel(totalHours, thresholds),
      thresholds,
      recent: recent.map((r) => ({ kind: r.source.kind, kindLabel: KIND_LABELS[r.source.kind], hours: r.hours, at: iso(r.at) })),
    },
  }
}

/** The communities whose activities the caller sees: their registration's, their roles' places', their unit's partners. */
async function communitiesOf(ctx: ActionContext, caller: Caller, live: Live | null): Promise<string[]> {
  const out = new Set<string>()
  if (live && live.userId === caller._id && isRegistered(live.state)) out.add(live.communityId)
  const grants = caller.roles ?? []
  const nodeIds = grants.filter((g) => g.scopeId && !['unit_admin', 'county_admin', 'street_admin'].includes(g.kind)).map((g) => g.scopeId!)
  const unitIds = grants.filter((g) => g.kind === 'unit_admin' && g.scopeId).map((g) => g.scopeId!)
  const _ = ctx.db.command
  const [nodes, units] = await Promise.all([
    findNodes(ctx, nodeIds),
    unitIds.length ? getDocs<Unit>(ctx.db.collection('units').where({ _id: _.in(unitIds) }).limit(unitIds.length)) : Promise.resolve([]),
  ])
  for (const n of nodes) {
    const l = lineage(n)
    if (l.length >= 3) out.add(l[2])
  }
  for (const u of units) u.pairedCommunityIds.forEach((c) => out.add(c))
  return [...out]
}

export const main = withTimers(requests, { sweep: () => sweep(database()) })
