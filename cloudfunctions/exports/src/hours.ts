/**
 * 服务时长: the ledger rows (`service_hours`) of a community or a unit for one year in China time,
 * oldest first, each with its member's name, phone, unit and community from the registration it
 * was credited to. Pages of 1000 credits on the community_time / unit_time index (pages.ts), one
 * read of their registrations per 1000 credits.
 */
import { getDocs, type ActionContext } from '../../../server/kit'
import type { HoursFilters } from '../../../domain/api/exports'
import { DomainError } from '../../../domain/errors'
import { lineage, type OrgNode, type Unit } from '../../../domain/org'
import { authorize } from '../../../domain/permissions'
import type { ServiceHoursRecord } from '../../../domain/requirements'
import type { RoleGrant } from '../../../domain/roles'
import { chinaMidnight } from '../../../domain/time'
import { cellsOf, exportShowsFullPhone, hoursColumns, type ExportCell } from '../../../domain/exports'
import { PAGE, timeRun } from './pages'
import type { ExportSpec } from './spec'

type Credit = Required<Pick<ServiceHoursRecord, '_id'>> & Pick<ServiceHoursRecord, 'registrationId' | 'hours' | 'source' | 'at'>
type Person = { _id: string; name: string; phone: string; unitName: string; communityName: string }

export async function hoursSpec(ctx: ActionContext, grants: RoleGrant[], f: HoursFilters): Promise<ExportSpec> {
  const _ = ctx.db.command
  let placeName: string
  if (f.scope === 'community') {
    const [community] = await getDocs<OrgNode>(ctx.db.collection('org_nodes').where({ _id: f.scopeId, kind: 'community' }).limit(1))
    if (!community) throw new DomainError('ORG.UNKNOWN_COMMUNITY')
    authorize(grants, 'registration.listCommunity', { kind: 'org', lineage: lineage(community) })
    placeName = community.name
  } else {
    const [unit] = await getDocs<Unit>(ctx.db.collection('units').where({ _id: f.scopeId }).limit(1))
    if (!unit) throw new DomainError('ORG.UNKNOWN_UNIT')
    authorize(grants, 'registration.listUnit', { kind: 'unit', unitId: unit._id, countyId: unit.countyId })
    placeName = unit.name
  }
  const full = f.scope === 'community' && exportShowsFullPhone(grants, f.scopeId)
  const columns = hoursColumns(full)
  const where = { [f.scope === 'community' ? 'communityId' : 'unitId']: f.scopeId, at: _.gte(chinaMidnight(f.year, 0)).and(_.lt(chinaMidnight(f.year + 1, 0))) }
  async function* rows(): AsyncGenerator<ExportCell[]> {
    let page: Credit[] = []
    const flush = async function* (): AsyncGenerator<ExportCell[]> {
      const ids = [...new Set(page.map((c) => c.registrationId))]
      const people = ids.length
        ? await getDocs<Person>(ctx.db.collection('registrations').where({ _id: _.in(ids) }).field({ name: true, phone: true, unitName: true, communityName: true }).limit(PAGE))
        : []
      const byId = new Map(people.map((p) => [p._id, p]))
      for (const c of page) {
        const p = byId.get(c.registrationId)
        yield cellsOf(columns, { name: p?.name ?? '', phone: p?.phone ?? '', unitName: p?.unitName ?? '', communityName: p?.communityName ?? '', source: c.source.kind, hours: c.hours, at: c.at })
      }
      page = []
    }
    for await (const c of timeRun<Credit & Record<string, unknown>>(ctx, 'service_hours', where, 'at', { registrationId: true, hours: true, source: true, at: true })) {
      page.push(c)
      if (page.length === PAGE) yield* flush()
    }
    yield* flush()
  }
  return { name: `${placeName}服务时长${f.year}年`, sheet: '服务时长', columns, rows: rows(), fullPhones: full }
}
