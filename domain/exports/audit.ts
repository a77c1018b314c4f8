/**
 * The record each export appends to `exports_audit`: who exported which list with which filters,
 * how many rows, when, and the file. Personal data leaving the app must be traceable to a person.
 */
export interface ExportAuditRecord {
  /** The caller's user id (users._id), or the openid when the caller has no user record yet. */
  by: string
  byName: string
  /** The export action: communityMembers, unitMembers, pendingRegistrations, wishes, orders, unitOrders, hours, or another function's table. */
  list: string
  /** The filters exactly as validated (paging fields are not part of them). */
  filters: Record<string, unknown>
  rows: number
  /** Whether the file carries full phone numbers (docs/exports.md, masking). */
  fullPhones: boolean
  fileId: string
  name: string
  at: Date
}

/** The record, with `undefined` filters dropped so the stored filters read as they were given. */
export function exportAuditRecord(input: Omit<ExportAuditRecord, 'filters'> & { filters: object }): ExportAuditRecord {
  const filters: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(input.filters)) if (v !== undefined) filters[k] = v
  return { ...input, filters }
}
