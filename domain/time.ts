/**
 * China time, in one place. China has kept one offset, UTC+8, without daylight saving since 1991,
 * so a fixed offset is exact for every date this app stores. The IANA `timezone` machinery
 * (Intl.DateTimeFormat, dayjs's timezone plugin) is left out on purpose: its support varies
 * across WeChat's JavaScript engines and it would answer the same. domain/time.test.ts checks the
 * boundaries against Intl's Asia/Shanghai where the test runs.
 */
export const CHINA_OFFSET_MINUTES = 8 * 60
export const CHINA_OFFSET_MS = CHINA_OFFSET_MINUTES * 60_000

const DAY_MS = 24 * 3_600_000

/** The wall-clock reading in China, as if it were UTC: its getUTC* fields are China's calendar fields. */
export function chinaWallClock(at: Date): Date {
  return new Date(at.getTime() + CHINA_OFFSET_MS)
}

/** The instant of 00:00 China time on `day` of `month` (0-based; overflow rolls into the next month or year). */
export function chinaMidnight(year: number, month: number, day = 1): Date {
  return new Date(Date.UTC(year, month, day) - CHINA_OFFSET_MS)
}

/** 00:00 China time of the day that contains `at`. */
export function startOfChinaDay(at: Date): Date {
  return new Date(Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS)
}

/** 00:00 China time on 1 January of the year that contains `at`: what "this year" counts from. */
export function startOfChinaYear(at: Date): Date {
  return chinaMidnight(chinaWallClock(at).getUTCFullYear(), 0)
}
