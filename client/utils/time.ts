import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { CHINA_OFFSET_MINUTES } from '@domain/time'

dayjs.extend(utc)

// Times are stored as ISO instants and shown in China time (domain/time.ts says why a fixed
// offset): only dayjs's small `utc` plugin is needed.

/** `2026-11-22 14:05` in China time; '' for a value that is not a time. */
export function formatChinaTime(iso: string, pattern = 'YYYY-MM-DD HH:mm'): string {
  const t = dayjs.utc(iso)
  return t.isValid() ? t.utcOffset(CHINA_OFFSET_MINUTES).format(pattern) : ''
}
