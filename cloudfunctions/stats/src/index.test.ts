/**
 * The statistics function through the runner against the emulator, on the seeded demo county
 * (server/local/demo.ts: 龙门县 → 龙城街道 → 北门社区; 赵志强 its county admin, 钱伟 龙城街道's,
 * 陈红 北门社区's, 刘洋 县水利局's): the dashboard in one round trip, who may see which scope, the
 * roll-up after a real change, the recount and its repair, the monthly report timer, the export.
 */
import ExcelJS from 'exceljs'
import { startTestStack, type TestStack } from '../../../server/testing/stack'

jest.setTimeout(180_000)

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('stats', { action, ...input }, openid)
const db = () => stack.emulator.db
const figure = (d: any, key: string) => d.figures.find((f: any) => f.key === key)?.value

describe('the dashboard', () => {
  test('赵部长 opens 全县统计: one round trip; the streets and the units one level down; the way back up is the county', async () => {
    const { result, roundTrips } = await call('dashboard', { scopeId: 'org-longmen', period: 'year' }, 'demo-county-admin')
    expect(result.code).toBe(0)
    expect(roundTrips).toBe(1)
    const d = result.data
    expect(d.scope).toEqual({ id: 'org-longmen', name: '龙门县', level: 'county', levelLabel: '县' })
    expect(d.path).toEqual([{ id: 'org-longmen', name: '龙门县', level: 'county' }])
    expect(d.breakdowns.map((b: any) => [b.title, b.rows.map((r: any) => r.name).sort()])).toEqual([
      ['各街道', ['平陵街道', '龙城街道'].sort()],
      ['各单位', expect.arrayContaining(['县水利局'])],
    ])
    // The county is the sum of its streets for every counted figure.
    for (const key of ['members', 'activitiesHeld', 'wishesLit', 'ordersDone', 'hours']) {
      const streets = d.breakdowns[0].rows.reduce((s: number, r: any) => s + (r.values[key] ?? 0), 0)
      expect([key, Math.round(figure(d, key) * 10)]).toEqual([key, Math.round(streets * 10)])
    }
    expect(figure(d, 'members')).toBeGreaterThan(0)
    expect(typeof figure(d, 'notMet')).toBe('number')
    expect(typeof figure(d, 'unitsNoActivity')).toBe('number')
    expect(d.trend).toHaveLength(6)
  })

  test('without a scope named, the caller\'s widest scope: 2 round trips', async () => {
    const { result, roundTrips } = await call('dashboard', {}, 'demo-street-admin')
    expect(result.data.scope.name).toBe('龙城街道')
    expect(result.data.breakdowns[0].rows.map((r: any) => r.name)).toEqual(expect.arrayContaining(['北门社区', '城南社区']))
    expect(roundTrips).toBe(2)
  })

  test('drilling 龙城街道 → 北门社区 as the county admin: the path leads back up', async () => {
    const { result } = await call('dashboard', { scopeId: 'org-beimen' }, 'demo-county-admin')
    expect(result.data.path.map((p: any) => p.name)).toEqual(['龙门县', '龙城街道', '北门社区'])
    expect(result.data.breakdowns).toEqual([])
  })

  test.each([
    ['demo-community-admin', 'org-beimen', 0],
    ['demo-community-admin', 'org-chengnan', 'AUTH.FORBIDDEN'],
    ['demo-community-admin', 'org-longcheng', 'AUTH.FORBIDDEN'],
    ['demo-community-admin', 'org-longmen', 'AUTH.FORBIDDEN'],
    ['demo-community-admin', 'unit-water-bureau', 'AUTH.FORBIDDEN'],
    ['demo-unit-admin', 'unit-water-bureau', 0],
    ['demo-unit-admin', 'unit-water-co', 'AUTH.FORBIDDEN'],
    ['demo-unit-admin', 'org-beimen', 'AUTH.FORBIDDEN'],
    ['demo-street-admin', 'org-beimen', 0],
    ['demo-street-admin', 'org-pingling', 'AUTH.FORBIDDEN'],
    ['demo-county-admin', 'unit-water-co', 0],
    ['demo-member', 'org-beimen', 'AUTH.FORBIDDEN'],
    ['demo-resident', 'org-beimen', 'AUTH.FORBIDDEN'],
  ])('%s viewing %s → %s', async (openid, scopeId, code) => {
    const { result } = await call('dashboard', { scopeId }, openid)
    expect(result.code).toBe(code)
    if (code !== 0) expect(result.data).toBeUndefined()
  })

  test('a community admin\'s path is their community only; a unit admin\'s is their unit', async () => {
    expect((await call('dashboard', { scopeId: 'org-beimen' }, 'demo-community-admin')).result.data.path.map((p: any) => p.name)).toEqual(['北门社区'])
    const unit = (await call('dashboard', { scopeId: 'unit-water-bureau', period: 'quarter' }, 'demo-unit-admin')).result.data
    expect(unit.path.map((p: any) => p.name)).toEqual(['县水利局'])
    expect([0, 1]).toContain(figure(unit, 'unitsNoActivity'))
  })

  test('bad input: a precise code and a Chinese message', async () => {
    expect((await call('dashboard', { scopeId: 'org-nowhere' }, 'demo-county-admin')).result).toMatchObject({ code: 'STATS.UNKNOWN_SCOPE', message: '找不到这个统计范围' })
    expect((await call('dashboard', { scopeId: 'org-beimen-garden' }, 'demo-county-admin')).result).toMatchObject({ code: 'STATS.NOT_A_SCOPE' })
    expect((await call('dashboard', { scopeId: 'org-beimen', period: 'week' }, 'demo-county-admin')).result).toMatchObject({ code: 'REQUEST.INVALID' })
    expect((await call('dashboard', {}, 'demo-member')).result).toMatchObject({ code: 'STATS.NO_SCOPE' })
  })
})

describe('the counters follow real changes through the roll-up', () => {
  test('a proposal submitted counts after the next roll-up, not before; the recount agrees; a person cannot fire the timer', async () => {
    const before = (await call('dashboard', { scopeId: 'org-beimen' }, 'demo-community-admin')).result.data
    const proposalsBefore = ((db().collection('stats').findOne({ _id: 'org-beimen' }) as any).all.proposals ?? 0) as number
    const submitted = await stack.call('proposals', { action: 'submit', title: '楼道加装扶手', body: '老人上下楼不方便，希望加装扶手。' }, 'demo-resident')
    expect(submitted.result.code).toBe(0)
    // Too fresh for the roll-up (its window ends ROLLUP_LAG_MS ago).
    await stack.fireTimer('stats', 'rollup')
    expect((db().collection('stats').findOne({ _id: 'org-beimen' }) as any).all.proposals ?? 0).toBe(proposalsBefore)
    expect((await stack.call('stats', { Type: 'Timer', TriggerName: 'rollup' }, 'demo-county-admin')).result).toMatchObject({ code: 'REQUEST.INVALID' })

    stack.setClockOffset(10 * 60_000)
    const rolled = await stack.fireTimer('stats', 'rollup')
    expect((rolled.result as any).records).toBeGreaterThanOrEqual(1)
    for (const id of ['org-longmen', 'org-longcheng', 'org-beimen']) expect((db().collection('stats').findOne({ _id: id }) as any).all.proposals).toBeGreaterThanOrEqual(1)
    expect((db().collection('stats').findOne({ _id: 'org-beimen' }) as any).all.proposals).toBe(proposalsBefore + 1)
    // Fired again: the window moved on, nothing counted twice.
    await stack.fireTimer('stats', 'rollup')
    expect((db().collection('stats').findOne({ _id: 'org-beimen' }) as any).all.proposals).toBe(proposalsBefore + 1)

    const recount = await stack.fireTimer('stats', 'recount')
    expect(recount.result).toMatchObject({ drift: 0, repaired: 0 })
    const after = (await call('dashboard', { scopeId: 'org-beimen' }, 'demo-community-admin')).result.data
    expect(new Date(after.asOf).getTime()).toBeGreaterThan(new Date(before.asOf).getTime())
    stack.setClockOffset(0)
  })

  test('drift is repaired by the nightly recount and left on the audit trail', async () => {
    const _ = db()
    const members = () => ((_.collection('stats').findOne({ _id: 'org-chengnan' }) as any).all.members ?? 0) as number
    const before = members()
    // A change the roll-up never saw: a registration written straight into the store, dated before its watermark.
    const at = new Date(Date.now() - 3 * 24 * 3600_000)
    await _.collection('registrations').insertOne({
      _id: 'reg-drift', userId: 'user-drift', name: '漂移', phone: '', unitId: 'unit-water-bureau', unitName: '县水利局', unitCountyId: 'org-longmen',
      communityId: 'org-chengnan', communityName: '城南社区', communityLineage: ['org-longmen', 'org-longcheng', 'org-chengnan'], state: 'registered',
      history: [{ verb: 'import', from: null, to: 'registered', at, by: 'system', byName: '系统' }], createdAt: at, updatedAt: at,
    })
    await stack.fireTimer('stats', 'rollup')
    expect(members()).toBe(before)
    const run = await stack.fireTimer('stats', 'recount')
    expect((run.result as any).drift).toBeGreaterThan(0)
    expect(members()).toBe(before + 1)
    expect(_.collection('audit').find({ entity: 'stats', action: 'repair' })).toHaveLength(1)
    expect((await stack.fireTimer('stats', 'recount')).result).toMatchObject({ drift: 0, repaired: 0 })
  })
})

describe('monthly progress reports (进度通报)', () => {
  test('last month\'s reports are there; the timer on the 1st adds nothing twice; the street admin reads theirs', async () => {
    const list = await call('reports', {}, 'demo-county-admin')
    expect(list.result.code).toBe(0)
    expect(list.result.data.items[0]).toMatchObject({ scopeId: 'org-longmen', scopeName: '龙门县' })
    const fired = await stack.fireTimer('stats', 'monthlyReport')
    expect((fired.result as any).written).toEqual([])
    expect((fired.result as any).existing).toEqual(expect.arrayContaining([list.result.data.items[0].id]))

    const report = await call('report', { id: list.result.data.items[0].id }, 'demo-county-admin')
    expect(report.roundTrips).toBe(1)
    expect(report.result.data.title).toMatch(/^龙门县\d{4}年\d{1,2}月党员双报到工作进度通报$/)
    expect(report.result.data.communities.map((c: any) => c.rank)).toEqual(report.result.data.communities.map((_: any, i: number) => i + 1))

    expect((await call('reports', {}, 'demo-street-admin')).result.data.items.map((i: any) => i.scopeName)).toEqual(['龙城街道'])
    expect((await call('report', { id: list.result.data.items[0].id }, 'demo-street-admin')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('reports', { scopeId: 'org-beimen' }, 'demo-community-admin')).result.code).toBe('STATS.NOT_A_SCOPE')
    expect((await call('report', { id: 'org-longmen:m1999-01' }, 'demo-county-admin')).result.code).toBe('STATS.REPORT_NOT_FOUND')
  })

  test('next month\'s 1st builds the month that just ended for the county and both streets', async () => {
    const ms = 40 * 24 * 3600_000
    stack.setClockOffset(ms)
    const fired = await stack.fireTimer('stats', 'monthlyReport')
    stack.setClockOffset(0)
    expect((fired.result as any).written.sort()).toEqual(['org-longcheng', 'org-longmen', 'org-pingling'].map((id) => `${id}:${(fired.result as any).month}`).sort())
  })
})

describe('the dashboard as .xlsx', () => {
  test('exported with the figures of the scope and one row per street and unit; audited', async () => {
    const { result } = await call('exportDashboard', { scopeId: 'org-longmen', period: 'year' }, 'demo-county-admin')
    expect(result.code).toBe(0)
    const bytes = Buffer.from(await (await fetch(result.data.url)).arrayBuffer())
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as never)
    const sheet = book.getWorksheet('统计')!
    expect(sheet.getRow(1).getCell(1).value).toBe('名称')
    expect(sheet.getRow(2).getCell(1).value).toBe('龙门县（合计）')
    const names = Array.from({ length: sheet.rowCount - 2 }, (_, i) => sheet.getRow(i + 3).getCell(1).value)
    expect(names).toEqual(expect.arrayContaining(['龙城街道', '平陵街道', '县水利局']))
    expect(db().collection('exports_audit').find({ list: 'stats.dashboard' })).toHaveLength(1)
    expect((await call('exportDashboard', { scopeId: 'org-longmen' }, 'demo-community-admin')).result.code).toBe('AUTH.FORBIDDEN')
  })
})
