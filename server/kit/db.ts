import { cloud } from './cloud'

export type Database = ReturnType<typeof cloud.database>

let db: Database | undefined

export function database(): Database {
  db ??= cloud.database()
  return db
}

/** CloudBase reports a unique-index violation as an error whose message names the duplicate key. */
export function isDuplicateKeyError(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e)
  return /duplicate key|E11000|DUPLICATE/i.test(text)
}

// wx-server-sdk types each call as `Promise<Result> | void | string` (callback style kept for
// compatibility); with promises the answer is always the Result. These narrow it once.

export async function getDocs<T>(query: { get(): unknown }): Promise<T[]> {
  const result = (await query.get()) as { data: T[] }
  return result.data
}

export async function addDoc(collection: { add(options: { data: unknown }): unknown }, data: unknown): Promise<string> {
  const result = (await collection.add({ data })) as { _id: string | number }
  return String(result._id)
}

export async function countDocs(query: { count(): unknown }): Promise<number> {
  const result = (await query.count()) as { total: number }
  return result.total
}

/** Runs a (conditional) multi-document update; answers how many documents actually changed. */
export async function updateDocs(query: { update(options: { data: Record<string, unknown> }): unknown }, data: Record<string, unknown>): Promise<number> {
  const result = (await query.update({ data })) as { stats: { updated: number } }
  return result.stats.updated
}

/** Removes what the query matches; answers how many documents went. */
export async function removeDocs(query: { remove(): unknown }): Promise<number> {
  const result = (await query.remove()) as { stats: { removed: number } }
  return result.stats.removed
}
