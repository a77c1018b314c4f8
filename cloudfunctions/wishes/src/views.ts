/**
 * What each person may see of a wish (docs/wishes.md "Privacy"), built field by field from the
 * stored record, never by spreading it, so a field added to the record later cannot leak.
 */
import type { ReviewItem, WishAbilities, WishCard, WishDetail, WishHistoryItem } from '../../../domain/api/wishes'
import { can } from '../../../domain/permissions'
import { maskName, redactText } from '../../../domain/privacy'
import type { RegistrationRecord } from '../../../domain/registration'
import type { UserRecord } from '../../../domain/users'
import {
  availableVerbs,
  awaitsDelivery,
  beneficiaryFacts,
  claimDeadline,
  isOnWall,
  maskedBeneficiary,
  progressLabel,
  WISH_ACTIONS,
  WISH_HISTORY_LABELS,
  WISH_STATE_LABELS,
  wishCallerOf,
  wishShareCard,
  wishTarget,
  type WishAction,
  type WishCaller,
  type WishRecord,
} from '../../../domain/wishes'

/** Who is looking: a person as the planner sees them (roles, relation), or null for someone the backend does not know (a shared card opened by a stranger). */
export type Viewer = WishCaller | null

export function viewerOf(caller: UserRecord | null, live: Pick<RegistrationRecord, '_id' | 'communityId' | 'unitId'> | null): Viewer {
  return caller ? wishCallerOf(caller, live) : null
}

const iso = (d: Date | string | null | undefined): string => (d ? new Date(d).toISOString() : '')

/** Fields a card query needs (the wall, "mine"): no private sub-document is read at all except the name to mask. */
export const CARD_FIELDS = {
  _id: true,
  title: true,
  communityId: true,
  communityName: true,
  'beneficiary.name': true,
  'beneficiary.category': true,
  'beneficiary.phone': true,
  'beneficiary.room': true,
  'beneficiary.buildingName': true,
  estimatedValue: true,
  state: true,
  updatedAt: true,
  publishedAt: true,
} as const

type CardSource = Pick<WishRecord, '_id' | 'title' | 'communityId' | 'communityName' | 'beneficiary' | 'estimatedValue' | 'state' | 'updatedAt'>

/** A card everybody may see: the title redacted again, the beneficiary masked. */
export function toCard(wish: CardSource): WishCard {
  return {
    id: wish._id,
    title: redactText(wish.title, beneficiaryFacts(wish.beneficiary)),
    category: wish.beneficiary.category,
    communityId: wish.communityId,
    communityName: wish.communityName,
    beneficiary: maskedBeneficiary(wish.beneficiary),
    estimatedValue: wish.estimatedValue,
    state: wish.state,
    stateLabel: WISH_STATE_LABELS[wish.state],
    progress: progressLabel(wish.state),
    updatedAt: iso(wish.updatedAt),
  }
}

export function toReviewItem(wish: WishRecord): ReviewItem {
  return {
    ...toCard(wish),
    // Staff see the text as written: they are the ones who correct it.
    title: wish.title,
    beneficiaryName: wish.beneficiary.name,
    buildingName: wish.beneficiary.buildingName,
    authorName: wish.author.name,
    hasVisit: !!wish.visit,
    createdAt: iso(wish.createdAt),
  }
}

/**
 * A row of the street's or county's overview: they do not hold wish.viewPrivate, so the card's
 * masked beneficiary (王**) and redacted title, no building; the writer and the visit are theirs to see.
 */
export function toOverviewItem(wish: WishRecord): ReviewItem {
  return {
    ...toCard(wish),
    beneficiaryName: maskName(wish.beneficiary.name),
    buildingName: '',
    authorName: wish.author.name,
    hasVisit: !!wish.visit,
    createdAt: iso(wish.createdAt),
  }
}

function relation(wish: WishRecord, viewer: Viewer) {
  const me = viewer?.kind === 'user' ? viewer.userId : null
  return {
    staff: viewer?.kind === 'user' && can(viewer.grants, 'wish.viewPrivate', wishTarget(wish)),
    claimer: !!me && wish.claim?.userId === me,
    beneficiary: !!me && wish.beneficiary.userId === me,
    author: !!me && wish.author.userId === me,
  }
}

/** May this viewer open the wish at all? Off the wall only its own people and staff see it. */
export function canSee(wish: WishRecord, viewer: Viewer): boolean {
  if (isOnWall(wish.state)) return true
  const r = relation(wish, viewer)
  return r.staff || r.author || r.beneficiary
}

/** The buttons: exactly the domain's availableVerbs for this viewer, each action true or false. */
export function abilities(wish: WishRecord, viewer: Viewer): WishAbilities {
  const offered = new Set<WishAction>(availableVerbs(wish, viewer))
  const buttons = Object.fromEntries(WISH_ACTIONS.map((a) => [a, offered.has(a)])) as Record<WishAction, boolean>
  return buttons
}

/**
 * The wish page for this viewer. Staff (wish.viewPrivate on the household) see everything; the
 * claimer sees the grid worker as the contact and never the beneficiary's phone or address; the
 * public sees the card, the details and the progress. Outside staff every free text is redacted
 * against the beneficiary's known facts, and the beneficiary's own name is shown as 受助人.
 */
export function toDetail(wish: WishRecord, viewer: Viewer): WishDetail {
  const r = relation(wish, viewer)
  const view: WishDetail['view'] = r.staff ? 'staff' : r.claimer ? 'claimer' : r.beneficiary ? 'beneficiary' : r.author ? 'author' : 'public'
  const f = beneficiaryFacts(wish.beneficiary)
  const clean = (text: string) => (r.staff ? text : redactText(text, f))
  const involved = view !== 'public'
  const nameOf = (by: string, byName: string) => (!r.staff && wish.beneficiary.userId && by === wish.beneficiary.userId ? '受助人' : clean(byName))
  const history: WishHistoryItem[] = involved
    ? (wish.history ?? []).map((h) => {
        const item: WishHistoryItem = { verb: h.verb, label: WISH_HISTORY_LABELS[h.verb], from: h.from, to: h.to, byName: nameOf(h.by, h.byName), at: iso(h.at) }
        if (h.reason) item.reason = clean(h.reason)
        return item
      })
    : []
  return {
    ...toCard(wish),
    title: clean(wish.title),
    view,
    details: clean(wish.details),
    contact: involved ? { name: wish.contact.name, phone: (r.staff || r.claimer) && wish.contact.phone ? wish.contact.phone : null } : null,
    claim: wish.claim
      ? { name: r.staff || r.claimer ? wish.claim.name : maskName(wish.claim.name), kind: wish.claim.kind, at: iso(wish.claim.at), mine: r.claimer }
      : null,
    delivery: involved && wish.delivery ? { photos: wish.delivery.photos.map((p) => p.fileId), note: wish.delivery.note ? clean(wish.delivery.note) : null, at: iso(wish.delivery.at) } : null,
    confirmation: wish.confirmation
      ? { byName: wish.confirmation.as === 'beneficiary' && !r.staff ? '受助人' : clean(wish.confirmation.byName), as: wish.confirmation.as, at: iso(wish.confirmation.at) }
      : null,
    rating: wish.rating ? { stars: wish.rating.stars, thanks: wish.rating.thanks ? clean(wish.rating.thanks) : null, at: iso(wish.rating.at) } : null,
    reason: (r.staff || r.author || r.beneficiary) && wish.reason ? wish.reason : null,
    serviceHours: wish.serviceHours ?? null,
    private: r.staff
      ? {
          beneficiary: {
            name: wish.beneficiary.name,
            phone: wish.beneficiary.phone ?? null,
            buildingId: wish.beneficiary.buildingId,
            buildingName: wish.beneficiary.buildingName,
            room: wish.beneficiary.room ?? null,
            userId: wish.beneficiary.userId ?? null,
          },
          photos: (wish.photos ?? []).map((p) => p.fileId),
          consent: wish.consent ? { method: wish.consent.method, at: iso(wish.consent.at) } : null,
          visit: wish.visit ? { at: iso(wish.visit.at), note: wish.visit.note, byName: wish.visit.byName } : null,
          author: { name: wish.author.name, as: wish.author.as },
        }
      : null,
    history,
    // The deadline stamped when it was lit; an older unstamped claim keeps the default days, as the timer does.
    claimDeadline: awaitsDelivery(wish.state) && wish.claim && (r.staff || r.claimer) ? iso(claimDeadline(wish.claim)) : null,
    can: abilities(wish, viewer),
    share: wishShareCard(wish, { name: wish.communityName }),
  }
}
