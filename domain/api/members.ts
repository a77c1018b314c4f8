import * as v from 'valibot'
import { action, area } from './contract'
import type { RegistrationState } from '../registration'

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'))
const limit = v.optional(v.pipe(v.number('每页条数必须是数字'), v.integer('每页条数必须是整数'), v.minValue(1, '每页至少1条'), v.maxValue(200, '每页最多200条')))
const offset = v.optional(v.pipe(v.number('起始位置必须是数字'), v.integer('起始位置必须是整数'), v.minValue(0, '起始位置不能小于0')))

/** One member (a registration) in an admin's work list. */
export interface MemberRow {
  id: string
  /**
   * The member's account (a user id, what orders.passToMember names): set for registered members
   * only; null while pending, and for an imported registration nobody has claimed yet. The
   * function always answers it; optional only so rows built elsewhere (fixtures) still type.
   */
  userId?: string | null
  name: string
  /** Full number only where the caller may call the person (member.viewPhone), else masked. */
  phone: string
  state: RegistrationState
  stateLabel: string
  /** 已报到: the registration is confirmed by both sides. */
  reported: boolean
  unitName: string
  communityName: string
  compoundId: string | null
  compoundName: string | null
  buildingId: string | null
  buildingName: string | null
  skills: string[]
  createdAt: string
}

export interface BuildingCount {
  compoundId: string | null
  compoundName: string | null
  buildingId: string | null
  buildingName: string | null
  count: number
}

export interface CommunityMembers {
  community: { id: string; name: string }
  /** Sorted by compound, building, then name; `total` counts every row of the filter, `items` is the page. */
  items: MemberRow[]
  total: number
  /** Per building (rows without a building last), over the whole filter. */
  buildings: BuildingCount[]
}

/** 支部党员: the registered members living in one compound (小区), for its branch. */
export interface CompoundMembers extends CommunityMembers {
  compound: { id: string; name: string }
}

export interface UnitMembers {
  unit: { id: string; name: string }
  items: MemberRow[]
  counts: { total: number; registered: number; pending: number }
}

export interface PairedUnit {
  id: string
  name: string
  kind: string
  /** Registered members of this unit at the community. */
  registered: number
}

export const memberStateFilter = v.picklist(['registered', 'pending', 'all'], '未知的状态筛选')
export type MemberStateFilter = v.InferOutput<typeof memberStateFilter>

export const searchQuery = v.pipe(v.string('请输入姓名或手机号'), v.trim(), v.minLength(1, '请输入姓名或手机号'), v.maxLength(20, '搜索内容不能超过20个字'))

export const membersArea = area('members', {
  communityMembers: action<
    { communityId: string; compoundId?: string; buildingId?: string; state?: MemberStateFilter; limit?: number; offset?: number },
    CommunityMembers
  >(
    v.strictObject({
      communityId: id,
      compoundId: v.optional(id),
      buildingId: v.optional(id),
      state: v.optional(memberStateFilter),
      limit,
      offset,
    }),
  ),
  /** The registered members of one compound: its branch (支部党员), and whoever lists its community. */
  compoundMembers: action<{ compoundId: string; limit?: number; offset?: number }, CompoundMembers>(v.strictObject({ compoundId: id, limit, offset })),
  unitMembers: action<{ unitId: string; limit?: number; offset?: number }, UnitMembers>(v.strictObject({ unitId: id, limit, offset })),
  pairedUnits: action<{ communityId: string }, { community: { id: string; name: string }; units: PairedUnit[] }>(v.strictObject({ communityId: id })),
  search: action<{ scope: 'community' | 'unit'; scopeId: string; q: string }, { items: MemberRow[] }>(
    v.strictObject({ scope: v.picklist(['community', 'unit'], '未知的范围'), scopeId: id, q: searchQuery }),
  ),
})
