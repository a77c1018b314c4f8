import { CHINA_OFFSET_MINUTES } from '@domain/time'

const DAY = 86_400_000
const OFFSET = CHINA_OFFSET_MINUTES * 60_000

/** `YYYY-MM-DD` of `now` plus `days`, in China time (the pickers' date). */
export function chinaDate(now: Date, days = 0): string {
  return new Date(now.getTime() + OFFSET + days * DAY).toISOString().slice(0, 10)
}

/** The instant of a China date and `HH:mm`, as the ISO text the contract takes (`…T09:00:00+08:00`). */
export function chinaIso(date: string, time: string): string {
  return `${date}T${time}:00+08:00`
}

/** What a new activity starts with: tomorrow 9 to 11 in the morning, China time. */
export function defaultTimes(now: Date) {
  const date = chinaDate(now, 1)
  return { startDate: date, startTime: '09:00', endDate: date, endTime: '11:00' }
}
