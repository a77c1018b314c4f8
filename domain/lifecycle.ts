/**
 * What every thing that moves (registration, wish, order, and every later lifecycle) has in
 * common: the domain plans a change, the server writes it. A plan is complete: the state the
 * record must still be in, the fields to set, the history entries to append, and every other
 * condition the domain checked on the record it read and that must still hold when the write
 * lands (a scope, an owner, a claim). server/kit/lifecycle.ts turns a plan into ONE conditional
 * update; if the record moved in between, the update matches nothing and nothing is written.
 *
 * Conditions are plain data in the domain's own small vocabulary, so the domain needs no
 * database SDK; the kit translates them (`$ne` → `_.neq`, `$in` → `_.in`, `$lt` → `_.lt`, `$gte` → `_.gte`, `$or` → `_.or`).
 */

/** A value a condition compares a field with. */
export type Scalar = string | number | boolean | null

/**
 * One field's test: equal to a value (an array field: contains it), not equal, one of,
 * present/absent, or before a time or below a number (`$lt`: a deadline that passed).
 */
export type FieldTest = Scalar | { $ne: Scalar } | { $in: readonly Scalar[] } | { $exists: boolean } | { $lt: number | Date } | { $gte: number | Date }

/** All of its fields' tests hold; `$or`: at least one of the alternatives holds. */
export type Condition = { readonly [path: string]: FieldTest } | { readonly $or: readonly Condition[] }

/** The one write a verb makes to one record. */
export interface Plan<S extends string = string, E = unknown> {
  /** The state the record must still be in (the write's filter). */
  from: S
  to: S
  /** Fields to set; plain objects are written whole (a released claim leaves nothing behind). */
  set: Record<string, unknown>
  /** History entries appended by the same write: the audit record of the change. */
  entries: readonly E[]
  /** Everything besides `_id` and `state` that must still hold when the write lands. */
  conditions: readonly Condition[]
  /** Fields the write removes (`_.remove()`), e.g. a corrected registration without a building drops the old one. */
  unset?: readonly string[]
  /**
   * Counters the write moves by a number (`_.inc`) and values it appends to array fields
   * (`_.push`): a seat taken is one more seat counted and one more id on the list, in the same
   * write whose conditions decided there was a seat (an activity's sign-up).
   */
  inc?: Readonly<Record<string, number>>
  append?: Readonly<Record<string, Scalar>>
}

/** `{ $or }` of the alternatives, or the one alternative alone. */
export function anyOf(alternatives: readonly Condition[]): Condition {
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives }
}

/** Whether `record` meets a condition, as the database would judge it (dotted paths, array fields). Used to explain a refused write. */
export function holds(record: unknown, condition: Condition): boolean {
  if ('$or' in condition && Array.isArray((condition as { $or: unknown }).$or)) return (condition as { $or: readonly Condition[] }).$or.some((c) => holds(record, c))
  return Object.entries(condition as Record<string, FieldTest>).every(([path, test]) => fieldHolds(valueAt(record, path), test))
}

function valueAt(record: unknown, path: string): unknown {
  let at: unknown = record
  for (const key of path.split('.')) {
    if (at === null || at === undefined) return undefined
    at = (at as Record<string, unknown>)[key]
  }
  return at
}

function equals(value: unknown, expected: Scalar): boolean {
  if (Array.isArray(value)) return value.some((v) => v === expected)
  return (value === undefined ? null : value) === expected
}

/** A time compares with a time (a stored one may come back as its ISO text), a number with a number; anything else never holds. */
function lessThan(value: unknown, bound: number | Date): boolean {
  if (bound instanceof Date) {
    const t = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN
    return t < bound.getTime()
  }
  return typeof value === 'number' && value < bound
}

function atLeast(value: unknown, bound: number | Date): boolean {
  if (bound instanceof Date) {
    const t = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN
    return t >= bound.getTime()
  }
  return typeof value === 'number' && value >= bound
}

function fieldHolds(value: unknown, test: FieldTest): boolean {
  if (test !== null && typeof test === 'object') {
    if ('$ne' in test) return !equals(value, test.$ne)
    if ('$in' in test) return test.$in.some((v) => equals(value, v))
    if ('$exists' in test) return (value !== undefined) === test.$exists
    if ('$lt' in test) return lessThan(value, test.$lt)
    if ('$gte' in test) return atLeast(value, test.$gte)
  }
  return equals(value, test as Scalar)
}
