/**
 * Yearly requirements (年度要求): each county's rules, stored on the county's org node, and the
 * progress of a member or a unit against them, read from the yearly tallies every credit keeps
 * (server/kit tally.ts): a member's one document, a unit's one document and two counts from
 * indexes, whatever the unit's size. docs/requirements.md; docs/API.md lists the round trips.
 */
import { appendAudit, byId, callerCounties, callerWith, defineArea, findCaller, getDocs, joined, recountMet, tallyRuleOf, updateDocs, type ActionContext } from '../../../server/kit'
import { unitTallyId, type MemberTally, type UnitTally } from '../../../domain/activities/record'
import { requirementsArea, type CountyRef, type MyProgress, type RulesView } from '../../../domain/api/requirements'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import { authorize, can } from '../../../domain/permissions'
import { isLive, REGISTRATION_STATE_LABELS, type RegistrationRecord } from '../../../domain/registration'
import { effectiveRules, measure, memberProgress, periodOf, roundHours, sameRules, toPeriodView, type Period, type RequirementRules } from '../../../domain/requirements'
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

const NO_REGISTRATION = '您还没有双报到。报到并经单位和社区确认后，这里会显示本年度参加活动的次数和服务时长。'

async function findCounty(ctx: ActionContext, id: string): Promise<CountyNode | null> {
  const [node] = await getDocs<CountyNode>(ctx.db.collection('org_nodes').where({ _id: id, kind: 'county' }).limit(1))
  return node ?? null
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

/** A member's tally of the year, and a unit's: kept by every credit (server/kit tally.ts). */
function memberCounts(tallies: readonly MemberTally[], year: number): { activities: number; hours: number } {
  const t = tallies.find((x) => x.kind === 'member' && x.year === year)
  return { activities: t?.activities ?? 0, hours: roundHours((t?.tenths ?? 0) / 10) }
}

function unitHeld(tally: UnitTally | undefined, quarter: Period): { year: number; quarter: number } {
  if (!tally) return { year: 0, quarter: 0 }
  const q = tally[`q${quarter.quarter}` as 'q1' | 'q2' | 'q3' | 'q4'] ?? 0
  return { year: tally.q1 + tally.q2 + tally.q3 + tally.q4, quarter: q }
}

const countOf = (found: any[]) => (found[0] as { n?: number } | undefined)?.n ?? 0

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
    // Who meets the member rule is kept on each tally: recounted for this year under the new rule.
    await recountMet(ctx.db, countyId, periodOf('year', ctx.now).year, tallyRuleOf(rules))
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
   * The caller as a member, this year: their yearly tally (activities, hours), kept by every
   * credit. 2 round trips: the caller with their live registration and tallies; the county's
   * rules. 1 round trip for someone without a live registration: a plain answer, not an error.
   */
  async myProgress(_input, ctx): Promise<MyProgress> {
    const { caller, live, found } = await callerWith<'tallies', Caller, RegistrationRecord>(ctx, {
      tallies: { from: 'tallies', localField: '_id', foreignField: 'userId' },
    })
    if (!caller?.liveRegistrationId || !live || live.userId !== caller._id || !isLive(live.state)) return { hasRegistration: false, message: NO_REGISTRATION }
    const year = periodOf('year', ctx.now)
    const county = await findCounty(ctx, live.communityLineage[0])
    if (!county) throw new DomainError('ORG.UNKNOWN_NODE')
    const rules = effectiveRules(county.requirements)
    const progress = memberProgress(rules, memberCounts(found.tallies as MemberTally[], year.year))
    return {
      hasRegistration: true,
      registrationState: live.state,
      registrationStateLabel: REGISTRATION_STATE_LABELS[live.state],
      county: countyRef(county),
      rules,
      period: toPeriodView(year),
      ...progress,
    }
  },

  /**
   * The unit admin of that unit, or a county admin of its county. ONE round trip, whatever the
   * unit's size: the caller with the unit, its county's rules, the unit's tally of the year (its
   * co-building activities per quarter), and two counts from indexes: its registered members and
   * the member tallies of the year that meet the rule (`met`, kept by every credit and recounted
   * when the rules change).
   */
  async unitProgress({ unitId }, ctx) {
    const year = periodOf('year', ctx.now)
    const quarter = periodOf('quarter', ctx.now)
    const { caller, found } = await callerWith<'unit' | 'county' | 'tally' | 'registered' | 'met', Caller>(ctx, {
      unit: byId('units', unitId),
      county: { from: 'org_nodes', localField: joined('unit', 'countyId'), foreignField: '_id' },
      tally: byId('tallies', unitTallyId(year.year, unitId)),
      registered: { from: 'registrations', match: { unitId, state: 'registered' }, count: true },
      met: { from: 'tallies', match: { kind: 'member', unitId, year: year.year, met: true }, count: true },
    })
    const unit = (found.unit[0] as Unit | undefined) ?? null
    const grants = caller?.roles ?? []
    if (!unit) {
      if (!grants.some((g) => g.kind === 'county_admin' || g.kind === 'unit_admin')) throw new DomainError('AUTH.FORBIDDEN')
      throw new DomainError('ORG.UNKNOWN_UNIT')
    }
    authorize(grants, 'requirements.unitProgress', { kind: 'unit', unitId: unit._id, countyId: unit.countyId })
    const county = (found.county[0] as CountyNode | undefined) ?? null
    if (!county) throw new DomainError('ORG.UNKNOWN_NODE')
    const rules = effectiveRules(county.requirements)
    const held = unitHeld(found.tally[0] as UnitTally | undefined, quarter)
    const registered = countOf(found.registered)
    // Nothing asked of members: every registered member meets it, tally or not.
    const asksNothing = rules.memberActivitiesPerYear === 0 && rules.memberHoursPerYear === 0
    const met = asksNothing ? registered : Math.min(registered, countOf(found.met))
    return {
      unit: { id: unit._id, name: unit.name },
      county: countyRef(county),
      rules,
      period: toPeriodView(rules.unitPeriod === 'year' ? year : quarter),
      activities: measure(rules.unitPeriod === 'year' ? held.year : held.quarter, rules.unitActivities),
      memberPeriod: toPeriodView(year),
      members: { registered, met, notMet: registered - met },
    }
  },
})
