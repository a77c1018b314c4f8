import type { ReportView } from './draw'

const rank = (n: number, id: string, name: string, hours: number, activitiesHeld: number) => ({ rank: n, id, name, values: { hours, activitiesHeld, wishesDone: 1, ordersDone: 2, problemsSolved: 0 } })

/** A report as stats.report answers it (龙门县, November 2026), for the page and picture tests. */
export function reportFixture(overrides: Partial<ReportView> = {}): ReportView {
  return {
    id: 'org-longmen:m2026-11',
    scopeId: 'org-longmen',
    scopeName: '龙门县',
    level: 'county',
    month: 'm2026-11',
    monthLabel: '2026年11月',
    title: '龙门县2026年11月党员双报到工作进度通报',
    createdAt: '2026-11-30T17:00:00.000Z',
    totals: [
      { key: 'members', label: '报到党员', value: 42, unit: '人' },
      { key: 'activitiesHeld', label: '开展活动', value: 6, unit: '场' },
      { key: 'hours', label: '服务时长', value: 128.5, unit: '小时' },
      { key: 'avgRating', label: '点单平均评价', value: null, unit: '星' },
    ],
    communities: [rank(1, 'org-beimen', '北门社区', 60.5, 3), rank(2, 'org-chengnan', '城南社区', 40, 2), rank(3, 'org-taipingmen', '太平门社区', 0, 0)],
    units: [rank(1, 'unit-water-bureau', '县水利局', 50, 2), rank(2, 'unit-publicity', '县委宣传部', 0, 0)],
    lagging: {
      noActivity: [
        { id: 'org-taipingmen', name: '太平门社区', why: '本月未开展活动' },
        { id: 'unit-publicity', name: '县委宣传部', why: '本月未开展共建活动' },
      ],
      requirementNotMet: [{ id: 'unit-water-bureau', name: '县水利局', why: '12人未达年度要求' }],
      overdueOrders: [],
    },
    ...overrides,
  }
}
