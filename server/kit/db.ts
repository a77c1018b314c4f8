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
