import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * Times are stored as ISO instants and shown in China time. China has had one offset, UTC+8,
 * with no daylight saving since 1991, so a fixed offset is exact for any date this app stores.
 * That needs only dayjs's small `utc` plugin; the `timezone` plugin would add the IANA
 * machinery through Intl.DateTimeFormat, whose time-zone support varies across WeChat's
 * JavaScript engines, for no difference in the result.
 */
const CHINA_OFFSET_MINUTES = 8 * 60

/** `2026-11-22 14:05` in China time; '' for a value that is not a time. */
export function formatChinaTime(iso: string, pattern = 'YYYY-MM-DD HH:mm'): string {
  const t = dayjs.utc(iso)
  return t.isValid() ? t.utcOffset(CHINA_OFFSET_MINUTES).format(pattern) : ''
}
