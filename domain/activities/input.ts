/**
 * What an organiser types for an activity, checked beyond its schema (domain/api/activities.ts):
 * times that make sense, hours that fit in them, nothing private in the public text.
 */
import './errors'
import { DomainError } from '../errors'
import { privateKindsIn } from '../privacy'
import { roundHours } from '../requirements'

export interface ActivityInput {
  title: string
  description: string
  themeId?: string | null
  placeNodeId: string
  address: string
  startAt: string
  endAt: string
  capacity: number
  skills: string[]
  hours: number
  openToCitizens: boolean
}

export const TITLE_MAX = 40
export const DESCRIPTION_MAX = 500
export const CAPACITY_MAX = 1000
export const SKILLS_MAX = 8
const HOUR = 3600_000

export interface CheckedTimes {
  startAt: Date
  endAt: Date
}

/** Start before end, not in the past, at most a day long; planned hours positive, in halves or tenths, within the time. */
export function checkActivityInput(input: ActivityInput, now: Date): CheckedTimes {
  const startAt = new Date(input.startAt)
  const endAt = new Date(input.endAt)
  if (Number.isNaN(startAt.getTime()) || Number.isNaN(endAt.getTime())) throw new DomainError('ACTIVITY.BAD_TIME')
  if (endAt <= startAt) throw new DomainError('ACTIVITY.ENDS_BEFORE_START')
  if (startAt < now) throw new DomainError('ACTIVITY.STARTS_IN_PAST')
  if (endAt.getTime() - startAt.getTime() > 24 * HOUR) throw new DomainError('ACTIVITY.TOO_LONG')
  if (!(input.hours > 0) || roundHours(input.hours) !== input.hours) throw new DomainError('ACTIVITY.BAD_HOURS')
  if (input.hours > (endAt.getTime() - startAt.getTime()) / HOUR) throw new DomainError('ACTIVITY.HOURS_ABOVE_DURATION')
  for (const [field, text] of [['title', input.title], ['description', input.description], ['address', input.address]] as const) {
    if (privateKindsIn(text).includes('phone')) throw new DomainError('ACTIVITY.PRIVATE_INFO', '活动信息会公开展示，请不要填写个人手机号码', { field })
  }
  return { startAt, endAt }
}
