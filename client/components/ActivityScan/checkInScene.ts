import { parseCheckInScene } from '@domain/activities/checkin'
import { safeDecode } from '@/hooks/usePageParams'
import type { Scanned } from './scan'

/**
 * The activity and 6 digits a scan of the organiser's check-in code carries. WeChat answers a
 * mini-program code with the page path (`…/detail/index?scene=k%3Aact-1%3A123456`); a plain QR
 * code of the same scene comes back as its text. Null for anything else.
 */
export function checkInOf(scanned: Scanned): { activityId: string; code: string } | null {
  const direct = parseCheckInScene(scanned.result.trim())
  if (direct) return direct
  const query = scanned.path.split('?')[1] ?? ''
  for (const pair of query.split('&')) {
    const [k, v = ''] = pair.split('=')
    if (k === 'scene') return parseCheckInScene(safeDecode(v))
  }
  return null
}
