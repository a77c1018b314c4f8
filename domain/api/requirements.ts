import * as v from 'valibot'
import { action, area } from './contract'
import type { RegistrationState } from '../registration'
import { PERIOD_KINDS, PERIOD_MESSAGE, RULE_BOUNDS, ruleMessages, type CountField, type Measure, type PeriodView, type RequirementRules } from '../requirements'

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'))

/** One count of the rules: a whole number within RULE_BOUNDS, with the same Chinese messages as checkRules. */
const count = (field: CountField) => {
  const m = ruleMessages(field)
  const b = RULE_BOUNDS[field]
  return v.pipe(v.number(m.type), v.integer(m.integer), v.minValue(b.min, m.min), v.maxValue(b.max, m.max))
}

export const rulesSchema = v.strictObject({
  memberActivitiesPerYear: count('memberActivitiesPerYear'),
  memberHoursPerYear: count('memberHoursPerYear'),
  unitActivities: count('unitActivities'),
  unitPeriod: v.picklist(PERIOD_KINDS, PERIOD_MESSAGE),
})

export interface CountyRef {
  id: string
  name: string
}

/** A county's rules as anyone in the county reads them. */
export interface RulesView {
  county: CountyRef
  rules: RequirementRules
  /** True while the county has never set its own (DEFAULT_RULES apply). */
  isDefault: boolean
  /** Whether the caller may change them (a county admin of this county). */
  canEdit: boolean
  updatedAt: string | null
  updatedByName: string | null
}

/** The caller as a member: this year's activities and hours against the county's rules. */
export type MyProgress =
  | {
      /** No live registration: nothing to measure, and the page says so. */
      hasRegistration: false
      message: string
    }
  | {
      hasRegistration: true
      registrationState: RegistrationState
      registrationStateLabel: string
      county: CountyRef
      rules: RequirementRules
      period: PeriodView
      activities: Measure
      hours: Measure
      met: boolean
    }

export interface UnitProgress {
  unit: CountyRef
  county: CountyRef
  rules: RequirementRules
  /** The unit rule's period (quarter or year) containing today. */
  period: PeriodView
  /** Co-building activities the unit held in `period`. */
  activities: Measure
  /** The member rule's period (this year). */
  memberPeriod: PeriodView
  /** Registered members of the unit, and how many meet the member rule this year. */
  members: { registered: number; met: number; notMet: number }
}

export const requirementsArea = area('requirements', {
  getRules: action<{ countyId?: string }, RulesView>(v.strictObject({ countyId: v.optional(id) })),
  setRules: action<{ countyId: string; rules: RequirementRules }, RulesView & { changed: boolean }>(v.strictObject({ countyId: id, rules: rulesSchema })),
  myProgress: action<Record<string, never>, MyProgress>(v.strictObject({})),
  unitProgress: action<{ unitId: string }, UnitProgress>(v.strictObject({ unitId: id })),
})
