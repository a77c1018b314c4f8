import { chinaWallClock } from '../../../domain/time'

/** 2026年12月4日 09:30: a subscription message's `time` value, in China time. */
export function formatChinaTime(at: Date): string {
  const t = chinaWallClock(new Date(at))
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`
}
