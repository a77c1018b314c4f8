/**
 * Excel exports (导出 Excel) of the admins' lists: each action takes the list's filters (its own
 * schema without paging, domain/api/exports.ts), checks the list's permission before anything is
 * read, writes every row page by page into an .xlsx in cloud storage (server/kit/exportFile.ts),
 * appends who exported what to `exports_audit`, and answers the file with a temporary URL.
 * Phones follow the export rule (domain/exports/masking.ts). docs/exports.md; round trips: docs/API.md.
 */
import { addDoc, defineArea, findCaller, type ActionContext } from '../../../server/kit'
import { writeXlsxExport } from '../../../server/kit/exportFile'
import { exportsArea, type ExportAnswer, type ExportList } from '../../../domain/api/exports'
import { chinaDay, exportAuditRecord } from '../../../domain/exports'
import type { UserRecord } from '../../../domain/users'
import type { RoleGrant } from '../../../domain/roles'
import { communityMembersSpec, unitMembersSpec } from './members'
import { compoundMembersSpec, ordersSpec, pendingSpec, wishesSpec } from './lists'
import { hoursSpec } from './hours'
import type { ExportSpec } from './spec'

export const AUDIT_COLLECTION = 'exports_audit'

/** The caller's grants, the spec (every check done), the file, the audit record: in that order. */
async function exportOf(ctx: ActionContext, list: ExportList, filters: object, specOf: (grants: RoleGrant[]) => Promise<ExportSpec>): Promise<ExportAnswer> {
  const caller = await findCaller<UserRecord>(ctx)
  const spec = await specOf(caller?.roles ?? [])
  const file = await writeXlsxExport(ctx, { name: `${spec.name}_${chinaDay(ctx.now)}`, sheet: spec.sheet, columns: spec.columns, rows: spec.rows })
  await addDoc(
    ctx.db.collection(AUDIT_COLLECTION),
    exportAuditRecord({
      by: caller?._id ?? ctx.identity.openid,
      byName: caller?.name ?? '',
      list,
      filters,
      rows: file.rows,
      fullPhones: spec.fullPhones,
      fileId: file.fileId,
      name: file.name,
      at: ctx.now,
    }),
  )
  return { fileId: file.fileId, url: file.url, rows: file.rows, name: file.name }
}

export const main = defineArea(exportsArea, {
  communityMembers: (f, ctx) => exportOf(ctx, 'communityMembers', f, (grants) => communityMembersSpec(ctx, grants, f)),
  unitMembers: (f, ctx) => exportOf(ctx, 'unitMembers', f, (grants) => unitMembersSpec(ctx, grants, f)),
  compoundMembers: (f, ctx) => exportOf(ctx, 'compoundMembers', f, (grants) => compoundMembersSpec(grants, f)),
  pendingRegistrations: (f, ctx) => exportOf(ctx, 'pendingRegistrations', f, (grants) => pendingSpec(grants, f)),
  wishes: (f, ctx) => exportOf(ctx, 'wishes', f, () => wishesSpec(f)),
  orders: (f, ctx) => exportOf(ctx, 'orders', f, () => ordersSpec('queue', f)),
  unitOrders: (f, ctx) => exportOf(ctx, 'unitOrders', f, () => ordersSpec('unitQueue', f)),
  hours: (f, ctx) => exportOf(ctx, 'hours', f, (grants) => hoursSpec(ctx, grants, f)),
})
