/**
 * The privacy authorization WeChat asks for (wx.onNeedPrivacyAuthorization): the first time the
 * person uses a private API (the phone button, the camera or album, a chat file), the platform
 * holds the call and hands over a `resolve`; the app shows its popup and answers agree (with the
 * id of the `open-type="agreePrivacyAuthorization"` button the person tapped) or disagree, and the
 * held call goes on or fails. This file keeps what is pending between the platform's listener
 * (registered once at start-up, privacy.weapp.ts) and the popup (components/PrivacyConsent), which
 * pages mount as hosts. It is in the main package, so it stays small.
 */

export type PrivacyEvent = 'exposureAuthorization' | 'agree' | 'disagree'
export type PrivacyResolve = (answer: { event: PrivacyEvent; buttonId?: string }) => void

/** The privacy page (packages/privacy): what is kept and why; with `consent=1`, the popup's page of last resort. */
export const PRIVACY_PAGE = '/packages/privacy/pages/index/index'

/** The id the popup's agree button carries; WeChat checks that this very button was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

export interface PrivacyState {
  /** What the platform is holding, by the API or component that asked (`button.getPhoneNumber`, `chooseMedia`…). */
  pending: { referrer: string } | null
  /** The popup that shows it: the latest host whose page is showing. */
  host: object | null
  /** The last answer, for the page to explain a refusal. */
  last: { referrer: string; outcome: 'agreed' | 'refused'; host: object | null } | null
}

export function createPrivacyGate(onUnhosted: (referrer: string) => void = () => undefined) {
  let resolves: PrivacyResolve[] = []
  let exposed = false
  const hosts: object[] = []
  const listeners = new Set<() => void>()
  let state: PrivacyState = { pending: null, host: null, last: null }

  const set = (next: Partial<PrivacyState>) => {
    state = { ...state, ...next, host: hosts[hosts.length - 1] ?? null }
    listeners.forEach((l) => l())
  }
  const answer = (event: PrivacyEvent, buttonId?: string) => {
    const waiting = resolves
    if (!state.pending) return
    const last = { referrer: state.pending.referrer, outcome: event === 'agree' ? ('agreed' as const) : ('refused' as const), host: state.host }
    resolves = []
    set({ pending: null, last })
    for (const resolve of waiting) resolve(event === 'agree' ? { event, buttonId } : { event })
  }

  return {
    /** The platform's listener: hold `resolve` until the person answers. */
    ask(resolve: PrivacyResolve, referrer = '') {
      resolves.push(resolve)
      if (!state.pending) exposed = false
      set({ pending: state.pending ?? { referrer } })
      // No popup on this page: the caller opens a page that has one.
      if (!state.host) onUnhosted(referrer)
    },
    /** A popup's page is showing (again): it shows what is pending. */
    show(host: object) {
      const i = hosts.indexOf(host)
      if (i >= 0) hosts.splice(i, 1)
      hosts.push(host)
      set({})
    },
    /** A popup's page is hidden or gone. */
    hide(host: object) {
      const i = hosts.indexOf(host)
      if (i < 0) return
      hosts.splice(i, 1)
      set({})
    },
    /** The popup is on screen: tell the platform once per request, as it asks. */
    exposed() {
      if (exposed || !state.pending) return
      exposed = true
      resolves.forEach((resolve) => resolve({ event: 'exposureAuthorization' }))
    },
    agree: (buttonId: string) => answer('agree', buttonId),
    refuse: () => answer('disagree'),
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    snapshot: () => state,
  }
}

export type PrivacyGate = ReturnType<typeof createPrivacyGate>

let opener: (referrer: string) => void = () => undefined

/** The app's one gate; the platform file says what happens when no page has a popup. */
export const privacyGate = createPrivacyGate((referrer) => opener(referrer))

export function whenUnhosted(open: (referrer: string) => void): void {
  opener = open
}
