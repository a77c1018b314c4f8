/**
 * The demo county's grid work (docs/grid.md), seeded with the rest (seed.ts): households and
 * residents of 北门花园, visits, patrol problems, 微提案 and 微实事. Each area's records are built
 * by its own function below, timed from the moment of seeding.
 */
import { DEFAULT_VISIT_RULES, tagsOf, visitDue, type ResidentTag } from '../../domain/grid/households'

const DAY = 86_400_000
const GRID_LINEAGE = ['org-longmen', 'org-longcheng', 'org-beimen', 'org-beimen-garden', 'org-beimen-grid-1']
const BUILDING_NAMES: Record<string, string> = { 'org-beimen-b1': '北门花园1栋', 'org-beimen-b2': '北门花园2栋' }

type DemoResident = [name: string, tags: ResidentTag[], phone: string | null, birthYear: number | null, note?: string]

/**
 * Five doors of 北门第一网格 (张敏's grid): 王秀英 lives alone in 1栋1单元101 and was last visited 40
 * days ago, so she is overdue by the default rule (独居老人 every 30 days); 1单元302's boy is 留守儿童,
 * visited 10 days ago; the others carry no rule, or were never visited. The ids are fixed for tests.
 */
const DEMO_DOORS: [id: string, buildingId: string, door: string, lastVisitDaysAgo: number | null, residents: DemoResident[]][] = [
  ['hh-demo-b1-101', 'org-beimen-b1', '1单元101', 40, [['王秀英', ['elderly_alone', 'party_member'], '13800001001', 1946, '腿脚不便，上午在家']]],
  ['hh-demo-b1-302', 'org-beimen-b1', '1单元302', 10, [['刘小宇', ['left_behind_child'], null, 2015], ['刘桂兰', [], '13800002002', 1958, '孙子的奶奶']]],
  ['hh-demo-b1-501', 'org-beimen-b1', '2单元501', null, [['赵德明', ['subsistence', 'disabled'], '13800002003', 1962]]],
  ['hh-demo-b2-201', 'org-beimen-b2', '1单元201', 5, [['李建国', ['party_member'], '13800001002', 1980], ['何芳', [], null, 1982]]],
  ['hh-demo-b2-602', 'org-beimen-b2', '2单元602', null, [['钱秀兰', ['elderly_alone'], '13800002005', 1940]]],
]

export function demoHouseholds(now: Date = new Date()): Record<string, unknown>[] {
  const createdAt = new Date(now.getTime() - 60 * DAY)
  return DEMO_DOORS.map(([id, buildingId, door, ago, people]) => {
    const residents = people.map(([name, tags, phone, birthYear, note], i) => ({ id: `${id}-r${i + 1}`, name, tags, phone, birthYear, note: note ?? '' }))
    const tags = tagsOf(residents)
    const lastVisitAt = ago === null ? null : new Date(now.getTime() - ago * DAY)
    return {
      _id: id, communityId: 'org-beimen', gridId: 'org-beimen-grid-1', buildingId, buildingName: BUILDING_NAMES[buildingId],
      lineage: [...GRID_LINEAGE, buildingId], door, residents, tags, lastVisitAt,
      visitDueAt: visitDue({ tags, lastVisitAt, createdAt }, DEFAULT_VISIT_RULES),
      createdAt, updatedAt: createdAt, createdBy: 'user-demo-grid',
    }
  })
}

/** 张敏's visits behind the last-visit dates above; one need of 1单元302's became nothing yet. */
export function demoVisits(now: Date = new Date()): Record<string, unknown>[] {
  const visit = (id: string, householdId: string, ago: number, seen: string, needs: { kind: string; text: string }[]) => {
    const [, buildingId, door] = DEMO_DOORS.find(([h]) => h === householdId)!
    return {
      _id: id, householdId, door, buildingName: BUILDING_NAMES[buildingId], lineage: [...GRID_LINEAGE, buildingId], communityId: 'org-beimen', gridId: 'org-beimen-grid-1',
      visitedAt: new Date(now.getTime() - ago * DAY), by: 'user-demo-grid', byName: '张敏', seen,
      needs: needs.map((n) => ({ ...n, followUp: null })), photos: [], createdAt: new Date(now.getTime() - ago * DAY),
    }
  }
  return [
    visit('demoseed-1', 'hh-demo-b1-101', 40, '老人身体还好，家里灯泡坏了两个。', [{ kind: 'order', text: '请人上门换两个灯泡' }]),
    visit('demoseed-2', 'hh-demo-b1-302', 10, '孩子在家写作业，奶奶说缺少课外书。', [{ kind: 'wish', text: '想要几本适合三年级的课外书' }]),
    visit('demoseed-3', 'hh-demo-b2-201', 5, '一家人都好，没有需求。', []),
  ]
}

/**
 * Three patrol problems of 北门花园 in different states: one just reported by 王秀英 (waiting for
 * the meeting), one assigned to 县水利局 after the meeting (due in three days), one confirmed.
 */
export function demoProblems(now: Date = new Date()): Record<string, unknown>[] {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000)
  const lineage = (buildingId: string) => [...GRID_LINEAGE, buildingId]
  const photo = (name: string) => ({ fileId: `cloud://demo/problems/${name}.jpg`, mime: 'image/jpeg', bytes: 48_000 })
  const wang = { by: 'user-demo-resident', byName: '王秀英' }
  const zhang = { by: 'user-demo-grid', byName: '张敏' }
  const chen = { by: 'user-demo-community-admin', byName: '陈红' }
  const water = { kind: 'unit', id: 'unit-water-bureau', name: '县水利局' }
  const base = (id: string, buildingId: string, category: string, description: string, address: string, reporter: { by: string; byName: string }, createdHoursAgo: number) => ({
    _id: id,
    category,
    description,
    placeNodeId: buildingId,
    placeName: BUILDING_NAMES[buildingId],
    address,
    lineage: lineage(buildingId),
    communityId: 'org-beimen',
    photos: [photo(id)],
    reporterId: reporter.by,
    reporterName: reporter.byName,
    createdAt: at(createdHoursAgo),
  })
  return [
    {
      ...base('prob-demo-reported', 'org-beimen-b1', '环境卫生', '1栋楼道里堆了旧家具，挡住了消防通道', '1单元一楼楼道', wang, 3),
      state: 'reported', stateSince: at(3), assignee: null, dueAt: null, overdue: null, updatedAt: at(3),
      history: [{ verb: 'report', from: null, to: 'reported', ...wang, at: at(3) }],
    },
    {
      ...base('prob-demo-assigned', 'org-beimen-b2', '公共设施', '2栋门口的雨水井盖松动，踩上去会翻', '2栋东侧门口', zhang, 30),
      state: 'assigned', stateSince: at(20), updatedAt: at(20),
      meeting: { attendees: ['张敏', '孙丽', '2栋楼栋长'], decision: '先围挡提醒，请县水利局更换井盖', at: at(26) },
      assignee: water, dueAt: new Date(now.getTime() + 3 * 24 * 3_600_000), overdue: null,
      history: [
        { verb: 'report', from: null, to: 'reported', ...zhang, at: at(30) },
        { verb: 'holdMeeting', from: 'reported', to: 'meeting_held', ...zhang, at: at(26) },
        { verb: 'assign', from: 'meeting_held', to: 'assigned', ...chen, at: at(20), reason: '交由县水利局处理' },
      ],
    },
    {
      ...base('prob-demo-confirmed', 'org-beimen-b1', '安全隐患', '1栋单元门的闭门器坏了，门关不上', '1栋1单元门', wang, 24 * 12),
      state: 'confirmed', stateSince: at(24 * 8), updatedAt: at(24 * 8),
      meeting: { attendees: ['张敏', '王秀英'], decision: '请社区物业更换闭门器', at: at(24 * 11) },
      assignee: { kind: 'community', id: 'org-beimen', name: '北门社区' }, dueAt: at(24 * 7), overdue: null,
      solution: { note: '已更换新的闭门器', photos: [photo('prob-demo-confirmed-done')], at: at(24 * 9) },
      history: [
        { verb: 'report', from: null, to: 'reported', ...wang, at: at(24 * 12) },
        { verb: 'holdMeeting', from: 'reported', to: 'meeting_held', ...zhang, at: at(24 * 11) },
        { verb: 'assign', from: 'meeting_held', to: 'assigned', ...chen, at: at(24 * 10), reason: '交由北门社区处理' },
        { verb: 'solve', from: 'assigned', to: 'solved', ...chen, at: at(24 * 9) },
        { verb: 'confirm', from: 'solved', to: 'confirmed', ...wang, at: at(24 * 8) },
      ],
    },
  ]
}

const BEIMEN_LINEAGE = ['org-longmen', 'org-longcheng', 'org-beimen']
const PROPOSAL_DAY = 24 * 3600_000
/** The year in China time: the 微实事 list the pages open on. */
const chinaYearOf = (at: Date) => new Date(at.getTime() + 8 * 3600_000).getUTCFullYear()

/**
 * 微提案 at 北门社区 (ProposalRecord, domain/proposals/record.ts), one in each state: 李建国's
 * waiting for its answer (王秀英 supports it), one adopted (now the 微实事 proj-demo-benches) and
 * one not adopted with its reason.
 */
export function demoProposals(now: Date = new Date()): Record<string, unknown>[] {
  const ago = (days: number) => new Date(now.getTime() - days * PROPOSAL_DAY)
  const base = (id: string, title: string, body: string, proposer: [string, string], created: Date) => ({
    _id: id, communityId: 'org-beimen', communityName: '北门社区', lineage: BEIMEN_LINEAGE, title, body, proposerId: proposer[0], proposerName: proposer[1],
    answerDueAt: new Date(created.getTime() + 15 * PROPOSAL_DAY), lateToldAt: null, createdAt: created,
  })
  const submit = (by: [string, string], at: Date) => ({ verb: 'submit', from: null, to: 'submitted', by: by[0], byName: by[1], at })
  const li: [string, string] = ['user-demo-member', '李建国']
  const wang: [string, string] = ['user-demo-resident', '王秀英']
  const chen: [string, string] = ['user-demo-community-admin', '陈红']
  const answer = (verb: 'adopt' | 'decline', reason: string, at: Date) => ({ verb, from: 'submitted', to: verb === 'adopt' ? 'adopted' : 'not_adopted', by: chen[0], byName: chen[1], at, reason })
  return [
    {
      ...base('prop-demo-lights', '楼道加装声控灯', '北门花园2栋楼道晚上太黑，老人上下楼不安全，建议加装声控灯。', li, ago(3)),
      state: 'submitted', stateSince: ago(3), supporterIds: [wang[0]], supportCount: 1, updatedAt: ago(2), history: [submit(li, ago(3))],
    },
    {
      ...base('prop-demo-benches', '小区增设休息座椅', '小区里老人多，散步时没有地方歇脚，希望在花园边增设几张座椅。', wang, ago(40)),
      state: 'adopted', stateSince: ago(35), supporterIds: [li[0]], supportCount: 1, updatedAt: ago(35),
      answer: { reason: '已列入今年微实事，由社区实施', byName: chen[1], at: ago(35), projectId: 'proj-demo-benches', plannedCost: 6000, beneficiaries: 300 },
      history: [submit(wang, ago(40)), answer('adopt', '已列入今年微实事，由社区实施', ago(35))],
    },
    {
      ...base('prop-demo-pool', '建一个社区游泳池', '夏天孩子们没有地方游泳，希望社区建游泳池。', li, ago(30)),
      state: 'not_adopted', stateSince: ago(25), supporterIds: [], supportCount: 0, updatedAt: ago(25),
      answer: { reason: '场地和经费不足，暂不具备条件，可组织到县游泳馆活动', byName: chen[1], at: ago(25), projectId: null },
      history: [submit(li, ago(30)), answer('decline', '场地和经费不足，暂不具备条件，可组织到县游泳馆活动', ago(25))],
    },
  ]
}

/**
 * 微实事 of this year (ProjectRecord): 北门社区's list in every state (one from the adopted
 * proposal above) and one of 县水利局's for 北门社区. 北门社区's totals: 3 planned, 1 in progress, 1 done.
 */
export function demoProjects(now: Date = new Date()): Record<string, unknown>[] {
  const ago = (days: number) => new Date(now.getTime() - days * PROPOSAL_DAY)
  const year = chinaYearOf(now)
  const chen = { by: 'user-demo-community-admin', byName: '陈红' }
  const liu = { by: 'user-demo-unit-admin', byName: '刘洋' }
  const beimen = { kind: 'community', id: 'org-beimen', name: '北门社区' }
  const step = (who: { by: string; byName: string }, verb: string, from: string | null, to: string, at: Date) => ({ verb, from, to, ...who, at })
  const project = (id: string, title: string, description: string, plannedCost: number, beneficiaries: number, created: Date) => ({
    _id: id, communityId: 'org-beimen', lineage: BEIMEN_LINEAGE, year, title, description, plannedCost, beneficiaries, createdAt: created,
  })
  return [
    {
      ...project('proj-demo-benches', '小区增设休息座椅', '北门花园花园边增设6张座椅', 6000, 300, ago(35)), owner: beimen, proposalId: 'prop-demo-benches',
      state: 'in_progress', stateSince: ago(10), actualCost: null, updatedAt: ago(10),
      history: [step(chen, 'create', null, 'planned', ago(35)), step(chen, 'start', 'planned', 'in_progress', ago(10))],
    },
    {
      ...project('proj-demo-garden', '活动室适老化改造', '党群服务中心活动室加装扶手、防滑地面', 18000, 150, ago(120)), owner: beimen, proposalId: null,
      state: 'done', stateSince: ago(20), actualCost: 17200, updatedAt: ago(20),
      history: [step(chen, 'create', null, 'planned', ago(120)), step(chen, 'start', 'planned', 'in_progress', ago(80)), step(chen, 'finish', 'in_progress', 'done', ago(20))],
    },
    {
      ...project('proj-demo-ramp', '1栋单元门口无障碍坡道', '方便轮椅和婴儿车进出', 4500, 80, ago(15)), owner: beimen, proposalId: null,
      state: 'planned', stateSince: ago(15), actualCost: null, updatedAt: ago(15),
      history: [step(chen, 'create', null, 'planned', ago(15))],
    },
    {
      ...project('proj-demo-river', '北门小河岸清淤', '县水利局为北门社区清理河岸淤泥', 9000, 500, ago(60)), owner: { kind: 'unit', id: 'unit-water-bureau', name: '县水利局' }, proposalId: null,
      state: 'done', stateSince: ago(30), actualCost: 8800, updatedAt: ago(30),
      history: [step(liu, 'create', null, 'planned', ago(60)), step(liu, 'finish', 'planned', 'done', ago(30))],
    },
  ]
}
