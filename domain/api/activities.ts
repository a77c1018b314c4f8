import * as v from 'valibot'
import { action, area } from './contract'
import { ACTIVITY_STATES, type ActivityState } from '../activities/lifecycle'
import type { ActivityButton } from '../activities/plan'
import type { OrganiserKind } from '../activities/record'
import type { ActivitySettings, StarLevel } from '../activities/hours'
import { CAPACITY_MAX, DESCRIPTION_MAX, SKILLS_MAX, TITLE_MAX } from '../activities/input'

export type { ActivityButton, ActivityState, ActivitySettings, OrganiserKind, StarLevel }

const id = v.pipe(v.string('缺少编号'), v.regex(/^[A-Za-z0-9_:-]{1,64}$/, '编号格式不正确'))
const isoTime = v.pipe(v.string('请选择时间'), v.isoTimestamp('时间格式不正确'))
/** Reasons are checked by the domain (ACTIVITY.REASON_REQUIRED / REASON_TOO_LONG) so the codes stay precise. */
const reason = v.optional(v.string('原因必须是文字'))
const year = v.pipe(v.number('年份必须是数字'), v.integer('年份必须是整数'), v.minValue(2020, '年份不正确'), v.maxValue(2100, '年份不正确'))
const code = v.pipe(v.string('请输入签到码'), v.regex(/^\d{6}$/, '签到码是6位数字'))

export const activityInputSchema = v.strictObject({
  organiser: v.strictObject({ kind: v.picklist(['unit', 'community', 'branch'], '组织者类型不正确'), id }),
  placeNodeId: id,
  title: v.pipe(v.string('请填写活动名称'), v.trim(), v.minLength(2, '活动名称至少2个字'), v.maxLength(TITLE_MAX, `活动名称不能超过${TITLE_MAX}个字`)),
  description: v.pipe(v.string('活动介绍必须是文字'), v.trim(), v.maxLength(DESCRIPTION_MAX, `活动介绍不能超过${DESCRIPTION_MAX}个字`)),
  themeId: v.optional(v.nullable(id)),
  address: v.pipe(v.string('请填写集合地点'), v.trim(), v.minLength(2, '请填写集合地点'), v.maxLength(60, '地点不能超过60个字')),
  startAt: isoTime,
  endAt: isoTime,
  capacity: v.pipe(v.number('名额必须是数字'), v.integer('名额必须是整数'), v.minValue(1, '名额至少1人'), v.maxValue(CAPACITY_MAX, `名额不能超过${CAPACITY_MAX}人`)),
  skills: v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1, '技能不能为空'), v.maxLength(10, '每项技能不超过10个字'))), v.maxLength(SKILLS_MAX, `技能最多${SKILLS_MAX}项`)),
  hours: v.pipe(v.number('服务时长必须是数字'), v.minValue(0.1, '服务时长需大于0'), v.maxValue(24, '服务时长不能超过24小时')),
  openToCitizens: v.boolean('请选择是否面向爱心市民'),
})

export type ActivityCreateInput = v.InferOutput<typeof activityInputSchema> & { publish?: boolean }

export const settingsSchema = v.strictObject({
  rounding: v.strictObject({
    zeroBelow: v.pipe(v.number('请填写分钟数'), v.integer('分钟数必须是整数'), v.minValue(0, '分钟数不能小于0'), v.maxValue(60, '分钟数不能超过60')),
    halfBelow: v.pipe(v.number('请填写分钟数'), v.integer('分钟数必须是整数'), v.minValue(0, '分钟数不能小于0'), v.maxValue(60, '分钟数不能超过60')),
  }),
  stars: v.pipe(v.array(v.pipe(v.number('星级时长必须是数字'), v.integer('星级时长必须是整数'), v.minValue(1, '星级时长至少1小时'), v.maxValue(100000, '星级时长太大了'))), v.length(5, '需要五个星级的时长')),
})

// ---- Views ------------------------------------------------------------------------------------

export interface PlaceOption {
  id: string
  name: string
}

/** One way the caller may organise: as a unit (places: its paired communities), a community or a branch (places: itself and below). */
export interface OrganiserOption {
  kind: OrganiserKind
  id: string
  name: string
  places: PlaceOption[]
}

export interface ThemeView {
  id: string
  year: number
  month: number
  title: string
  description: string
}

export interface ThemesView {
  county: { id: string; name: string }
  year: number
  /** Months with a theme, ascending. */
  months: ThemeView[]
  canEdit: boolean
}

/** One activity in a list. */
export interface ActivityRow {
  id: string
  state: ActivityState
  stateLabel: string
  title: string
  themeTitle: string | null
  organiserName: string
  placeName: string
  startAt: string
  endAt: string
  hours: number
  capacity: number
  seatCount: number
  waitCount: number
  /** The caller's place: a seat, the waiting list (with position), or none. */
  mine: 'seated' | 'waiting' | null
}

export interface TimelineItem {
  verb: string
  label: string
  byName: string
  at: string
  reason: string | null
}

export interface RosterPerson {
  userId: string
  name: string
}

export interface MyAttendance {
  checkInAt: string
  checkOutAt: string | null
}

export interface ActivityDetail extends ActivityRow {
  description: string
  address: string
  skills: string[]
  openToCitizens: boolean
  organiserKind: OrganiserKind
  reason: string | null
  /** 1-based place on the waiting list. */
  waitPosition: number | null
  myAttendance: MyAttendance | null
  can: ActivityButton[]
  isOrganiser: boolean
  /** Organisers only: who holds a seat and who waits, in order. */
  roster: { seated: RosterPerson[]; waiting: RosterPerson[] } | null
  booking: { people: number; hours: number; at: string } | null
  timeline: TimelineItem[]
  checkInOpensAt: string
}

export interface SignUpResult {
  outcome: 'seat' | 'waitlist'
  detail: ActivityDetail
}

export interface CheckInCode {
  /** The 6 digits shown under the code, for a person who types them. */
  code: string
  scene: string
  page: string
  imageBase64: string
  contentType: 'image/png'
  /** When to ask for the next one (the start of the next minute). */
  refreshAt: string
  checkedIn: number
}

export interface AttendanceResult {
  activityId: string
  title: string
  name: string
  /** What the scan did. */
  action: 'checkIn' | 'checkOut'
  /** True when the same scan had already been recorded (a replay). */
  already: boolean
  at: string
}

export interface HoursLineView {
  userId: string
  name: string
  checkInAt: string
  checkOutAt: string | null
  computed: number
  hours: number
  adjustment: { hours: number | null; declined: boolean; reason: string; byName: string; at: string } | null
}

export interface HoursListView {
  activityId: string
  title: string
  state: ActivityState
  stateLabel: string
  plannedHours: number
  rounding: { zeroBelow: number; halfBelow: number }
  lines: HoursLineView[]
  totalHours: number
  canEdit: boolean
  booking: { people: number; hours: number; at: string } | null
}

export interface MyHours {
  year: number
  yearHours: number
  yearActivities: number
  totalHours: number
  level: StarLevel
  thresholds: number[]
  /** Latest credited services, newest first. */
  recent: { kind: 'wish' | 'order' | 'activity'; kindLabel: string; hours: number; at: string }[]
}

export interface CertificateView {
  number: string
  maskedName: string
  totalHours: number
  yearHours: number
  year: number
  stars: number
  issuer: string
  issuedAt: string
}

export interface IssuedCertificate extends CertificateView {
  /** The verify page's mini-program code. */
  qr: { scene: string; page: string; imageBase64: string; contentType: 'image/png' }
}

export interface ActivitySettingsView {
  county: { id: string; name: string }
  settings: ActivitySettings
  isDefault: boolean
  canEdit: boolean
  version: number
}

export const ACTIVITY_LIST_VIEWS = ['community', 'mine', 'organising'] as const
export type ActivityListView = (typeof ACTIVITY_LIST_VIEWS)[number]

// ---- Actions ----------------------------------------------------------------------------------

export const activitiesArea = area('activities', {
  /** The county's theme menu for a year; `countyId` defaults to the caller's county. */
  themes: action<{ year: number; countyId?: string }, ThemesView>(v.strictObject({ year, countyId: v.optional(id) })),
  /** County admins: set (or replace) one month's theme. */
  setTheme: action<{ countyId: string; year: number; month: number; title: string; description: string }, ThemesView>(
    v.strictObject({
      countyId: id,
      year,
      month: v.pipe(v.number('月份必须是数字'), v.integer('月份必须是整数'), v.minValue(1, '月份为1到12'), v.maxValue(12, '月份为1到12')),
      title: v.pipe(v.string('请填写主题'), v.trim(), v.minLength(2, '主题至少2个字'), v.maxLength(30, '主题不能超过30个字')),
      description: v.pipe(v.string('说明必须是文字'), v.trim(), v.maxLength(200, '说明不能超过200个字')),
    }),
  ),
  /** The county's hours rounding rule and star thresholds. */
  getSettings: action<{ countyId?: string }, ActivitySettingsView>(v.strictObject({ countyId: v.optional(id) })),
  setSettings: action<{ countyId: string; version: number; settings: ActivitySettings }, ActivitySettingsView>(
    v.strictObject({ countyId: id, version: v.pipe(v.number(), v.integer(), v.minValue(0)), settings: settingsSchema }),
  ),
  /** Where the caller may organise activities, and at which places. */
  organiserOptions: action<Record<string, never>, OrganiserOption[]>(v.strictObject({})),
  create: action<ActivityCreateInput, ActivityDetail>(v.strictObject({ ...activityInputSchema.entries, publish: v.optional(v.boolean()) })),
  /** The organiser's state changes. Cancel needs a reason. */
  transition: action<{ id: string; verb: 'publish' | 'closeSignup' | 'hold' | 'cancel'; reason?: string }, ActivityDetail>(
    v.strictObject({ id, verb: v.picklist(['publish', 'closeSignup', 'hold', 'cancel'], '未知的操作'), reason }),
  ),
  list: action<{ view: ActivityListView; state?: ActivityState }, { items: ActivityRow[] }>(
    v.strictObject({ view: v.picklist(ACTIVITY_LIST_VIEWS, '未知的列表'), state: v.optional(v.picklist(ACTIVITY_STATES, '未知的状态')) }),
  ),
  get: action<{ id: string }, ActivityDetail>(v.strictObject({ id })),
  signUp: action<{ id: string }, SignUpResult>(v.strictObject({ id })),
  withdraw: action<{ id: string }, ActivityDetail>(v.strictObject({ id })),
  /** Organisers: the rotating check-in code of this minute. */
  checkInCode: action<{ id: string }, CheckInCode>(v.strictObject({ id })),
  /** A person checks in with the code they scanned or typed. */
  checkIn: action<{ id: string; code: string }, AttendanceResult>(v.strictObject({ id, code })),
  checkOut: action<{ id: string; code: string }, AttendanceResult>(v.strictObject({ id, code })),
  /** Organisers: scan a member's 报到证 QR: checks them in, or out when already in. */
  scanCard: action<{ id: string; payload: string }, AttendanceResult>(v.strictObject({ id, payload: v.pipe(v.string('请扫描报到证'), v.maxLength(80, '这不是报到证二维码')) })),
  hoursList: action<{ id: string }, HoursListView>(v.strictObject({ id })),
  /** Correct one person's hours (with `hours`) or decline them (without), always with a reason. */
  adjust: action<{ id: string; userId: string; hours?: number; reason: string }, HoursListView>(
    v.strictObject({ id, userId: id, hours: v.optional(v.number('时长必须是数字')), reason: v.string('请填写原因') }),
  ),
  /** Confirm the hours list: credited to service_hours exactly once. */
  book: action<{ id: string }, HoursListView>(v.strictObject({ id })),
  myHours: action<Record<string, never>, MyHours>(v.strictObject({})),
  issueCertificate: action<Record<string, never>, IssuedCertificate>(v.strictObject({})),
  /** Anyone: what a certificate's number stands for (masked name, hours, issuer). */
  verifyCertificate: action<{ number: string }, CertificateView>(v.strictObject({ number: v.pipe(v.string('请输入证明编号'), v.trim(), v.toUpperCase(), v.regex(/^LX\d{4}-[0-9A-F]{8}$/, '证明编号格式不正确')) })),
})
