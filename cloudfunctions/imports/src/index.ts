/**
 * Bulk import (批量导入) of communities, units and members from an .xlsx workbook, and the
 * template to fill in. All or nothing: every row is validated first (domain/imports.ts) with no
 * write at all; only a workbook without a bad row is written, in batches tagged with the import's
 * id, and a failed write removes everything so tagged. docs/import.md; round trips: docs/API.md.
 */
import { defineArea, findCaller, getDocs, type ActionContext } from '../../../server/kit'
import { importsArea, type HouseholdImportDone, type ImportDone } from '../../../domain/api/imports'
import { HOUSEHOLD_TEMPLATE_FILE_NAME, planHouseholds, type HouseholdImportContext } from '../../../domain/householdImport'
import { DomainError } from '../../../domain/errors'
import { MAX_BASE64_CHARS, MAX_FILE_BYTES, MAX_REPORTED_ERRORS, planImport, TEMPLATE_FILE_NAME, type ImportContext, type ParsedWorkbook } from '../../../domain/imports'
import type { OrgNode } from '../../../domain/org'
import { LIVE_STATES } from '../../../domain/registration'
import { reach, reachesAny } from '../../../domain/permissions'
import type { UserRecord } from '../../../domain/users'
import { householdTemplateWorkbook, readHouseholdWorkbook, readWorkbook, templateWorkbook } from './workbook'
import { writeHouseholds, writeImport } from './write'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** CloudBase answers at most 1000 documents per read. */
const PAGE = 1000
/** Phones per `in` query when looking for live registrations. */
const PHONE_CHUNK = 500

type Query = { get(): unknown; skip(n: number): Query; limit(n: number): Query; orderBy(f: string, d: string): Query }

/** Every document a filter matches, a page of 1000 at a time (one round trip per page). */
async function getAll<T>(query: Query): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += PAGE) {
    const page = await getDocs<T>(query.orderBy('_id', 'asc').skip(skip).limit(PAGE))
    out.push(...page)
    if (page.length < PAGE) return out
  }
}

function newIdMaker(importId: string) {
  let n = 0
  return (kind: 'node' | 'unit' | 'reg') => `${importId}-${kind[0]}${(n++).toString(36)}`
}

/** The county the caller imports into: their county admin grant's, else their street's county. */
async function countyOf(ctx: ActionContext, orgIds: string[]): Promise<string> {
  const nodes = await getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: ctx.db.command.in(orgIds) }).limit(orgIds.length))
  const countyIds = nodes.map((n) => (n.kind === 'county' ? n._id : n.path[0])).filter(Boolean).sort()
  if (!countyIds.length) throw new DomainError('AUTH.FORBIDDEN')
  return countyIds[0]
}

/** What the rows name: the county's streets, communities and units; the places and live phones the member rows need. */
async function loadContext(ctx: ActionContext, book: ParsedWorkbook, caller: UserRecord, countyId: string): Promise<ImportContext> {
  const _ = ctx.db.command
  const [upper, units] = await Promise.all([
    getAll<OrgNode>(ctx.db.collection('org_nodes').where({ path: countyId, kind: _.in(['street', 'community']) }) as unknown as Query),
    getAll<{ _id: string; name: string; kind: string }>(ctx.db.collection('units').where({ countyId }) as unknown as Query),
  ])
  // Only communities a member row could name need their compounds and buildings.
  const wanted = new Set(book.members.filter((r) => r.cells.compound || r.cells.building).map((r) => r.cells.community.split(/[/／]/).pop()!.trim()))
  const communityIds = upper.filter((n) => n.kind === 'community' && wanted.has(n.name)).map((n) => n._id)
  const phones = [...new Set(book.members.map((r) => r.cells.phone.replace(/[\s-]/g, '')).filter((p) => /^1\d{10}$/.test(p)))]
  const chunks: string[][] = []
  for (let i = 0; i < phones.length; i += PHONE_CHUNK) chunks.push(phones.slice(i, i + PHONE_CHUNK))
  const [places, ...live] = await Promise.all([
    communityIds.length
      ? getAll<OrgNode>(ctx.db.collection('org_nodes').where({ path: _.in(communityIds), kind: _.in(['compound', 'grid', 'building']) }) as unknown as Query)
      : Promise.resolve([] as OrgNode[]),
    ...chunks.map((chunk) =>
      getDocs<{ phone: string }>(
        ctx.db
          .collection('registrations')
          .where({ phone: _.in(chunk), state: _.in([...LIVE_STATES]) })
          .field({ phone: true })
          .limit(PAGE),
      ),
    ),
  ])
  return {
    county: { _id: countyId, name: '' },
    grants: caller.roles ?? [],
    nodes: [...upper, ...places],
    units,
    livePhones: new Set(live.flat().map((d) => d.phone)),
  }
}

/** Doors per `in` query when looking for households already registered. */
const DOOR_CHUNK = 500

/**
 * What a households workbook's rows name: the places under the importer's scopes (communities with
 * their visit rules, compounds, grids, buildings), then the households already at the doors the
 * sheet names there (one query per 500 doors).
 */
async function loadHouseholdContext(ctx: ActionContext, orgIds: string[], doors: string[], caller: UserRecord): Promise<HouseholdImportContext> {
  const _ = ctx.db.command
  const scoped = await getAll<HouseholdImportContext['nodes'][number]>(
    ctx.db.collection('org_nodes').where(_.or([{ _id: _.in(orgIds) }, { path: _.in(orgIds), kind: _.in(['community', 'compound', 'grid', 'building']) }])) as unknown as Query,
  )
  // A grid worker's scope is a grid: the community above it (its visit rules) and the compound (a path like 小区/楼栋) too.
  const above = [...new Set(scoped.flatMap((n) => n.path))].filter((id) => !scoped.some((n) => n._id === id))
  const ancestors = above.length ? await getDocs<HouseholdImportContext['nodes'][number]>(ctx.db.collection('org_nodes').where({ _id: _.in(above) }).limit(above.length)) : []
  const unique = [...new Set(doors)]
  const chunks: string[][] = []
  for (let i = 0; i < unique.length; i += DOOR_CHUNK) chunks.push(unique.slice(i, i + DOOR_CHUNK))
  const found = await Promise.all(
    chunks.map((chunk) => getAll<{ buildingId: string; door: string }>(ctx.db.collection('households').where({ lineage: _.in(orgIds), door: _.in(chunk) }).field({ buildingId: true, door: true }) as unknown as Query)),
  )
  return {
    grants: caller.roles ?? [],
    nodes: [...scoped, ...ancestors],
    existingDoors: new Set(found.flat().map((h) => `${h.buildingId}/${h.door}`)),
    now: ctx.now,
    by: caller._id,
  }
}

export const main = defineArea(importsArea, {
  /** No database round trip beyond the caller: the workbook is built here. */
  async template(_input, ctx) {
    const caller = await findCaller<UserRecord>(ctx)
    if (!reachesAny(reach(caller?.roles ?? [], 'org.import'), 'org')) throw new DomainError('AUTH.FORBIDDEN')
    const buffer = await templateWorkbook()
    return { fileName: TEMPLATE_FILE_NAME, contentType: XLSX, base64: buffer.toString('base64') }
  },

  /**
   * Round trips: the caller; the caller's scope nodes; the county's streets and communities and
   * its units (together, one per 1000); the places of the named communities and the live phones
   * (together, one per 500 phones); then only when every row is good: the lock, the `imports`
   * record, one insert per 500 documents, the record's update, the lock's removal, the audit.
   */
  async importWorkbook({ fileBase64, fileName, dryRun = false }, ctx): Promise<ImportDone> {
    const caller = await findCaller<UserRecord>(ctx)
    const r = reach(caller?.roles ?? [], 'org.import')
    if (!caller || !reachesAny(r, 'org')) throw new DomainError('AUTH.FORBIDDEN')
    if (fileBase64.length > MAX_BASE64_CHARS) {
      throw new DomainError('IMPORT.FILE_TOO_LARGE', `文件太大（最大 ${MAX_FILE_BYTES / 1024 / 1024} MB），请分成几个文件分别导入`)
    }
    const book = await readWorkbook(Buffer.from(fileBase64, 'base64'))
    if (!book.headerErrors.length && book.communities.length + book.units.length + book.members.length === 0) throw new DomainError('IMPORT.EMPTY')
    const countyId = await countyOf(ctx, r.orgIds)
    const context = await loadContext(ctx, book, caller, countyId)

    const importId = `imp-${ctx.now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
    const planned = planImport(book, context, newIdMaker(importId))
    if (!planned.ok) {
      const n = new Set(planned.errors.map((e) => `${e.sheet}:${e.row}`)).size
      // A whole sheet of bad rows would make a huge answer: the first ones say what to fix.
      const errors = planned.errors.slice(0, MAX_REPORTED_ERRORS)
      const more = planned.errors.length - errors.length
      throw new DomainError('IMPORT.INVALID_ROWS', `表格中有${n}行有错误，没有导入任何数据，请改正后重新导入`, { errors, more, summary: planned.summary })
    }
    const { plan } = planned
    if (dryRun) return { importId: null, dryRun: true, summary: plan.summary }

    await writeImport(ctx, plan, { importId, countyId, caller, fileName: fileName ?? '' })
    return { importId, dryRun: false, summary: plan.summary }
  },

  /** No database round trip beyond the caller: the workbook is built here. */
  async householdsTemplate(_input, ctx) {
    const caller = await findCaller<UserRecord>(ctx)
    if (!reachesAny(reach(caller?.roles ?? [], 'household.maintain'), 'org')) throw new DomainError('AUTH.FORBIDDEN')
    const buffer = await householdTemplateWorkbook()
    return { fileName: HOUSEHOLD_TEMPLATE_FILE_NAME, contentType: XLSX, base64: buffer.toString('base64') }
  },

  /**
   * A 住户 sheet, all or nothing, each row checked on its own building (household.maintain on its
   * lineage). Round trips: the caller; the places under the caller's scopes (one per 1000); their
   * ancestors; the households at the doors named (one per 500 doors); then only when every row is
   * good: the county's import lock, the `imports` record, one insert per 500 households, the
   * record's update, the lock's removal, the audit. A door taken between the check and the insert
   * fails on the unique index (building, door), and everything the import wrote is removed.
   */
  async importHouseholds({ fileBase64, fileName, dryRun = false }, ctx): Promise<HouseholdImportDone> {
    const caller = await findCaller<UserRecord>(ctx)
    const r = reach(caller?.roles ?? [], 'household.maintain')
    if (!caller || !reachesAny(r, 'org')) throw new DomainError('AUTH.FORBIDDEN')
    if (fileBase64.length > MAX_BASE64_CHARS) {
      throw new DomainError('IMPORT.FILE_TOO_LARGE', `文件太大（最大 ${MAX_FILE_BYTES / 1024 / 1024} MB），请分成几个文件分别导入`)
    }
    const { rows, headerErrors } = await readHouseholdWorkbook(Buffer.from(fileBase64, 'base64'))
    if (!headerErrors.length && rows.length === 0) throw new DomainError('IMPORT.EMPTY', '表格里没有可导入的住户')
    const context = await loadHouseholdContext(ctx, r.orgIds, rows.map((row) => row.cells.door).filter(Boolean), caller)
    const importId = `imp-${ctx.now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
    let n = 0
    const planned = planHouseholds(rows, context, () => `${importId}-h${(n++).toString(36)}`, headerErrors)
    if (!planned.ok) {
      const n = new Set(planned.errors.map((e) => `${e.sheet}:${e.row}`)).size
      const errors = planned.errors.slice(0, MAX_REPORTED_ERRORS)
      throw new DomainError('IMPORT.INVALID_ROWS', `表格中有${n}行有错误，没有导入任何住户，请改正后重新导入`, { errors, more: planned.errors.length - errors.length, summary: planned.summary })
    }
    if (dryRun) return { importId: null, dryRun: true, summary: planned.summary }
    const countyId = await countyOf(ctx, r.orgIds)
    await writeHouseholds(ctx, planned.households, planned.summary, { importId, countyId, caller, fileName: fileName ?? '' })
    return { importId, dryRun: false, summary: planned.summary }
  },
})
