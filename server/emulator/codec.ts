// The wire format of the CloudBase admin API: queries, orders, projections, update data and
// returned documents are EJSON strings produced by the `bson` package the SDK bundles
// (@cloudbase/database stringifies canonical, parses relaxed). We use the same package so
// Int32/Double/Long/Date/RegExp round-trip exactly as in production.
import { randomFillSync } from 'crypto'
import { BSONRegExp, EJSON } from 'bson'
import { invalidParam } from './errors'

export type Doc = Record<string, any>

/** Parses an EJSON string (or an already-decoded JSON object) and resolves server-side placeholders. */
export function decode(input: unknown, what: string, now: Date): any {
  let value: unknown
  try {
    if (typeof input === 'string') value = EJSON.parse(input, { relaxed: true })
    else if (input !== null && typeof input === 'object') value = EJSON.deserialize(input as Doc, { relaxed: true })
    else value = input
  } catch (e) {
    throw invalidParam(`${what} is not valid EJSON: ${(e as Error).message}`)
  }
  return normalize(value, now)
}

/** Relaxed EJSON, as the SDK parses it back with EJSON.parse. */
export function encode(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: true })
}

// Stored document versions never change, so each is encoded at most once: for its journal
// record when written, and the same text answers every later read of it.
const encodedDocs = new WeakMap<Doc, string>()
export function encodeDoc(doc: Doc): string {
  let text = encodedDocs.get(doc)
  if (text === undefined) encodedDocs.set(doc, (text = encode(doc)))
  return text
}

/** EJSON of a single value (not necessarily a document). */
export const encodeValue = (v: unknown): string => encode({ v }).slice(5, -1)

/** Restores values read back from the journal (BSON regexps) to their in-memory form. */
export function revive(value: unknown): any {
  return normalize(value, new Date())
}

/**
 * Makes decoded values usable by mingo and by our index ordering: BSON regexps become native
 * RegExps, and `db.serverDate()` (sent as {$tcb_server_date: {offset}}) becomes the server clock.
 */
function normalize(v: any, now: Date): any {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = normalize(v[i], now)
    return v
  }
  if (v instanceof Date || v instanceof RegExp) return v
  if (v instanceof BSONRegExp) return toRegExp(v)
  if (!isPlainObject(v)) return v
  const keys = Object.keys(v)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number(v.$tcb_server_date?.offset ?? 0)
    return new Date(now.getTime() + (Number.isFinite(offset) ? offset : 0))
  }
  for (const k of keys) v[k] = normalize(v[k], now)
  return v
}

// BSON options are a superset of JS flags ('x' and 'l' have no JS meaning): keep those JS knows.
function toRegExp(r: BSONRegExp): RegExp {
  const flags = [...new Set(r.options.split(''))].filter((f) => 'imsu'.includes(f)).join('')
  try {
    return new RegExp(r.pattern, flags)
  } catch (e) {
    throw invalidParam(`invalid regular expression /${r.pattern}/: ${(e as Error).message}`)
  }
}

export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * Copies the mutable parts of a document (plain objects, arrays, dates) before an update touches
 * it, so stored versions stay immutable and can be shared by readers and transactions.
 */
export function cloneDoc<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map(cloneDoc) as T
  if (v instanceof Date) return new Date(v.getTime()) as T
  if (!isPlainObject(v)) return v
  const out: Doc = {}
  for (const k of Object.keys(v)) out[k] = cloneDoc((v as Doc)[k])
  return out as T
}

// Map keys for `_id` values: ids are nearly always strings; numbers and other types must not
// collide with a string of the same spelling.
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id
  if (typeof id === 'number') return `\u0001n:${id}`
  return `\u0001j:${encode({ v: id })}`
}

// CloudBase generates 32 hex character ids. Random bytes are drawn in blocks to keep inserts cheap.
const pool = Buffer.alloc(16 * 256)
let poolOffset = pool.length
export function newId(): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool)
    poolOffset = 0
  }
  const id = pool.toString('hex', poolOffset, poolOffset + 16)
  poolOffset += 16
  return id
}
