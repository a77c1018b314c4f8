/** A wish as stored in the `wishes` collection, and its parts. */
import type { WishCategory, WallTab, WishState } from '../wishes-labels'
import type { WishHistoryVerb } from './lifecycle'

export interface WishPhoto {
  /** Cloud storage file id. */
  fileId: string
  mime: string
  bytes: number
}

/** Private: seen only by those who may `wish.viewPrivate` (the grid worker, the community). */
export interface Beneficiary {
  name: string
  phone?: string
  category: WishCategory
  /** The resident's own account, when they have one (self-submitted, or linked later). */
  userId?: string
  buildingId: string
  buildingName: string
  /** Unit and room, e.g. 2单元501. */
  room?: string
  /** Their WeChat openid when they have an account: where their subscription messages go. */
  openid?: string
}

export interface Consent {
  /** How the beneficiary agreed to have the wish published (masked) on the wall and in shares. */
  method: 'verbal' | 'signed' | 'self'
  at: Date
  recordedBy: string
}

export interface VisitRecord {
  at: Date
  note: string
  by: string
  byName: string
}

export type ClaimKind = 'member' | 'caring_citizen'

/** What of a member's live registration a claim keeps: what the service-hours row names. */
export interface ClaimRegistration {
  id: string
  communityId: string
  unitId: string
}

export interface Claim {
  userId: string
  name: string
  kind: ClaimKind
  at: Date
  /** Where the claimer's subscription messages go (release, revocation). */
  openid?: string
  /**
   * A member's live registration when they lit it: what the service-hours row of a confirmed wish
   * names (registration, community, unit), so confirming needs no read of the claimer.
   */
  registration?: ClaimRegistration
  /**
   * When the claim is released if not delivered: lighting time + the community's
   * `claimReleaseDays` as they were when it was lit (a later change of the setting does not move a
   * promise already made). Claims stored before this field existed use the default days.
   */
  releaseAt?: Date
}

export interface Delivery {
  photos: WishPhoto[]
  note?: string
  at: Date
}

export interface Confirmation {
  by: string
  byName: string
  as: 'beneficiary' | 'grid_worker'
  at: Date
}

export interface Rating {
  stars: number
  thanks?: string
  by: string
  at: Date
}

/**
 * One step of a wish's life, pushed by the same conditional update that changes the state: the
 * audit record (who, from, to, when, why). `claimerId` names the claimer a release took the wish
 * from, so the timeline and the notification know whom it concerned.
 */
export interface WishHistoryEntry {
  verb: WishHistoryVerb
  from: WishState
  to: WishState
  /** The acting user's record id, or 'system'. */
  by: string
  byName: string
  at: Date
  reason?: string
  claimerId?: string
  /** The invocation that wrote it. */
  op?: string
  /** disputeDelivery: the delivery said not received (its photos stay on record here). */
  disputed?: Delivery
}

/** Who wrote the wish down. */
export interface WishAuthor {
  userId: string
  name: string
  as: 'grid_worker' | 'beneficiary'
  openid?: string
}

/** A wish as stored in the `wishes` collection. */
export interface WishRecord {
  _id: string
  communityId: string
  communityName: string
  /** lineage() of the household's building: the scope of every staff decision. */
  lineage: string[]
  beneficiary: Beneficiary
  title: string
  details: string
  estimatedValue: number
  photos: WishPhoto[]
  consent: Consent | null
  visit: VisitRecord | null
  state: WishState
  author: WishAuthor
  /** The grid worker claimers talk to: never the beneficiary's own phone. */
  contact: { userId: string; name: string; phone?: string; openid?: string }
  /** The offline submission's idempotency key, unique per author. */
  intakeKey: string
  claim: Claim | null
  delivery: Delivery | null
  confirmation: Confirmation | null
  rating: Rating | null
  /** Why it was rejected or taken down; meaningful in those states. */
  reason?: string
  /** Service hours set by the review; otherwise the setting applies. */
  serviceHours?: number
  /**
   * Wall placement, kept in step with `state` by every write (wallPlacement): the wall's queries
   * are then equality on indexed fields, in `publishedAt` order, so a page stops after `limit`.
   */
  onWall?: boolean
  wallTab?: WallTab | null
  /** When first published: the wall's order (a lit or released wish keeps its place). */
  publishedAt?: Date | null
  history: WishHistoryEntry[]
  createdAt: Date
  updatedAt: Date
}
