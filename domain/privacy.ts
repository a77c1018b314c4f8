/**
 * Masking and redaction of personal data: what a claimer, a shared card or a poster may show of
 * a person. The rules in words are in docs/wishes.md ("Privacy").
 */
import { maskPhone } from './users'

// One implementation of the phone mask for the whole app (cards, lists, shares).
export { maskPhone }

/**
 * 王秀英 → 王**. The surname stays so the card reads naturally (王奶奶); always two stars, so the
 * mask does not even tell how long the name is. Empty or blank → ''.
 */
export function maskName(name: string | undefined | null): string {
  const chars = Array.from((name ?? '').trim())
  if (chars.length === 0) return ''
  return `${chars[0]}**`
}

/**
 * Digit runs that look like a phone number, even when written with spaces or dashes in between
 * (138 1234 1234, 138-1234-1234) or with full-width digits: mainland mobiles (11 digits starting
 * with 1) and landlines (0 + area code + 7–8 digits). People type numbers into free text in every
 * shape, so the text is normalised first and the pattern is applied to digit runs.
 */
const SEPARATORS = /[\s\-－—‐–.·()（）]/

interface DigitRun {
  /** The digits alone, half-width. */
  digits: string
  start: number
  /** End index (exclusive) in the original text. */
  end: number
}

function toHalfWidth(ch: string): string {
  const code = ch.charCodeAt(0)
  return code >= 0xff10 && code <= 0xff19 ? String.fromCharCode(code - 0xff10 + 48) : ch
}

function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = []
  let current: DigitRun | null = null
  let lastDigitEnd = -1
  for (let i = 0; i < text.length; i++) {
    const ch = toHalfWidth(text[i])
    if (ch >= '0' && ch <= '9') {
      if (!current) current = { digits: '', start: i, end: i + 1 }
      current.digits += ch
      current.end = i + 1
      lastDigitEnd = i + 1
    } else if (current && SEPARATORS.test(ch) && i - lastDigitEnd < 2) {
      // A single separator between digits keeps the run going.
      continue
    } else if (current) {
      runs.push(current)
      current = null
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
  return digitRuns(text)
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

/**
 * Which kinds of personal data a free text carries: any phone-like number, the person's full
 * name, or their address parts. Names and addresses are only found when known: nobody can tell a
 * stranger's name from a word, which is why the intake refuses them and the share masks them.
 */
export function privateKindsIn(text: string, facts: PersonalFacts = {}): PrivateKind[] {
  const found = new Set<PrivateKind>()
  if (findPhones(text).length > 0) found.add('phone')
  const phoneDigits = (facts.phone ?? '').replace(/\D/g, '')
  if (phoneDigits.length >= 7 && digitRuns(text).some((r) => r.digits.includes(phoneDigits.slice(-7)))) found.add('phone')
  const name = (facts.name ?? '').trim()
  // A one-character "name" would match half the texts in the language; full names have two or more.
  if (Array.from(name).length >= 2 && text.includes(name)) found.add('name')
  for (const part of facts.address ?? []) {
    const p = (part ?? '').trim()
    if (p.length >= 2 && text.includes(p)) found.add('address')
  }
  return [...found]
}

/**
 * The text with personal data replaced: phone-like numbers by their mask (138****1234, or stars
 * for anything else), the full name by its mask, address parts by ***. Used on everything that
 * leaves the app (share titles, images, posters) as a second line behind the intake check.
 */
export function redactText(text: string, facts: PersonalFacts = {}): string {
  let out = ''
  let at = 0
  const phoneTail = (facts.phone ?? '').replace(/\D/g, '').slice(-7)
  for (const run of digitRuns(text)) {
    const known = phoneTail.length === 7 && run.digits.includes(phoneTail)
    if (!looksLikePhone(run.digits) && !known) continue
    out += text.slice(at, run.start) + (maskPhone(run.digits) ?? '')
    at = run.end
  }
  out += text.slice(at)
  const name = (facts.name ?? '').trim()
  if (Array.from(name).length >= 2) out = out.split(name).join(maskName(name))
  for (const part of facts.address ?? []) {
    const p = (part ?? '').trim()
    if (p.length >= 2) out = out.split(p).join('***')
  }
  return out
}
