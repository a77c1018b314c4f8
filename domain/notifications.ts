/**
 * Subscription-message templates (订阅消息) of micro-wishes: one list of names, environment
 * variables and local defaults for both sides, because WeChat only delivers a message whose
 * template id the person accepted on their phone. The mini-program asks for the ids below when the
 * person acts (requestSubscribeMessage); the wishes function sends with the same ids
 * (subscribeMessage.send). A mismatch would make every send fail with 43101, silently.
 *
 * Production: set each `LIANXIN_TPL_WISH_*` to the id from 公众平台 → 订阅消息, in the cloud
 * function's environment AND when building the mini-program (config/index.ts defineConstants).
 * Unset or empty means the local default, which the emulator accepts.
 */

export const WISH_TEMPLATE_NAMES = ['published', 'rejected', 'lit', 'delivered', 'released', 'confirmed'] as const
export type WishTemplate = (typeof WISH_TEMPLATE_NAMES)[number]

/** The environment variable that carries each template's id. */
export const WISH_TEMPLATE_ENV: Record<WishTemplate, string> = {
  published: 'LIANXIN_TPL_WISH_PUBLISHED',
  rejected: 'LIANXIN_TPL_WISH_REJECTED',
  lit: 'LIANXIN_TPL_WISH_LIT',
  delivered: 'LIANXIN_TPL_WISH_DELIVERED',
  released: 'LIANXIN_TPL_WISH_RELEASED',
  confirmed: 'LIANXIN_TPL_WISH_CONFIRMED',
}

/** Ids used when no variable is set: what the local emulator and the tests see. */
export const WISH_TEMPLATE_DEFAULTS: Record<WishTemplate, string> = {
  published: 'lianxin-wish-published',
  rejected: 'lianxin-wish-rejected',
  lit: 'lianxin-wish-lit',
  delivered: 'lianxin-wish-delivered',
  released: 'lianxin-wish-released',
  confirmed: 'lianxin-wish-confirmed',
}

export type WishTemplateIds = Record<WishTemplate, string>

/**
 * The ids in force, from an environment (`process.env` in a function; the build constants in the
 * mini-program). An empty value counts as unset: a build define of an unset variable is ''.
 */
export function wishTemplateIds(env: Readonly<Record<string, string | undefined>>): WishTemplateIds {
  const ids = {} as WishTemplateIds
  for (const name of WISH_TEMPLATE_NAMES) {
    const value = env[WISH_TEMPLATE_ENV[name]]?.trim()
    ids[name] = value || WISH_TEMPLATE_DEFAULTS[name]
  }
  return ids
}

/**
 * The moments a person acts, and the messages that action may later bring THEM (the function
 * never messages the actor about their own step). A one-time subscription allows one message per
 * acceptance, so each moment asks for what can follow it; WeChat shows at most 3 per request.
 *
 * - submit (a grid worker at the door): the writer hears publish/reject, and as the wish's
 *   contact hears when it is lit (deliver follows later, asked for when they look at it again).
 * - submitSelf (a resident for themself): writer (publish/reject) and beneficiary (delivered).
 * - light (the claimer): their claim released (revoked, overdue) and the confirmation.
 * - deliver (the claimer): the confirmation (and rating) of what they brought, or 没收到
 *   (disputeDelivery): either outcome of a delivery goes out on the `confirmed` template.
 */
export const SUBSCRIBE_MOMENTS = {
  submit: ['published', 'rejected', 'lit'],
  submitSelf: ['published', 'rejected', 'delivered'],
  light: ['released', 'confirmed'],
  deliver: ['confirmed'],
} as const satisfies Record<string, readonly WishTemplate[]>

export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS

/** WeChat's limit for one requestSubscribeMessage call. */
export const MAX_TEMPLATES_PER_REQUEST = 3

/** The template ids to ask for at a moment, without duplicates, at most three. */
export function subscribeTemplateIds(moment: SubscribeMoment, ids: WishTemplateIds): string[] {
  const out: string[] = []
  for (const name of SUBSCRIBE_MOMENTS[moment]) {
    const id = ids[name]
    if (!out.includes(id)) out.push(id)
  }
  return out.slice(0, MAX_TEMPLATES_PER_REQUEST)
}
