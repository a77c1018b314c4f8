/**
 * Bulk import from an .xlsx workbook (社区 / 单位 / 党员 sheets): the columns of each sheet and the
 * validation of every row against what exists and against the other rows of the same workbook.
 * Pure: the cloud function (cloudfunctions/imports) parses the file into plain string cells,
 * reads what the rows name, and hands both to `planImport`, which answers either every bad row
 * (sheet, row number, column, Chinese reason) or the documents to write. docs/import.md.
 */
import type { OrgNode, UnitKind } from './org'
import { UNIT_KINDS } from './org'
import { SKILL_TAGS } from './registration'
import { can, type Target } from './permissions'
import type { RoleGrant } from './roles'

export const SHEETS = { communities: '社区', units: '单位', members: '党员' } as const
export type SheetKey = keyof typeof SHEETS
export type SheetName = (typeof SHEETS)[SheetKey]

export interface ColumnDef {
  key: string
  header: string
  required: boolean
  /** What the template's notes row (row 2) says about the column. */
  note: string
  width: number
}

/** Separators accepted inside one cell for lists (compounds, paired communities, skills). */
const LIST_SPLIT = /[、,，;；\n]+/

export const COLUMNS: Record<SheetKey, readonly ColumnDef[]> = {
  communities: [
    { key: 'street', header: '街道（镇）', required: true, note: '必填。本县已有的街道（镇）名称', width: 18 },
    { key: 'community', header: '社区（村）名称', required: true, note: '必填。新建的社区（村）名称，同一街道下不能重名', width: 20 },
    { key: 'compounds', header: '小区', required: false, note: '选填。该社区下的小区，多个用顿号“、”分隔', width: 30 },
  ],
  units: [
    { key: 'name', header: '单位名称', required: true, note: '必填。新建的单位名称，本县内不能重名', width: 22 },
    { key: 'kind', header: '单位类型', required: true, note: `必填。${UNIT_KINDS.join('、')} 之一`, width: 14 },
    { key: 'paired', header: '结对社区', required: false, note: '选填。结对共建的社区名称，多个用“、”分隔；同名社区写成“街道/社区”', width: 30 },
  ],
  members: [
    { key: 'name', header: '姓名', required: true, note: '必填。2至20个字', width: 12 },
    { key: 'phone', header: '手机号', required: true, note: '必填。11位手机号，不能重复', width: 16 },
    { key: 'unit', header: '工作单位', required: true, note: '必填。本县已有的单位，或本表“单位”页中的单位', width: 20 },
    { key: 'community', header: '居住社区', required: true, note: '必填。本县已有的社区，或本表“社区”页中的社区；同名社区写成“街道/社区”', width: 20 },
    { key: 'compound', header: '小区', required: false, note: '选填。居住社区下的小区；填写楼栋时必填', width: 16 },
    { key: 'building', header: '楼栋', required: false, note: '选填。该小区下已有的楼栋', width: 14 },
    { key: 'skills', header: '特长', required: false, note: `选填。多个用“、”分隔，如：${SKILL_TAGS.slice(0, 3).join('、')}；其他内容记为特长说明`, width: 30 },
  ],
}

/** The template's second row starts with this; the parser skips such a row. */
export const NOTES_MARK = '填写说明：'
export const TEMPLATE_FILE_NAME = '连心批量导入模板.xlsx'

/**
 * The file travels as base64 inside the cloud function call. WeChat advises wx.cloud.CDN for
 * fields over 100 KB and the local server refuses bodies over 2 MB; 1 MB of xlsx (about 1.37 MB
 * of base64) holds far more than 5,000 members (docs/import.md).
 */
export const MAX_FILE_BYTES = 1024 * 1024
export const MAX_BASE64_CHARS = Math.ceil(MAX_FILE_BYTES / 3) * 4
/** Rows per sheet; one call must finish well inside the function's time limit. */
export const MAX_ROWS_PER_SHEET = 5000

/** One data row of a sheet as the parser read it: the Excel row number and the cell texts by column key. */
export interface SheetRow {
  row: number
  cells: Record<string, string>
}

export interface ParsedWorkbook {
  communities: SheetRow[]
  units: SheetRow[]
  members: SheetRow[]
  /** Problems with the sheets themselves (missing header), reported like row errors on row 1. */
  headerErrors: ImportRowError[]
}

/** The sheets of both workbooks: the county's (社区 / 单位 / 党员) and the community's households (住户, domain/householdImport.ts). */
export type ImportSheetName = SheetName | '住户'

export interface ImportRowError {
  sheet: ImportSheetName
  /** The Excel row number, as the person sees it (the header is row 1). */
  row: number
  /** The column header, when the problem is one cell. */
  column?: string
  message: string
}

/** What exists in the importer's county and bears on the rows. */
export interface ImportContext {
  county: { _id: string; name: string }
  grants: readonly RoleGrant[]
  /** Streets and communities of the county; compounds, grids and buildings of the communities the members name. */
  nodes: OrgNode[]
  units: { _id: string; name: string; kind: string }[]
  /** Phones that already have a live registration. */
  livePhones: ReadonlySet<string>
}

export interface ImportSummary {
  communities: number
  compounds: number
  units: number
  members: number
}

export interface PlannedNode extends OrgNode {
  row: number
}

export interface PlannedUnit {
  _id: string
  name: string
  kind: UnitKind
  countyId: string
  pairedCommunityIds: string[]
  row: number
}

export interface PlannedMember {
  row: number
  name: string
  phone: string
  unitId: string
  unitName: string
  communityId: string
  communityName: string
  communityLineage: string[]
  buildingId?: string
  buildingName?: string
  skills: string[]
  skillNote?: string
}

export interface ImportPlan {
  nodes: PlannedNode[]
  units: PlannedUnit[]
  members: PlannedMember[]
  summary: ImportSummary
}

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; errors: ImportRowError[]; summary: ImportSummary }

export const PHONE_PATTERN = /^1[3-9]\d{9}$/
const NAME_MAX = 30

/** The permission every row is checked against, with the row's own target. */
export const IMPORT_PERMISSION = 'org.import' as const

/** Cell text as people type it: full-width spaces and stray blanks do not count. */
export function cleanCell(s: string): string {
  return s.replace(/\u3000/g, ' ').replace(/\s+/g, ' ').trim()
}

export function splitList(s: string): string[] {
  const seen = new Set<string>()
  for (const part of s.split(LIST_SPLIT).map(cleanCell)) if (part) seen.add(part)
  return [...seen]
}

/** Phones typed into Excel often come back as numbers or with separators; keep digits only when it is clearly a phone. */
export function normalizePhone(s: string): string {
  const t = cleanCell(s).replace(/[\s-]/g, '')
  return t.startsWith('+86') ? t.slice(3) : t
}

/**
 * Ids for new documents are made here, not by the database, so a member row can point at a
 * community created by the same import before anything is written.
 */
export type IdMaker = (kind: 'node' | 'unit' | 'reg') => string

/** Validates every row and, when none is bad, answers what to write. Never stops at the first error. */
export function planImport(book: ParsedWorkbook, ctx: ImportContext, newId: IdMaker): PlanResult {
  const errors: ImportRowError[] = [...book.headerErrors]
  const summary: ImportSummary = { communities: 0, compounds: 0, units: 0, members: 0 }
  const countyId = ctx.county._id
  const err = (sheet: SheetKey, row: number, column: string | undefined, message: string) =>
    errors.push({ sheet: SHEETS[sheet], row, ...(column ? { column } : {}), message })
  const header = (sheet: SheetKey, key: string) => COLUMNS[sheet].find((c) => c.key === key)!.header
  const required = (sheet: SheetKey, r: SheetRow): boolean => {
    let ok = true
    for (const c of COLUMNS[sheet]) {
      if (c.required && !r.cells[c.key]) {
        err(sheet, r.row, c.header, `「${c.header}」不能为空`)
        ok = false
      }
    }
    return ok
  }
  const tooLong = (sheet: SheetKey, r: SheetRow, key: string, value: string): boolean => {
    if (value.length <= NAME_MAX) return false
    err(sheet, r.row, header(sheet, key), `「${header(sheet, key)}」不能超过${NAME_MAX}个字`)
    return true
  }
  const inScope = (sheet: SheetKey, r: SheetRow, target: Target): boolean => {
    if (can(ctx.grants, IMPORT_PERMISSION, target)) return true
    err(sheet, r.row, undefined, '超出您的管理范围，不能导入这一行')
    return false
  }

  const byId = new Map(ctx.nodes.map((n) => [n._id, n]))
  const streets = ctx.nodes.filter((n) => n.kind === 'street' && n.path[0] === countyId)
  const streetByName = new Map(streets.map((s) => [s.name, s]))
  // Communities by name, existing and new: a name can be shared by two streets, so keep lists.
  const communitiesByName = new Map<string, OrgNode[]>()
  const addCommunity = (n: OrgNode) => communitiesByName.set(n.name, [...(communitiesByName.get(n.name) ?? []), n])
  for (const n of ctx.nodes) if (n.kind === 'community' && n.path[0] === countyId) addCommunity(n)

  const nodes: PlannedNode[] = []
  const units: PlannedUnit[] = []
  const members: PlannedMember[] = []

  // 社区: street + community (+ compounds).
  const seenCommunity = new Map<string, number>()
  for (const r of book.communities) {
    if (!required('communities', r)) continue
    const streetName = r.cells.street
    const name = r.cells.community
    if (tooLong('communities', r, 'community', name)) continue
    const street = streetByName.get(streetName)
    if (!street) {
      err('communities', r.row, header('communities', 'street'), `本县没有「${streetName}」这个街道（镇），请先在组织架构中建立`)
      continue
    }
    if (!inScope('communities', r, { kind: 'org', lineage: [...street.path, street._id] })) continue
    const key = `${street._id}/${name}`
    const earlier = seenCommunity.get(key)
    if (earlier !== undefined) {
      err('communities', r.row, header('communities', 'community'), `与第${earlier}行重复：${streetName}已有「${name}」`)
      continue
    }
    seenCommunity.set(key, r.row)
    if ((communitiesByName.get(name) ?? []).some((c) => c.parentId === street._id)) {
      err('communities', r.row, header('communities', 'community'), `「${streetName}」下已有「${name}」，不能重复建立`)
      continue
    }
    const compounds = splitList(r.cells.compounds ?? '')
    const longCompound = compounds.find((c) => c.length > NAME_MAX)
    if (longCompound) {
      err('communities', r.row, header('communities', 'compounds'), `小区名称不能超过${NAME_MAX}个字：「${longCompound.slice(0, 10)}…」`)
      continue
    }
    const community: PlannedNode = { _id: newId('node'), kind: 'community', name, parentId: street._id, path: [...street.path, street._id], row: r.row }
    nodes.push(community)
    addCommunity(community)
    byId.set(community._id, community)
    summary.communities++
    for (const c of compounds) {
      const compound: PlannedNode = { _id: newId('node'), kind: 'compound', name: c, parentId: community._id, path: [...community.path, community._id], row: r.row }
      nodes.push(compound)
      byId.set(compound._id, compound)
      summary.compounds++
    }
  }

  /** A community by "名称" or "街道/名称"; a Chinese reason when it does not name exactly one. */
  const findCommunity = (text: string): OrgNode | string => {
    const slash = text.split(/[/／]/).map(cleanCell)
    const [streetName, name] = slash.length === 2 ? slash : [null, text]
    const candidates = (communitiesByName.get(name) ?? []).filter((c) => !streetName || byId.get(c.parentId ?? '')?.name === streetName)
    if (candidates.length === 1) return candidates[0]
    if (candidates.length === 0) return `本县没有「${text}」这个社区`
    return `本县有${candidates.length}个「${name}」，请写成“街道/社区”，如“${byId.get(candidates[0].parentId ?? '')?.name ?? '某街道'}/${name}”`
  }

  // 单位: name + kind + paired communities.
  const unitByName = new Map<string, { _id: string; name: string }>(ctx.units.map((u) => [u.name, u]))
  const existingUnitNames = new Set(ctx.units.map((u) => u.name))
  const seenUnit = new Map<string, number>()
  for (const r of book.units) {
    if (!required('units', r)) continue
    const name = r.cells.name
    if (tooLong('units', r, 'name', name)) continue
    let bad = false
    const kind = r.cells.kind as UnitKind
    if (!(UNIT_KINDS as readonly string[]).includes(kind)) {
      err('units', r.row, header('units', 'kind'), `单位类型「${kind}」不对，只能是${UNIT_KINDS.join('、')}之一`)
      bad = true
    }
    if (!inScope('units', r, { kind: 'unit', unitId: '', countyId })) continue
    const earlier = seenUnit.get(name)
    if (earlier !== undefined) {
      err('units', r.row, header('units', 'name'), `与第${earlier}行重复：「${name}」`)
      continue
    }
    seenUnit.set(name, r.row)
    if (existingUnitNames.has(name)) {
      err('units', r.row, header('units', 'name'), `本县已有「${name}」，不能重复建立`)
      continue
    }
    const paired: string[] = []
    for (const text of splitList(r.cells.paired ?? '')) {
      const found = findCommunity(text)
      if (typeof found === 'string') {
        err('units', r.row, header('units', 'paired'), found)
        bad = true
      } else if (!paired.includes(found._id)) paired.push(found._id)
    }
    if (bad) continue
    const unit: PlannedUnit = { _id: newId('unit'), name, kind, countyId, pairedCommunityIds: paired, row: r.row }
    units.push(unit)
    unitByName.set(name, unit)
    summary.units++
  }

  // 党员: name, phone, unit, community, compound, building, skills.
  // Places by parent and name, existing and new (a grid sits between a compound and its buildings).
  const compoundsOf = new Map<string, OrgNode>()
  const buildingsOf = new Map<string, OrgNode>()
  for (const n of [...ctx.nodes, ...nodes]) {
    if (n.kind === 'compound' && n.parentId) compoundsOf.set(`${n.parentId}/${n.name}`, n)
    if (n.kind === 'building') for (const id of n.path) if (byId.get(id)?.kind === 'compound') buildingsOf.set(`${id}/${n.name}`, n)
  }
  const seenPhone = new Map<string, number>()
  const skillTags = new Set<string>(SKILL_TAGS)
  for (const r of book.members) {
    if (!required('members', r)) continue
    let bad = false
    const name = r.cells.name
    if (name.length < 2 || name.length > 20) {
      err('members', r.row, header('members', 'name'), '姓名应为2至20个字')
      bad = true
    }
    const phone = normalizePhone(r.cells.phone)
    if (!PHONE_PATTERN.test(phone)) {
      err('members', r.row, header('members', 'phone'), `手机号「${r.cells.phone}」格式不对，应为11位手机号`)
      bad = true
    } else {
      const earlier = seenPhone.get(phone)
      if (earlier !== undefined) {
        err('members', r.row, header('members', 'phone'), `手机号与第${earlier}行重复`)
        bad = true
      } else seenPhone.set(phone, r.row)
      if (ctx.livePhones.has(phone)) {
        err('members', r.row, header('members', 'phone'), `手机号${phone}已有一份有效的报到，不能重复导入`)
        bad = true
      }
    }
    const unit = unitByName.get(r.cells.unit)
    if (!unit) {
      err('members', r.row, header('members', 'unit'), `本县没有「${r.cells.unit}」这个单位`)
      bad = true
    }
    const found = findCommunity(r.cells.community)
    const community = typeof found === 'string' ? null : found
    if (!community) {
      err('members', r.row, header('members', 'community'), found as string)
      bad = true
    }
    let building: OrgNode | undefined
    const compoundName = r.cells.compound ?? ''
    const buildingName = r.cells.building ?? ''
    if (community && (compoundName || buildingName)) {
      const compound = compoundName ? compoundsOf.get(`${community._id}/${compoundName}`) : undefined
      if (!compoundName) {
        err('members', r.row, header('members', 'compound'), '填写楼栋时请同时填写小区')
        bad = true
      } else if (!compound) {
        err('members', r.row, header('members', 'compound'), `「${community.name}」下没有「${compoundName}」这个小区`)
        bad = true
      } else if (buildingName) {
        building = buildingsOf.get(`${compound._id}/${buildingName}`)
        if (!building) {
          err('members', r.row, header('members', 'building'), `「${compoundName}」下没有「${buildingName}」这个楼栋`)
          bad = true
        }
      }
    }
    if (community && !inScope('members', r, { kind: 'org', lineage: [...community.path, community._id] })) bad = true
    if (bad || !unit || !community) continue
    const listed = splitList(r.cells.skills ?? '')
    const skills = listed.filter((s) => skillTags.has(s))
    const other = listed.filter((s) => !skillTags.has(s)).join('、').slice(0, 200)
    members.push({
      row: r.row,
      name,
      phone,
      unitId: unit._id,
      unitName: unit.name,
      communityId: community._id,
      communityName: community.name,
      communityLineage: [...community.path, community._id],
      ...(building ? { buildingId: building._id, buildingName: building.name } : {}),
      skills,
      ...(other ? { skillNote: other } : {}),
    })
    summary.members++
  }

  const total = book.communities.length + book.units.length + book.members.length
  if (errors.length === 0 && total === 0) err('members', 1, undefined, '表格里没有可导入的数据')
  if (errors.length) {
    const order: Record<string, number> = { 社区: 0, 单位: 1, 党员: 2 }
    errors.sort((a, b) => order[a.sheet] - order[b.sheet] || a.row - b.row)
    return { ok: false, errors, summary }
  }
  return { ok: true, plan: { nodes, units, members, summary } }
}

/**
 * The cells of a sheet, already as text, into rows by column key. `grid[0]` is the header row
 * (Excel row 1); a notes row (starts with NOTES_MARK) and blank rows are skipped.
 */
export function readSheet(sheet: SheetKey, grid: string[][], errors: ImportRowError[]): SheetRow[] {
  return readRows(SHEETS[sheet], COLUMNS[sheet], grid, errors)
}

/** `readSheet` for any sheet by its name and columns (the households workbook's 住户 too). */
export function readRows(sheetName: ImportSheetName, columns: readonly ColumnDef[], grid: string[][], errors: ImportRowError[]): SheetRow[] {
  if (grid.length === 0) return []
  const headers = (grid[0] ?? []).map((h) => headerKey(h ?? ''))
  const index = new Map<string, number>()
  for (const c of columns) {
    const at = headers.indexOf(headerKey(c.header))
    if (at >= 0) index.set(c.key, at)
    else if (c.required) errors.push({ sheet: sheetName, row: 1, column: c.header, message: `缺少「${c.header}」列，请使用下载的模板` })
  }
  const rows: SheetRow[] = []
  for (let i = 1; i < grid.length; i++) {
    const line = grid[i] ?? []
    const cells: Record<string, string> = {}
    let any = false
    for (const c of columns) {
      const at = index.get(c.key)
      const v = at === undefined ? '' : cleanCell(line[at] ?? '')
      cells[c.key] = v
      if (v) any = true
    }
    if (!any) continue
    if (cleanCell(line[0] ?? '').startsWith(NOTES_MARK)) continue
    rows.push({ row: i + 1, cells })
  }
  if (rows.length > MAX_ROWS_PER_SHEET) {
    errors.push({ sheet: sheetName, row: rows[MAX_ROWS_PER_SHEET].row, message: `每页最多${MAX_ROWS_PER_SHEET}行，请分成几个文件导入` })
    return rows.slice(0, MAX_ROWS_PER_SHEET)
  }
  return rows
}

/** A header as compared: without spaces, required marks and bracketed remarks, so 街道 matches 街道（镇）. */
export function headerKey(h: string): string {
  return cleanCell(h).replace(/[（(][^）)]*[）)]/g, '').replace(/[*＊\s]/g, '')
}

/** At most this many row errors travel back; the message still counts every bad row. */
export const MAX_REPORTED_ERRORS = 500

/** The sheet key for a worksheet name, tolerating spaces. */
export function sheetKeyOf(name: string): SheetKey | null {
  const n = cleanCell(name)
  const hit = (Object.keys(SHEETS) as SheetKey[]).find((k) => SHEETS[k] === n)
  return hit ?? null
}
