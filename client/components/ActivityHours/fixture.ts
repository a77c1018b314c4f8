import type { HoursListView } from '@domain/api/activities'

/** An hours list as `activities.hoursList` answers it (敬老院义务理发: 李建国 2 h, 王芳 declined), for tests. */
export const hoursView = (over: Partial<HoursListView> = {}): HoursListView => ({
  activityId: 'act-held',
  title: '敬老院义务理发',
  state: 'held',
  stateLabel: '待核时长',
  plannedHours: 2,
  rounding: { zeroBelow: 15, halfBelow: 45 },
  lines: [
    { userId: 'u-li', name: '李建国', checkInAt: '2026-11-21T01:00:00.000Z', checkOutAt: '2026-11-21T03:10:00.000Z', computed: 2, hours: 2, adjustment: null },
    { userId: 'u-wang', name: '王芳', checkInAt: '2026-11-21T01:05:00.000Z', checkOutAt: null, computed: 0, hours: 0, adjustment: { hours: null, declined: true, reason: '没有参加', byName: '陈红', at: '2026-11-21T05:00:00.000Z' } },
  ],
  totalHours: 2,
  canEdit: true,
  booking: null,
  ...over,
})
