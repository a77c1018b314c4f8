import * as v from 'valibot'
import { action, area } from './contract'
import { RESIDENT_TAGS, type ResidentTag, type VisitRules } from '../grid/households'
import { NEED_KINDS, type NeedKind } from '../grid/visits'

export type { ResidentTag, VisitRules, NeedKind }

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_:-]{1,64}$/, '编号格式不正确'))
const tag = v.picklist(RESIDENT_TAGS, '未知的标签')

export const residentSchema = v.strictObject({
  id: v.optional(id),
  name: v.pipe(v.string('请填写姓名'), v.trim(), v.minLength(1, '请填写姓名'), v.maxLength(20, '姓名不能超过20个字')),
  tags: v.pipe(v.array(tag), v.maxLength(RESIDENT_TAGS.length)),
  phone: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(20, '手机号格式不正确')))),
  birthYear: v.optional(v.nullable(v.pipe(v.number('出生年份必须是数字'), v.integer('出生年份必须是整数'), v.minValue(1900, '出生年份不正确'), v.maxValue(2100, '出生年份不正确')))),
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, '备注不能超过100个字'))),
})

const photo = v.strictObject({ fileId: v.pipe(v.string(), v.maxLength(300)), mime: v.picklist(['image/jpeg', 'image/png'], '照片格式只能是 JPG 或 PNG'), bytes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5_000_000, '照片不能超过5MB')) })

export const visitSchema = v.strictObject({
  /** The device's key (`<device>-<counter>`): the record's id, so a retry stores nothing twice. */
  key: v.pipe(v.string('缺少离线编号'), v.maxLength(45)),
  householdId: v.optional(v.nullable(id)),
  visitedAt: v.pipe(v.string('请选择走访时间'), v.isoTimestamp('时间格式不正确')),
  seen: v.pipe(v.string('请填写走访情况'), v.maxLength(500, '走访情况不能超过500个字')),
  needs: v.pipe(v.array(v.strictObject({ kind: v.picklist(NEED_KINDS, '未知的需求类型'), text: v.pipe(v.string(), v.maxLength(200, '需求不能超过200个字')) })), v.maxLength(5, '一次最多记录5项需求')),
  photos: v.pipe(v.array(photo), v.maxLength(3, '最多3张照片')),
})

export type VisitInput = v.InferOutput<typeof visitSchema>

export interface ResidentView {
  id: string
  name: string
  tags: ResidentTag[]
  tagLabels: string[]
  /** Masked in lists (138****1001); whole in the household's own page for those who may call. */
  phone: string | null
  birthYear: number | null
  note: string
}

export interface HouseholdRow {
  id: string
  buildingId: string
  buildingName: string
  door: string
  residentCount: number
  /** 王** 等2人: names masked in lists. */
  headline: string
  tags: ResidentTag[]
  tagLabels: string[]
  lastVisitAt: string | null
  visitDueAt: string | null
  overdue: boolean
}

export interface VisitView {
  id: string
  householdId: string
  door: string
  buildingName: string
  visitedAt: string
  byName: string
  seen: string
  needs: { kind: NeedKind; kindLabel: string; text: string; followUp: { kind: 'wish' | 'order'; id: string } | null }[]
  photos: { fileId: string; mime: string; bytes: number }[]
}

export interface HouseholdDetail extends HouseholdRow {
  communityId: string
  residents: ResidentView[]
  visits: VisitView[]
  canEdit: boolean
  canVisit: boolean
}

export interface PlaceRef {
  id: string
  name: string
  kind: string
}

/** Rows per page of `list`. */
export const HOUSEHOLD_PAGE = 50

export interface HouseholdPage {
  place: PlaceRef
  items: HouseholdRow[]
  /** Households of the place (with the tag, if asked). */
  total: number
  /** Of those, how many are due a visit now. */
  overdueCount: number
  /** Where the next page starts, or null: this is the last. */
  nextOffset: number | null
}

export const householdsArea = area('households', {
  /**
   * One page (HOUSEHOLD_PAGE rows, by door; 只看逾期 longest overdue first) of the households of a
   * grid, building or community the caller covers, from `offset`; `overdue`: only those due a
   * visit; `tag`: only those with the tag. `total` and `overdueCount` count every household of the
   * place (with the tag, if asked), not the page; `nextOffset` is null on the last page.
   */
  list: action<{ placeId: string; overdue?: boolean; tag?: ResidentTag; offset?: number }, HouseholdPage>(
    v.strictObject({
      placeId: id,
      overdue: v.optional(v.boolean()),
      tag: v.optional(tag),
      offset: v.optional(v.pipe(v.number('页码必须是数字'), v.integer('页码必须是整数'), v.minValue(0, '页码不正确'), v.maxValue(100_000, '页码不正确'))),
    }),
  ),
  /** The places (grids, buildings) the caller may list, for the picker. */
  places: action<Record<string, never>, { places: (PlaceRef & { parentName: string | null })[] }>(v.strictObject({})),
  get: action<{ id: string }, HouseholdDetail>(v.strictObject({ id })),
  /** A new household of a building (grid worker of its grid, community admin). */
  create: action<{ buildingId: string; door: string; residents: v.InferOutput<typeof residentSchema>[] }, HouseholdDetail>(
    v.strictObject({ buildingId: id, door: v.pipe(v.string('请填写门牌号'), v.trim(), v.maxLength(20, '门牌号不能超过20个字')), residents: v.pipe(v.array(residentSchema), v.maxLength(20, '一户最多20人')) }),
  ),
  /** Replace the residents of a household. */
  update: action<{ id: string; residents: v.InferOutput<typeof residentSchema>[] }, HouseholdDetail>(v.strictObject({ id, residents: v.pipe(v.array(residentSchema), v.maxLength(20, '一户最多20人')) })),
  /** A visit from the device queue; the key makes a retry harmless. */
  recordVisit: action<VisitInput, { visit: VisitView; created: boolean }>(visitSchema),
  /** The grid worker's own visits, newest first. */
  myVisits: action<{ limit?: number }, { items: VisitView[] }>(v.strictObject({ limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))) })),
  /** Mark a need of a visit as followed up by a wish or an order. */
  linkNeed: action<{ visitId: string; index: number; kind: 'wish' | 'order'; targetId: string }, VisitView>(
    v.strictObject({ visitId: v.pipe(v.string(), v.maxLength(45)), index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(4)), kind: v.picklist(['wish', 'order']), targetId: id }),
  ),
  getVisitRules: action<{ communityId: string }, { rules: VisitRules; canEdit: boolean }>(v.strictObject({ communityId: id })),
  setVisitRules: action<{ communityId: string; rules: VisitRules }, { rules: VisitRules; canEdit: boolean }>(
    v.strictObject({ communityId: id, rules: v.record(tag, v.pipe(v.number('天数必须是数字'), v.integer('天数必须是整数'), v.minValue(1, '至少1天'), v.maxValue(365, '不超过365天'))) }),
  ),
})
