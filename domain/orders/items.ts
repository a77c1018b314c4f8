/** The service list (服务清单): what a community asks for, claimed by members whose skills fit. */
import { DomainError } from '../errors'
import { SERVICE_CATEGORIES } from '../orders-labels'
import { SKILL_TAGS } from '../registration'
import { DESCRIPTION_MAX, HOURS_MIN } from './input'

export interface ServiceItemInput {
  category: string
  title: string
  description: string
  skills: string[]
  expectedHours: number
  capacity: number
  /** A standing item (常设项目) is claimed by members, up to `capacity`; a plain one is only ordered by residents. */
  standing: boolean
}

/** One item of a community's service list, as stored in `service_items`. */
export interface ServiceItem extends ServiceItemInput {
  _id: string
  communityId: string
  /** Members who claimed this standing item; its length never exceeds `capacity` (the claim's conditional update keeps it). */
  claimants: string[]
  active: boolean
  createdAt: Date
  updatedAt: Date
}

export const TITLE_MAX = 30
export const CAPACITY_MAX = 1000
export const EXPECTED_HOURS_MAX = 200

export function checkServiceItemInput(input: ServiceItemInput, claimedCount = 0): ServiceItemInput {
  if (!(SERVICE_CATEGORIES as readonly string[]).includes(input.category)) throw new DomainError('ORDER.CATEGORY_UNKNOWN')
  const title = input.title.trim()
  if (title.length < 2 || title.length > TITLE_MAX) throw new DomainError('ORDER.ITEM_TITLE_REQUIRED')
  const description = input.description.trim()
  if (description.length > DESCRIPTION_MAX) throw new DomainError('ORDER.DESCRIPTION_TOO_LONG')
  if (input.skills.some((s) => !(SKILL_TAGS as readonly string[]).includes(s))) throw new DomainError('ORDER.SKILL_UNKNOWN')
  const h = input.expectedHours
  if (!Number.isFinite(h) || h < HOURS_MIN || h > EXPECTED_HOURS_MAX || Math.round(h * 2) !== h * 2) throw new DomainError('ORDER.EXPECTED_HOURS_INVALID')
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > CAPACITY_MAX) throw new DomainError('ORDER.CAPACITY_INVALID')
  if (input.capacity < claimedCount) throw new DomainError('ORDER.CAPACITY_BELOW_CLAIMED')
  return { category: input.category, title, description, skills: [...new Set(input.skills)], expectedHours: h, capacity: input.capacity, standing: input.standing }
}

export function seatsLeft(item: Pick<ServiceItem, 'capacity' | 'claimants'>): number {
  return Math.max(0, item.capacity - item.claimants.length)
}

/**
 * A member claiming a standing item. The database repeats the capacity and duplicate checks in
 * the write (`where({ _id, active: true, claimants: _.nin([userId]), 'claimants.<capacity-1>': _.exists(false) })`
 * then `claimants: _.push(userId)`), so simultaneous claims never overfill it; this is the
 * precise answer for the person when that write changed nothing.
 */
export function checkItemClaim(
  item: Pick<ServiceItem, 'communityId' | 'capacity' | 'claimants' | 'skills' | 'standing' | 'active'>,
  member: { userId: string; communityId: string; skills: readonly string[] },
): void {
  if (!item.standing || !item.active) throw new DomainError('ORDER.ITEM_CLOSED')
  if (member.communityId !== item.communityId) throw new DomainError('ORDER.OUTSIDE_COMMUNITY')
  if (item.claimants.includes(member.userId)) throw new DomainError('ORDER.ITEM_ALREADY_JOINED')
  if (item.skills.length > 0 && !item.skills.some((s) => member.skills.includes(s))) throw new DomainError('ORDER.SKILL_MISMATCH')
  if (seatsLeft(item) === 0) throw new DomainError('ORDER.CAPACITY_FULL')
}
