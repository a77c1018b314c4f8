export interface IndexSpec {
  name: string
  unique?: boolean
  keys: Record<string, 1 | -1>
}

export interface DatabaseSchema {
  collections: Record<string, { indexes: IndexSpec[] }>
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>
  skip?: number
  limit?: number
  projection?: Record<string, unknown>
}

export interface QueryStats {
  queries: number
  /** Documents handed to the matcher: what an index is meant to keep small. */
  docsScanned: number
  indexedQueries: number
}

export interface Explain {
  index: string | null
  docsScanned: number
  returned: number
}
