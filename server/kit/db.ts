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
