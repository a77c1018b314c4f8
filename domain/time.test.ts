import { chinaMidnight, chinaWallClock, startOfChinaDay, startOfChinaYear } from './time'

/** Calendar fields in Asia/Shanghai from the platform's own time-zone database, independent of this module. */
function shanghai(at: Date) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(at)
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') }
}

describe('China time', () => {
  it.each([
    ['New Year, one minute before, UTC', '2026-12-31T15:59:00Z', 2026],
    ['New Year, the first minute, China time', '2026-12-31T16:00:00Z', 2027],
    ['mid-year', '2026-07-01T00:00:00Z', 2026],
  ])('startOfChinaYear: %s', (_label, iso, year) => {
    const start = startOfChinaYear(new Date(iso))
    expect(shanghai(start)).toEqual({ year, month: 1, day: 1, hour: 0 })
    expect(start.getTime()).toBeLessThanOrEqual(new Date(iso).getTime())
  })

  it.each(['2026-11-30T15:59:59Z', '2026-11-30T16:00:00Z', '2026-03-01T03:00:00Z'])('startOfChinaDay(%s) is 00:00 of that China day', (iso) => {
    const at = new Date(iso)
    const start = startOfChinaDay(at)
    const s = shanghai(at)
    expect(shanghai(start)).toEqual({ year: s.year, month: s.month, day: s.day, hour: 0 })
    expect(at.getTime() - start.getTime()).toBeLessThan(24 * 3_600_000)
  })

  it('chinaMidnight rolls over months and years; the wall clock reads China fields', () => {
    expect(chinaMidnight(2026, 12).toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(chinaWallClock(new Date('2026-12-31T16:30:00Z')).getUTCFullYear()).toBe(2027)
  })
})
