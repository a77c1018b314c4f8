import { addDoc, type Database } from './db'

export interface AuditEntry {
  entity: string
  entityId: string
  action: string
  from: string | null
  to: string | null
  by: string
  at: Date
  reason?: string
}

/** Every state change appends one of these; timelines are drawn from them. */
export async function appendAudit(db: Database, entry: AuditEntry): Promise<void> {
  const record: Record<string, unknown> = { ...entry }
  if (record.reason === undefined) delete record.reason
  await addDoc(db.collection('audit'), record)
}
