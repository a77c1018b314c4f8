/**
 * Masking and redaction of personal data: what a claimer, a shared card or a poster may show of
 * a person. The rules in words are in docs/wishes.md ("Privacy").
 */
import { maskPhone } from './users'
import { stripInvisible } from './text'

// One implementation of the phone mask for the whole app (cards, lists, shares).
export { maskPhone }

/**
 * 王秀英 → 王**. The surname stays so the card reads naturally (王奶奶); always two stars, so the
 * mask does not even tell how long the name is. Empty or blank → ''.
 */
export function maskName(name: string | undefined | null): string {
  const chars = Array.from(stripInvisible(name ?? '').trim())
  if (chars.length === 0) return ''
  return `${chars[0]}**`
}

/**
 * Digit runs that look like a phone number, even when written with spaces or dashes in between
 * (138 1234 1234, 138 - 1234 - 1234) or with full-width digits: mainland mobiles (11 digits
 * starting with 1) and landlines (0 + area code + 7–8 digits). People type numbers into free text
 * in every shape, so the text is normalised first (invisible characters removed, domain/text.ts)
 * and the pattern is applied to digit runs.
 */
const SEPARATORS = /[\s\-－—‐–.·()（）]/
/** Up to this many separators in a row keep a run going (138 - 1234: space, dash, space). */
const MAX_GAP = 3

interface DigitRun {
  /** The digits alone, half-width. */
  digits: string
  start: number
  /** End index (exclusive) in the (cleaned) text. */
  end: number
}

/** Full-width digits (１３８) as ASCII; every other character, and the length, unchanged. */
function halfWidth(text: string): string {
  return text.replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xff10 + 48))
}

const isDigit = (ch: string) => ch >= '0' && ch <= '9'

function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = []
  let current: DigitRun | null = null
  let gap = 0
  const half = halfWidth(text)
  for (let i = 0; i < half.length; i++) {
    const ch = half[i]
    if (isDigit(ch)) {
      if (!current) current = { digits: '', start: i, end: i + 1 }
      current.digits += ch
      current.end = i + 1
      gap = 0
    } else if (current && SEPARATORS.test(ch) && gap < MAX_GAP) {
      // A few separators between digits keep the run going.
      gap++
    } else if (current) {
      runs.push(current)
      current = null
      gap = 0
    }
  }
  if (current) runs.push(current)
  return runs
}

/**
 * A mobile anywhere in the run (so a digit typed just before it, or +86, cannot hide it; the whole
 * run is then masked), or a run that is a landline as a whole.
 */
function looksLikePhone(digits: string): boolean {
  return /1[3-9]\d{9}/.test(digits) || /^0\d{9,11}$/.test(digits)
}

/** The phone-like numbers in a text, as digits. */
export function findPhones(text: string): string[] {
  return digitRuns(stripInvisible(text))
    .filter((r) => looksLikePhone(r.digits))
    .map((r) => r.digits)
}

/** What is known about the person a text might expose: the values to look for besides phones. */
export interface PersonalFacts {
  name?: string | null
  phone?: string | null
  /** Address parts as stored (building, room), e.g. ['3栋', '2单元501']. */
  address?: readonly (string | null | undefined)[]
}

export type PrivateKind = 'phone' | 'name' | 'address'

/** Fewer consecutive digits of a known phone than this are everyday numbers (a price, a date, a room). */
const PHONE_PART_MIN = 7

/**
 * A matcher for the facts, built once per text: every 7 consecutive digits of the known phone (any
 * longer part of it contains one, so 1396631542 and 9111122 are found as surely as the whole), the
 * full name also with separators or invisible characters between its characters (王 秀 英), the
 * address parts as written, and the number of the door (501 of 2单元501).
 */
interface Facts {
  phoneParts: string[]
  name: string
  /** The name's pattern (regular-expression source), or null when no full name is known. */
  namePattern: string | null
  parts: string[]
  doors: string[]
}

const NAME_SEPARATORS = '[\\s\\-－—‐–.·・•_*＊/／|]{0,3}'
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The door's number: the last digits of an address part when there are three or more (501 of
 * 2单元501, 1203 of 12-1203室). Shorter numbers (5号, 3栋) are everyday numbers and are only found as
 * part of the written address.
 */
function doorNumber(part: string): string | null {
  const runs = halfWidth(part).match(/\d+/g)
  const last = runs ? runs[runs.length - 1] : ''
  return last.length >= 3 ? last : null
}

function factsOf(facts: PersonalFacts): Facts {
  const phone = halfWidth(facts.phone ?? '').replace(/\D/g, '')
  const phoneParts: string[] = []
  for (let i = 0; i + PHONE_PART_MIN <= phone.length; i++) phoneParts.push(phone.slice(i, i + PHONE_PART_MIN))
  const name = stripInvisible(facts.name ?? '').trim()
  const chars = Array.from(name)
  // A one-character "name" would match half the texts in the language; full names have two or more.
  const namePattern = chars.length >= 2 ? chars.map(escapeRe).join(NAME_SEPARATORS) : null
  const parts = (facts.address ?? []).map((p) => stripInvisible(p ?? '').trim()).filter((p) => p.length >= 2)
  const doors = (facts.address ?? []).map((p) => doorNumber(stripInvisible(p ?? ''))).filter((d): d is string => !!d)
  return { phoneParts, name, namePattern, parts, doors }
}

/** A run that is phone-like, or carries 7 consecutive digits of the known phone. */
function isPhoneRun(run: DigitRun, f: Facts): boolean {
  return looksLikePhone(run.digits) || f.phoneParts.some((p) => run.digits.includes(p))
}

/**
 * What may follow a number that happens to equal the door's number and is not the door: an amount,
 * a quantity, a date, a time (价值501元, ¥501, 501件, 2026年). Anything else (室, 号, 房, nothing) is the door.
 */
const NOT_A_DOOR = /^(\.\d|[万千百元块角毛分年月日天周时点秒岁件个只台部辆斤两克吨升米本支双套袋箱瓶包盒张条根把位名人次度字页份%％])/

/** Where the door's number stands alone in the text (no digit right before or after it). */
function doorSpans(text: string, f: Facts): { start: number; end: number }[] {
  if (f.doors.length === 0) return []
  const half = halfWidth(text)
  const spans: { start: number; end: number }[] = []
  const re = /\d+/g
  let m: RegExpExecArray | null
  while ((m = re.exec(half))) {
    if (!f.doors.includes(m[0])) continue
    const end = m.index + m[0].length
    if (NOT_A_DOOR.test(half.slice(end)) || /[¥￥$＄]/.test(half.charAt(m.index - 1))) continue
    spans.push({ start: m.index, end })
  }
  return spans
}

/**
 * Which kinds of personal data a free text carries: any phone-like number or any 7 consecutive
 * digits of the person's phone, the person's full name (also spaced out), or their address parts
 * and door number. Names and addresses are only found when known: nobody can tell a stranger's
 * name from a word, which is why the intake refuses them and the share masks them.
 */
export function privateKindsIn(text: string, facts: PersonalFacts = {}): PrivateKind[] {
  const clean = stripInvisible(text)
  const f = factsOf(facts)
  const found = new Set<PrivateKind>()
  if (digitRuns(clean).some((r) => isPhoneRun(r, f))) found.add('phone')
  if (f.namePattern && new RegExp(f.namePattern, 'i').test(clean)) found.add('name')
  if (f.parts.some((p) => clean.includes(p)) || doorSpans(clean, f).length > 0) found.add('address')
  return [...found]
}

/**
 * The text with personal data replaced: phone-like numbers and runs carrying part of the known
 * phone by their mask (138****1234, or stars for anything else), the full name by its mask, address
 * parts and the door number by ***; invisible characters are dropped. Used on everything that
 * leaves the app to people who are not staff (cards, shares, posters, the wish page) as a second
 * line behind the intake check.
 */
export function redactText(text: string, facts: PersonalFacts = {}): string {
  const clean = stripInvisible(text)
  const f = factsOf(facts)
  let out = ''
  let at = 0
  for (const run of digitRuns(clean)) {
    if (!isPhoneRun(run, f)) continue
    out += clean.slice(at, run.start) + (maskPhone(run.digits) ?? '')
    at = run.end
  }
  out += clean.slice(at)
  if (f.namePattern) out = out.replace(new RegExp(f.namePattern, 'gi'), () => maskName(f.name))
  for (const p of f.parts) out = out.split(p).join('***')
  for (const span of doorSpans(out, f).reverse()) out = out.slice(0, span.start) + '***' + out.slice(span.end)
  return out
}
