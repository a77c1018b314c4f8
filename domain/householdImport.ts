/**
 * Households from an .xlsx workbook (住户 sheet), all or nothing like the member import
 * (domain/imports.ts, docs/import.md): every row is checked against the buildings the importer
 * maintains, the doors already registered and the other rows; either every bad row is answered
 * (sheet, Excel row, column, Chinese reason) or the households to write. The rows of one door
 * (same building, same 门牌号) are one household's residents. Pure: the cloud function reads the
 * file and what the rows name.
 */
import { can } from './permissions'
import type { RoleGrant } from './roles'
import type { OrgNode } from './org'
import { DEFAULT_VISIT_RULES, DOOR_PATTERN, RESIDENT_TAG_LABELS, RESIDENT_TAGS, tagFromLabel, tagsOf, visitDue, type HouseholdRecord, type Resident, type ResidentTag, type VisitRules } from './grid/households'
import { privateKindsIn } from './privacy'
import { cleanCell, normalizePhone, readRows, splitList, type ColumnDef, type ImportRowError, type SheetRow } from './imports'

export const HOUSEHOLD_SHEET = '住户' as const
export const HOUSEHOLD_TEMPLATE_FILE_NAME = '连心住户导入模板.xlsx'
/** Residents of one household (the households function's own limit). */
export const RESIDENTS_MAX = 20

export const HOUSEHOLD_COLUMNS: readonly ColumnDef[] = [
  { key: 'building', header: '楼栋', required: true, note: '必填。您负责范围内已有的楼栋名称；重名时写成“小区/楼栋”，也可填楼栋编号', width: 22 },
  { key: 'door', header: '门牌号', required: true, note: '必填。如 1单元102；一户有几位居民就写几行，门牌号相同', width: 14 },
  { key: 'name', header: '姓名', required: true, note: '必填。1至20个字', width: 12 },
  { key: 'phone', header: '电话', required: false, note: '选填。11位手机号', width: 16 },
  { key: 'tags', header: '标签', required: false, note: `选填。${RESIDENT_TAGS.map((t) => RESIDENT_TAG_LABELS[t]).join('、')}，多个用“、”分隔`, width: 22 },
  { key: 'birthYear', header: '出生年份', required: false, note: '选填。如 1946', width: 12 },
  { key: 'note', header: '备注', required: false, note: '选填。不超过100个字，不要写电话', width: 26 },
]

export interface HouseholdImportSummary {
  households: number
  residents: number
}

/** What exists and bears on the rows: the places the importer maintains, the doors already there. */
export interface HouseholdImportContext {
  grants: readonly RoleGrant[]
  /** Communities, compounds, grids and buildings under the importer's scopes (with `visitRules` on communities). */
  nodes: (OrgNode & { visitRules?: VisitRules; visitRulesVersion?: number })[]
  /** `${buildingId}/${door}` of the households already registered. */
  existingDoors: ReadonlySet<string>
  now: Date
  by: string
}

export type PlannedHousehold = HouseholdRecord & { row: number }

export type HouseholdPlanResult =
  | { ok: true; households: PlannedHousehold[]; summary: HouseholdImportSummary }
  | { ok: false; errors: ImportRowError[]; summary: HouseholdImportSummary }

const NOTE_MAX = 100

/** The sheet's cells into rows by column key; a notes row and blank rows skipped; missing required columns are row-1 errors. */
export const readHouseholdSheet = (grid: string[][], errors: ImportRowError[]): SheetRow[] => readRows(HOUSEHOLD_SHEET, HOUSEHOLD_COLUMNS, grid, errors)

/**
 * Validates every row (never stopping at the first) and groups the good ones by door. Ids are made
 * here (`newId`), dates from `ctx.now`, the due date from each community's rules as they are.
 */
export function planHouseholds(rows: readonly SheetRow[], ctx: HouseholdImportContext, newId: () => string, headerErrors: readonly ImportRowError[] = []): HouseholdPlanResult {
  const errors: ImportRowError[] = [...headerErrors]
  const err = (row: number, column: string | undefined, message: string) => errors.push({ sheet: HOUSEHOLD_SHEET, row, ...(column ? { column } : {}), message })
  const col = (key: string) => HOUSEHOLD_COLUMNS.find((c) => c.key === key)!.header

  const byId = new Map(ctx.nodes.map((n) => [n._id, n]))
  const buildings = ctx.nodes.filter((n) => n.kind === 'building')
  const buildingsByName = new Map<string, typeof buildings>()
  for (const b of buildings) buildingsByName.set(b.name, [...(buildingsByName.get(b.name) ?? []), b])

  /** A building by id, by name, or by a path of names ending with it (小区/楼栋, 网格/楼栋, 社区/小区/楼栋). */
  const findBuilding = (text: string): OrgNode | string => {
    const exact = byId.get(text)
    if (exact?.kind === 'building') return exact
    const parts = text.split(/[/／]/).map(cleanCell).filter(Boolean)
    const name = parts.pop() ?? ''
    const candidates = (buildingsByName.get(name) ?? []).filter((b) => parts.every((p) => b.path.some((id) => byId.get(id)?.name === p)))
    if (candidates.length === 1) return candidates[0]
    if (candidates.length === 0) return `您负责的范围内没有「${text}」这个楼栋（楼栋在组织架构中建立）`
    const compound = (b: OrgNode) => b.path.map((id) => byId.get(id)).find((n) => n?.kind === 'compound')?.name ?? '某小区'
    return `有${candidates.length}个「${name}」，请写成“小区/楼栋”，如“${compound(candidates[0])}/${name}”`
  }

  interface Door {
    row: number
    building: OrgNode
    door: string
    residents: Resident[]
  }
  const doors = new Map<string, Door>()
  for (const r of rows) {
    let bad = false
    for (const c of HOUSEHOLD_COLUMNS) {
      if (c.required && !r.cells[c.key]) {
        err(r.row, c.header, `「${c.header}」不能为空`)
        bad = true
      }
    }
    let building: OrgNode | null = null
    if (r.cells.building) {
      const found = findBuilding(r.cells.building)
      if (typeof found === 'string') {
        err(r.row, col('building'), found)
        bad = true
      } else if (!can(ctx.grants, 'household.maintain', { kind: 'org', lineage: [...found.path, found._id] })) {
        err(r.row, undefined, '超出您的管理范围，不能导入这一行')
        bad = true
      } else building = found
    }
    const door = r.cells.door
    if (door && !DOOR_PATTERN.test(door)) {
      err(r.row, col('door'), `门牌号「${door}」格式不对，例如：1单元102（不要有空格）`)
      bad = true
    }
    const name = r.cells.name
    if (name && name.length > 20) {
      err(r.row, col('name'), '姓名不能超过20个字')
      bad = true
    }
    const phone = r.cells.phone ? normalizePhone(r.cells.phone) : ''
    if (phone && !/^1\d{10}$/.test(phone)) {
      err(r.row, col('phone'), `电话「${r.cells.phone}」格式不对，应为11位手机号`)
      bad = true
    }
    const tags: ResidentTag[] = []
    for (const label of splitList(r.cells.tags ?? '')) {
      const tag = tagFromLabel(label)
      if (tag) tags.push(tag)
      else {
        err(r.row, col('tags'), `没有「${label}」这个标签，只能是${RESIDENT_TAGS.map((t) => RESIDENT_TAG_LABELS[t]).join('、')}`)
        bad = true
      }
    }
    const yearText = r.cells.birthYear ?? ''
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN
    if (yearText && !(year >= 1900 && year <= ctx.now.getUTCFullYear())) {
      err(r.row, col('birthYear'), `出生年份「${yearText}」不对，例如：1946`)
      bad = true
    }
    const note = r.cells.note ?? ''
    if (note.length > NOTE_MAX) {
      err(r.row, col('note'), `备注不能超过${NOTE_MAX}个字`)
      bad = true
    } else if (note && privateKindsIn(note).includes('phone')) {
      err(r.row, col('note'), '备注里不要写电话号码，请填在电话一栏')
      bad = true
    }
    if (bad || !building) continue
    const key = `${building._id}/${door}`
    if (ctx.existingDoors.has(key)) {
      err(r.row, col('door'), `「${building.name}」已经有${door}的住户了，不能重复导入（要改请在住户页面修改）`)
      continue
    }
    const household = doors.get(key) ?? { row: r.row, building, door, residents: [] }
    if (household.residents.length >= RESIDENTS_MAX) {
      err(r.row, undefined, `${building.name}${door}超过${RESIDENTS_MAX}位居民`)
      continue
    }
    household.residents.push({ id: `r${household.residents.length + 1}`, name, tags: RESIDENT_TAGS.filter((t) => tags.includes(t)), phone: phone || null, birthYear: yearText ? year : null, note })
    doors.set(key, household)
  }

  const households: PlannedHousehold[] = []
  for (const d of doors.values()) {
    const lineage = [...d.building.path, d.building._id]
    const community = lineage.map((id) => byId.get(id)).find((n) => n?.kind === 'community') as HouseholdImportContext['nodes'][number] | undefined
    const grid = lineage.map((id) => byId.get(id)).find((n) => n?.kind === 'grid')
    if (!community || !grid) {
      err(d.row, col('building'), `「${d.building.name}」还没有划入网格，请先在组织架构中调整`)
      continue
    }
    const tags = tagsOf(d.residents)
    const rules = community.visitRules ?? DEFAULT_VISIT_RULES
    households.push({
      _id: newId(),
      communityId: community._id,
      gridId: grid._id,
      buildingId: d.building._id,
      buildingName: d.building.name,
      lineage,
      door: d.door,
      residents: d.residents,
      tags,
      lastVisitAt: null,
      visitDueAt: visitDue({ tags, lastVisitAt: null, createdAt: ctx.now }, rules),
      visitRulesVersion: community.visitRulesVersion ?? 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      createdBy: ctx.by,
      row: d.row,
    })
  }
  const summary = { households: households.length, residents: households.reduce((n, h) => n + h.residents.length, 0) }
  if (errors.length === 0 && rows.length === 0) err(1, undefined, '表格里没有可导入的住户')
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row), summary }
  return { ok: true, households, summary }
}
