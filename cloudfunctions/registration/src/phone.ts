/**
 * The phone of a registration (docs/registration.md, *The phone*). In production it comes from
 * WeChat: the mini-program's `<button open-type="getPhoneNumber">` gives a one-use code, exchanged
 * here with phonenumber.getPhoneNumber (config.json grants it), so the number is one WeChat has
 * verified as the caller's. That matters most for binding an imported member: the phone is what
 * ties a person to the registration the county imported, so a typed one would let anyone who knows
 * a member's name and phone take it over.
 *
 * A typed phone is accepted only when the function runs on a developer's machine, where there is
 * no WeChat to ask (the h5 app). The local runner says so per invocation (`LIANXIN_LOCAL=1`,
 * server/runner); nothing a client sends can.
 */
import { cloud } from '../../../server/kit'
import { DomainError } from '../../../domain/errors'

/** Set by server/runner for every local invocation; never present in a real environment. */
export const runsLocally = () => process.env.LIANXIN_LOCAL === '1'

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/

// WeChat's answers for a code it will not exchange: 40029 invalid (expired, used, another app's).
const CODE_REFUSED = new Set([40029])

interface PhoneInfo {
  purePhoneNumber?: string
  countryCode?: string | number
}

/** The number behind a getPhoneNumber code, 1 round trip; refusals in the domain's words. */
export async function exchangePhoneCode(code: string): Promise<string> {
  let info: PhoneInfo | undefined
  try {
    const res = (await cloud.openapi.phonenumber.getPhoneNumber({ code })) as { phoneInfo?: PhoneInfo }
    info = res.phoneInfo
  } catch (e) {
    const errCode = (e as { errCode?: number })?.errCode
    if (typeof errCode === 'number' && CODE_REFUSED.has(errCode)) throw new DomainError('REGISTRATION.PHONE_CODE_INVALID')
    // -1 (system busy) and 45011 (too frequent) pass with time; anything else is ours to look at.
    if (errCode === -1 || errCode === 45011) throw new DomainError('SYSTEM.BUSY')
    throw e
  }
  const number = info?.purePhoneNumber ?? ''
  // Registrations, imports and the admins' search know mainland mobile numbers only.
  if (String(info?.countryCode ?? '86') !== '86' || !MAINLAND_MOBILE.test(number)) throw new DomainError('REGISTRATION.PHONE_UNSUPPORTED')
  return number
}

/**
 * The phone a form carries: WeChat's code exchanged, or a typed number where that is allowed
 * (locally). `undefined` when neither came (a move or resubmission keeping the phone on record).
 * The schema has already refused both at once.
 */
export async function phoneOf(input: { phone?: string; phoneCode?: string }): Promise<string | undefined> {
  if (input.phoneCode !== undefined) return exchangePhoneCode(input.phoneCode)
  if (input.phone !== undefined && !runsLocally()) throw new DomainError('REGISTRATION.PHONE_NOT_VERIFIED')
  return input.phone
}

/** The form with the number it was resolved to in place of what carried it. */
export function withPhone<T extends { phone?: string; phoneCode?: string }>(input: T, phone: string): Omit<T, 'phone' | 'phoneCode'> & { phone: string } {
  const { phone: _typed, phoneCode: _code, ...rest } = input
  return { ...rest, phone }
}

/** For a move or resubmission: the form with its phone resolved, or none to keep the one on record. */
export async function resolvePhone<T extends { phone?: string; phoneCode?: string }>(input: T): Promise<Omit<T, 'phone' | 'phoneCode'> & { phone?: string }> {
  const phone = await phoneOf(input)
  const { phone: _typed, phoneCode: _code, ...rest } = input
  return phone === undefined ? rest : { ...rest, phone }
}
