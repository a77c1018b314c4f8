/**
 * Yearly requirements (年度要求): each county's rules, stored on the county's org node, and the
 * progress of a member or a unit against them, counted from the records (`activity_attendance`,
 * `service_hours`, `activities`) with one aggregation each, indexed `$match` first. No record,
 * no progress: every number is a count. docs/requirements.md; docs/API.md lists the round trips.
 */
import { appendAudit, callerCounties, defineArea, findCaller, getDocs, updateDocs, type ActionContext } from '../../../server/kit'
import { requirementsArea, type CountyRef, type MyProgress, type RulesView } from '../../../domain/api/requirements'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import { authorize, can } from '../../../domain/permissions'
import { isLive, REGISTRATION_STATE_LABELS, type RegistrationRecord } from '../../../domain/registration'
import {
  effectiveRules,
  memberProgress,
  periodOf,
  sameRules,
  toPeriodView,
  unitProgress,
  type Period,
  type RequirementRules,
} from '../../../domain/requirements'
import type { UserRecord } from '../../../domain/users'

/** The rules as kept on the county node, with who changed them last; `version` guards each change. */
interface StoredRules extends RequirementRules {
  version: number
  updatedAt: Date
  updatedBy: string
  updatedByName: string | null
}

interface CountyNode extends OrgNode {
  requirements?: StoredRules
}

interface Caller extends UserRecord {
  liveRegistrationId?: string | null
}

/** A unit's registered members beyond this are not counted (one page of the database). */
const MAX_MEMBERS = 1000
/** People with records at a unit this year: its members and those who left it during the year. */
const MAX_GROUPS = 2 * MAX_MEMBERS

const NO_REGISTRATION = '您还没有双报到。报到并经单位和社区确认后，这里会显示本年度参加活动的次数和服务时长。'

async function findCounty(ctx: ActionContext, id: string): Promise<CountyNode | null> {
  const [node] = await getDocs<CountyNode>(ctx.db.collection('org_nodes').where({ _id: id, kind: 'county' }).limit(1))
  return node ?? null
}

async function findRegistration(ctx: ActionContext, id: string): Promise<RegistrationRecord | null> {
  const [doc] = await getDocs<RegistrationRecord>(
    ctx.db.collection('registrations').where({ _id: id }).field({ userId: true, state: true, unitId: true, unitCountyId: true, communityLineage: true }).limit(1),
  )
  return doc ?? null
}

const countyRef = (c: CountyNode): CountyRef => ({ id: c._id, name: c.name })

function rulesView(county: CountyNode, grants: UserRecord['roles']): RulesView {
  const stored = county.requirements
  return {
    county: countyRef(county),
    rules: effectiveRules(stored),
    isDefault: !stored,
    canEdit: can(grants, 'requirements.setRules', { kind: 'org', lineage: lineage(county) }),
    updatedAt: stored ? new Date(stored.updatedAt).toISOString() : null,
    updatedByName: stored?.updatedByName ?? null,
  }
}

/** `at` within the period so far: records dated after now (planned, not yet held) do not count yet. */
function soFar(ctx: ActionContext, period: Period) {
  const _ = ctx.db.command
  return _.gte(period.start).and(_.lte(ctx.now < period.end ? ctx.now : period.end))
}

interface AggregateBuilder {
  match(q: object): AggregateBuilder
  group(g: object): AggregateBuilder
  limit(n: number): AggregateBuilder
  end(): Promise<{ list: unknown[] }>
}

const aggregate = (ctx: ActionContext, collection: string) => (ctx.db.collection(collection) as unknown as { aggregate(): AggregateBuilder }).aggregate()

/**
 * Per member this year so far: activities taken part in (`activity_attendance`) or hours credited
 * (`service_hours`), one aggregation grouped by member. For one person the `$match` is on
 * `userId` (index user_time); for a unit it is on `unitId` (index unit_time): the unit's members'
 * service credited while with this unit. (A `userId $in [every member]` filter would count a
 * member's whole year wherever they served, but costs the emulator, which matches `$in` by
 * scanning the list, seconds at 1,000 members; docs/requirements.md.)
 */
async function perMember(
  ctx: ActionContext,
  collection: 'activity_attendance' | 'service_hours',
  scope: { userId: string } | { unitId: string },
  year: Period,
): Promise<Map<string, number>> {
  const { list } = await aggregate(ctx, collection)
    .match({ ...scope, at: soFar(ctx, year) })
    .group({ _id: '$userId', n: collection === 'service_hours' ? { $sum: '$hours' } : { $sum: 1 } })
    .limit('userId' in scope ? 1 : MAX_GROUPS)
    .end()
  return new Map((list as { _id: string; n: number }[]).map((g) => [g._id, g.n]))
}

/**
 * A unit's co-building activities this year so far, split into those of the current quarter and
 * the rest, in one aggregation over the (unitId, at) index: whichever period the county's rule
 * names (read at the same time) is then at hand.
 */
async function unitActivities(ctx: ActionContext, unitId: string, year: Period, quarter: Period): Promise<{ year: number; quarter: number }> {
  const { list } = await aggregate(ctx, 'activities')
    .match({ unitId, at: soFar(ctx, year) })
    .group({ _id: { $gte: ['$at', quarter.start] }, n: { $sum: 1 } })
    .limit(2)
    .end()
  const groups = list as { _id: boolean; n: number }[]
  const inQuarter = groups.find((g) => g._id === true)?.n ?? 0
  return { year: groups.reduce((s, g) => s + g.n, 0), quarter: inQuarter }
}

export const main = defineArea(requirementsArea, {
  /**
   * The county's rules for anyone in the county. 2 round trips for a county admin (the caller,
   * the county); otherwise the caller's registration and roles' places are read together first
   * (up to 3 more). `countyId` picks one of the caller's counties; any other is AUTH.FORBIDDEN.
   */
  async getRules({ countyId }, ctx) {
    const caller = await findCaller<Caller>(ctx)
    const counties = await callerCounties(ctx, caller, countyId)
    const chosen = countyId ?? counties[0]
    if (!chosen) throw new DomainError('REQUIREMENTS.NO_COUNTY')
    if (!counties.includes(chosen)) throw new DomainError('AUTH.FORBIDDEN')
    const county = await findCounty(ctx, chosen)
    if (!county) throw new DomainError('ORG.UNKNOWN_NODE')
    return rulesView(county, caller?.roles ?? [])
  },

  /**
   * County admins only. 4 round trips: the caller and the county together, one conditional
   * update (on the version read, so two admins saving at once cannot both win; the loser gets
   * REQUIREMENTS.CHANGED and nothing of theirs is written), one audit record with the old and
   * new values. Saving the rules already in force writes nothing (2 round trips).
   */
  async setRules({ countyId, rules }, ctx) {
    const [caller, county] = await Promise.all([findCaller<Caller>(ctx), findCounty(ctx, countyId)])
    const grants = caller?.roles ?? []
    if (!county) {
      // Unknown and forbidden look alike to someone who may not set any county's rules.
      if (!grants.some((g) => g.kind === 'county_admin')) throw new DomainError('AUTH.FORBIDDEN')
      throw new DomainError('ORG.UNKNOWN_NODE')
    }
    authorize(grants, 'requirements.setRules', { kind: 'org', lineage: lineage(county) })
    const before = effectiveRules(county.requirements)
    if (county.requirements && sameRules(before, rules)) return { ...rulesView(county, grants), changed: false }

    const _ = ctx.db.command
    const version = county.requirements?.version ?? 0
    const stored: StoredRules = { ...rules, version: version + 1, updatedAt: ctx.now, updatedBy: caller!._id, updatedByName: caller!.name ?? null }
    const guard = version === 0 ? { requirements: _.exists(false) } : { 'requirements.version': version }
    const updated = await updateDocs(ctx.db.collection('org_nodes').where({ _id: countyId, kind: 'county', ...guard }), { requirements: _.set(stored) })
    if (updated === 0) throw new DomainError('REQUIREMENTS.CHANGED')
    await appendAudit(ctx.db, {
      entity: 'county_requirements',
      entityId: countyId,
      action: 'setRules',
      from: JSON.stringify(before),
      to: JSON.stringify(rules),
      by: caller!._id,
      at: ctx.now,
      ...(county.requirements ? {} : { reason: '此前使用默认要求' }),
    })
    return { ...rulesView({ ...county, requirements: stored }, grants), changed: true }
  },

  /**
   * The caller as a member, this year so far. 5 round trips: the caller; then the live
   * registration and the two aggregations (activities, hours) together; then the county's
   * rules. 1 round trip for someone without a live registration: a plain answer, not an error.
   */
  async myProgress(_input, ctx): Promise<MyProgress> {
    const caller = await findCaller<Caller>(ctx)
    if (!caller?.liveRegistrationId) return { hasRegistration: false, message: NO_REGISTRATION }
    const year = periodOf('year', ctx.now)
    const [registration, activities, hours] = await Promise.all([
      findRegistration(ctx, caller.liveRegistrationId),
      perMember(ctx, 'activity_attendance', { userId: caller._id }, year),
      perMember(ctx, 'service_hours', { userId: caller._id }, year),
    ])
    if (!registration || registration.userId !== caller._id || !isLive(registration.state)) return { hasRegistration: false, message: NO_REGISTRATION }
    const county = await findCounty(ctx, registration.communityLineage[0])
    if (!county) throw new DomainError('ORG.UNKNOWN_NODE')
    const rules = effectiveRules(county.requirements)
    const progress = memberProgress(rules, { activities: activities.get(caller._id) ?? 0, hours: hours.get(caller._id) ?? 0 })
    return {
      hasRegistration: true,
      registrationState: registration.state,
      registrationStateLabel: REGISTRATION_STATE_LABELS[registration.state],
      county: countyRef(county),
      rules,
      period: toPeriodView(year),
      ...progress,
    }
  },

  /**
   * The unit admin of that unit, or a county admin of its county. 7 round trips in two steps:
   * the caller, the unit and its registered members together; then the county's rules, the
   * unit's activities and its members' activities and hours (one aggregation each) together.
   * 5 when the unit has no registered member.
   */
  async unitProgress({ unitId }, ctx) {
    const [caller, unit, members] = await Promise.all([
      findCaller<Caller>(ctx),
      getDocs<Unit>(ctx.db.collection('units').where({ _id: unitId }).limit(1)).then((u) => u[0] ?? null),
      getDocs<{ userId: string }>(ctx.db.collection('registrations').where({ unitId, state: 'registered' }).field({ userId: true }).limit(MAX_MEMBERS)),
    ])
    const grants = caller?.roles ?? []
    if (!unit) {
      if (!grants.some((g) => g.kind === 'county_admin' || g.kind === 'unit_admin')) throw new DomainError('AUTH.FORBIDDEN')
      throw new DomainError('ORG.UNKNOWN_UNIT')
    }
    // What was read before this check is dropped unanswered when it fails.
    authorize(grants, 'requirements.unitProgress', { kind: 'unit', unitId: unit._id, countyId: unit.countyId })
    const year = periodOf('year', ctx.now)
    const quarter = periodOf('quarter', ctx.now)
    const memberIds = [...new Set(members.map((m) => m.userId))]
    const [county, held, activities, hours] = await Promise.all([
      findCounty(ctx, unit.countyId),
      unitActivities(ctx, unit._id, year, quarter),
      memberIds.length ? perMember(ctx, 'activity_attendance', { unitId: unit._id }, year) : Promise.resolve(new Map<string, number>()),
      memberIds.length ? perMember(ctx, 'service_hours', { unitId: unit._id }, year) : Promise.resolve(new Map<string, number>()),
    ])
    if (!county) throw new DomainError('ORG.UNKNOWN_NODE')
    const rules = effectiveRules(county.requirements)
    const period = rules.unitPeriod === 'year' ? year : quarter
    const progress = unitProgress(rules, rules.unitPeriod === 'year' ? held.year : held.quarter, memberIds, { activities, hours })
    return {
      unit: { id: unit._id, name: unit.name },
      county: countyRef(county),
      rules,
      period: toPeriodView(period),
      activities: progress.activities,
      memberPeriod: toPeriodView(year),
      members: progress.members,
    }
  },

})
