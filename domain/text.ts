/**
 * Characters nobody means to type and a reader cannot see, removed from every free text a request
 * carries (server/kit/area.ts cleans each action's input before its schema): they hide a phone number
 * from the privacy check (138\u200b1234…), reorder what a reader sees (a bidi override makes
 * 4321 look like 1234) or cut a string short in other systems (NUL). docs/wishes.md "Privacy".
 *
 * Removed: C0 controls except tab and line feed (NUL included; a carriage return too, so \r\n
 * becomes \n), DEL and the C1 controls; the bidi marks, embeddings, overrides and isolates
 * (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069); the zero-width space, non-joiner and
 * joiner, the word joiner, the invisible operators and the byte-order mark (U+200B–U+200D,
 * U+2060–U+2064, U+FEFF). A zero-width joiner also glues emoji sequences (👨‍👩‍👧): those fall apart
 * into their single emoji, which still read.
 */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g

/** The text without invisible and control characters (see above); anything else is kept as it is. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '')
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * The same for a JSON-like value: every string inside plain objects and arrays cleaned, keys and
 * everything else (numbers, Dates, buffers, class instances) left as they are. A new value; the
 * argument is not changed. Own keys are copied as own properties, so a `__proto__` key from parsed
 * JSON stays a plain key and cannot become the copy's prototype.
 */
export function stripInvisibleDeep<T>(value: T): T {
  if (typeof value === 'string') return stripInvisible(value) as T
  if (Array.isArray(value)) return value.map((v) => stripInvisibleDeep(v)) as T
  if (typeof value !== 'object' || value === null || !isPlainObject(value)) return value
  const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {}
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, { value: stripInvisibleDeep((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true })
  }
  return out as T
}
