/**
 * Exports through the runner against the emulator, on the seeded demo county
 * (server/local/demo.ts) plus 40 more registrations at 北门社区 spread over its buildings (some
 * without one) and every state. Each file is fetched from its temporary URL and read back with
 * exceljs; its rows must be the list's rows (read through the list action, every page) under the
 * same filters, cell for cell, in the same order.
 */
import ExcelJS from 'exceljs'
import { startTestStack, type TestStack } from '../../../server/testing/stack'
import { cellsOf, hoursColumns, memberColumns, orderColumns, pendingColumns, wishColumns, type ExportColumn } from '../../../domain/exports'

jest.setTimeout(90_000)

let stack: TestStack

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']
const BUILDINGS = [
  { buildingId: 'org-beimen-b1', buildingName: '北门花园1栋' },
  { buildingId: 'org-beimen-b2', buildingName: '北门花园2栋' },
  { buildingId: null, buildingName: null },
]
const STATES = ['registered', 'pending_unit', 'pending_community', 'rejected', 'registered']

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
  const db = stack.emulator.db
  const model = db.collection('registrations').findOne({ _id: 'reg-demo-member' }) as Record<string, unknown>
  const base = new Date('2026-03-01T02:00:00Z').getTime()
  await db.collection('registrations').insertMany(
    Array.from({ length: 40 }, (_, i) => {
      const b = BUILDINGS[i % BUILDINGS.length]
      return {
        ...model,
        _id: `reg-x-${String(i).padStart(2, '0')}`,
        userId: `user-x-${i}`,
        name: `${SURNAMES[i % SURNAMES.length]}测${i}`,
        phone: `139${String(10000000 + i).slice(0, 8)}`,
        state: STATES[i % STATES.length],
        ...(b.buildingId ? { buildingId: b.buildingId, buildingName: b.buildingName } : { buildingId: null, buildingName: null }),
        skills: i % 4 === 0 ? ['维修', '教育辅导'] : [],
        // Distinct times, not in _id order, so an order by time is not an order by id by accident.
        createdAt: new Date(base + ((i * 7919) % 40) * 3_600_000),
        history: [],
      }
    }),
  )
  await db.collection('users').insertMany([
    { _id: 'user-co-admin', openid: 'water-co-admin', name: '郑主任', roles: [{ kind: 'unit_admin', scopeId: 'unit-water-co', scopeName: '水务有限公司' }], createdAt: new Date(), updatedAt: new Date() },
  ])
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const FORBIDDEN = { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' }
const exportOf = (action: string, filters: Record<string, unknown>, openid: string) => stack.call('exports', { action, ...filters }, openid)

type Cell = string | number
/** The workbook at `url`, as header and rows of plain values ('' for an empty cell). */
async function readBack(url: string): Promise<{ sheet: string; header: Cell[]; rows: Cell[][] }> {
  const res = await fetch(encodeURI(url))
  expect(res.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  const lines: Cell[][] = []
  ws.eachRow({ includeEmpty: true }, (row) => {
    const cells: Cell[] = []
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = row.getCell(c).value
      cells.push(v === null || v === undefined ? '' : (v as Cell))
    }
    lines.push(cells)
  })
  return { sheet: ws.name, header: lines[0], rows: lines.slice(1) }
}

const expected = <R,>(columns: ExportColumn<R>[], rows: R[]) => rows.map((r) => cellsOf(columns, r).map((c) => c ?? ''))
const headers = (columns: ExportColumn<unknown>[]) => columns.map((c) => c.header)

/** Every row of members.communityMembers (by offset, 200 a page). */
async function communityList(filters: Record<string, unknown>, openid: string) {
  const items: any[] = []
  for (let offset = 0; ; offset += 200) {
    const { result } = await stack.call('members', { action: 'communityMembers', ...filters, limit: 200, offset }, openid)
    expect(result.code).toBe(0)
    items.push(...result.data.items)
    if (items.length >= result.data.total) return items
  }
}

function auditOf(fileId: string) {
  return stack.emulator.db.collection('exports_audit').findOne({ fileId }) as Record<string, any> | null
}

describe('社区党员 (communityMembers)', () => {
  test('陈书记, all states: the list rows in the list order, full phones, header in Chinese; audited', async () => {
    const filters = { communityId: 'org-beimen', state: 'all' }
    const { result, roundTrips } = await exportOf('communityMembers', filters, 'demo-community-admin')
    expect(result.code).toBe(0)
    // The caller, the community with its places, one read per state (3), upload, temporary URL, audit.
    expect(roundTrips).toBe(8)
    const list = await communityList(filters, 'demo-community-admin')
    expect(list.length).toBeGreaterThan(30)
    expect(result.data).toEqual({ fileId: expect.stringMatching(/^cloud:\/\/.+\.xlsx$/), url: expect.stringMatching(/^http/), rows: list.length, name: expect.stringMatching(/^北门社区党员_\d{8}\.xlsx$/) })
    const file = await readBack(result.data.url)
    expect(file.header).toEqual(['姓名', '手机号', '状态', '工作单位', '居住社区', '小区', '楼栋', '特长', '报到时间'])
    expect(file.rows).toEqual(expected(memberColumns(true), list))
    expect(file.rows).toContainEqual(['李建国', '13800001002', '已报到', '县水利局', '北门社区', '北门花园小区', '北门花园2栋', expect.any(String), expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)])

    const audit = auditOf(result.data.fileId)
    expect(audit).toMatchObject({ by: 'user-demo-community-admin', list: 'communityMembers', filters, rows: list.length, fullPhones: true, name: result.data.name })
    expect(new Date(audit!.at).getTime()).toBeGreaterThan(Date.now() - 60_000)
  })

  test('filtered by building, by compound, pending only: each the list under the same filters', async () => {
    for (const filters of [
      { communityId: 'org-beimen', state: 'all', buildingId: 'org-beimen-b1' },
      { communityId: 'org-beimen', state: 'pending', compoundId: 'org-beimen-garden' },
      { communityId: 'org-beimen' },
    ]) {
      const { result } = await exportOf('communityMembers', filters, 'demo-community-admin')
      expect(result.code).toBe(0)
      const list = await communityList(filters, 'demo-community-admin')
      expect(result.data.rows).toBe(list.length)
      expect((await readBack(result.data.url)).rows).toEqual(expected(memberColumns(true), list))
    }
  })

  test('the county and street admins get the same rows with masked phones', async () => {
    const filters = { communityId: 'org-beimen', state: 'all' }
    for (const openid of ['demo-county-admin', 'demo-street-admin']) {
      const { result } = await exportOf('communityMembers', filters, openid)
      expect(result.code).toBe(0)
      const file = await readBack(result.data.url)
      const list = await communityList(filters, openid)
      expect(file.rows).toEqual(expected(memberColumns(false), list))
      const phones = file.rows.map((r) => String(r[1]))
      expect(phones.every((p) => /^1\d\d\*{4}\d{4}$/.test(p))).toBe(true)
      expect(phones).toContain('138****1002')
      expect(auditOf(result.data.fileId)).toMatchObject({ fullPhones: false })
    }
  })

  test('another community admin, a member, a unit admin: AUTH.FORBIDDEN, no file, no audit record', async () => {
    const before = stack.emulator.db.collection('exports_audit').count({})
    for (const [openid, trips] of [['demo-chengnan-admin', 2], ['demo-member', 1], ['demo-unit-admin', 1], ['never-seen', 1]] as const) {
      const { result, roundTrips } = await exportOf('communityMembers', { communityId: 'org-beimen' }, openid)
      expect(result).toEqual(FORBIDDEN)
      expect(roundTrips).toBe(trips)
    }
    expect(stack.emulator.db.collection('exports_audit').count({})).toBe(before)
  })

  test('paging fields are not filters; an unknown community is named', async () => {
    const paged = await exportOf('communityMembers', { communityId: 'org-beimen', limit: 50 }, 'demo-community-admin')
    expect(paged.result.code).toBe('REQUEST.INVALID')
    const unknown = await exportOf('communityMembers', { communityId: 'org-nowhere' }, 'demo-county-admin')
    expect(unknown.result.code).toBe('ORG.UNKNOWN_COMMUNITY')
  })
})

describe('本单位党员 (unitMembers)', () => {
  test('the unit admin: the list rows in the list order (未报到, 已报到, 已退回), masked phones', async () => {
    const { result } = await exportOf('unitMembers', { unitId: 'unit-water-bureau' }, 'demo-unit-admin')
    expect(result.code).toBe(0)
    const listed = await stack.call('members', { action: 'unitMembers', unitId: 'unit-water-bureau', limit: 200 }, 'demo-unit-admin')
    expect(listed.result.data.counts.total).toBeLessThanOrEqual(200)
    const file = await readBack(result.data.url)
    expect(result.data.rows).toBe(listed.result.data.counts.total)
    expect(file.rows).toEqual(expected(memberColumns(false), listed.result.data.items))
    expect(file.rows.every((r) => String(r[1]).includes('****'))).toBe(true)
    expect(auditOf(result.data.fileId)).toMatchObject({ by: 'user-demo-unit-admin', list: 'unitMembers', filters: { unitId: 'unit-water-bureau' }, fullPhones: false })
  })

  test('a unit admin of another unit and a community admin: AUTH.FORBIDDEN', async () => {
    expect((await exportOf('unitMembers', { unitId: 'unit-water-bureau' }, 'water-co-admin')).result).toEqual(FORBIDDEN)
    expect((await exportOf('unitMembers', { unitId: 'unit-water-bureau' }, 'demo-community-admin')).result).toEqual(FORBIDDEN)
  })
})

describe('支部党员 (compoundMembers)', () => {
  test('the branch admin gets the list masked, the community admin full; another community admin is refused', async () => {
    for (const [openid, full] of [['demo-branch-admin', false], ['demo-community-admin', true]] as const) {
      const { result } = await exportOf('compoundMembers', { compoundId: 'org-beimen-garden' }, openid)
      expect(result.code).toBe(0)
      const items: any[] = []
      for (let offset = 0; ; offset += 7) {
        const listed = await stack.call('members', { action: 'compoundMembers', compoundId: 'org-beimen-garden', limit: 7, offset }, openid)
        items.push(...listed.result.data.items)
        if (items.length >= listed.result.data.total) break
      }
      expect(items.length).toBeGreaterThan(7)
      expect(result.data.rows).toBe(items.length)
      expect(result.data.name).toMatch(/^北门社区北门花园小区党员_\d{8}\.xlsx$/)
      const file = await readBack(result.data.url)
      expect(file.rows).toEqual(expected(memberColumns(full), items))
      expect(file.rows.map((r) => String(r[1])).every((p) => p.includes('****'))).toBe(!full)
    }
    expect((await exportOf('compoundMembers', { compoundId: 'org-beimen-garden' }, 'demo-chengnan-admin')).result).toEqual(FORBIDDEN)
    expect((await exportOf('compoundMembers', { compoundId: 'org-beimen-garden' }, 'demo-member')).result).toEqual(FORBIDDEN)
  })
})

describe('报到审核 (pendingRegistrations)', () => {
  async function pendingList(filters: Record<string, unknown>, openid: string) {
    const items: any[] = []
    let after: string | undefined
    for (;;) {
      const { result } = await stack.call('registration', { action: 'listPending', ...filters, limit: 7, ...(after ? { afterCreatedAt: after } : {}) }, openid)
      expect(result.code).toBe(0)
      items.push(...result.data.items)
      if (result.data.items.length < 7) return items
      after = result.data.items[result.data.items.length - 1].createdAt
    }
  }

  test('community (full phones for its admin) and unit (masked): the list, every page', async () => {
    for (const [filters, openid, full] of [
      [{ scope: 'community', scopeId: 'org-beimen' }, 'demo-community-admin', true],
      [{ scope: 'unit', scopeId: 'unit-water-bureau' }, 'demo-unit-admin', false],
    ] as const) {
      const { result } = await exportOf('pendingRegistrations', filters, openid)
      expect(result.code).toBe(0)
      const list = await pendingList(filters, openid)
      expect(list.length).toBeGreaterThan(5)
      expect(result.data.rows).toBe(list.length)
      expect((await readBack(result.data.url)).rows).toEqual(expected(pendingColumns(full), list))
    }
  })

  test('refused as the list refuses it', async () => {
    expect((await exportOf('pendingRegistrations', { scope: 'community', scopeId: 'org-beimen' }, 'demo-chengnan-admin')).result).toEqual(FORBIDDEN)
    expect((await exportOf('pendingRegistrations', { scope: 'unit', scopeId: 'unit-water-bureau' }, 'water-co-admin')).result).toEqual(FORBIDDEN)
    expect((await exportOf('pendingRegistrations', { scope: 'unit', scopeId: 'unit-water-bureau' }, 'demo-member')).result).toEqual(FORBIDDEN)
  })
})

describe('心愿审核, 服务单 (wishes, orders, unitOrders)', () => {
  test('the wish review queue of 北门社区 and the street overview, as reviewQueue answers them', async () => {
    for (const [filters, openid] of [
      [{ communityId: 'org-beimen' }, 'demo-community-admin'],
      [{ orgId: 'org-longcheng' }, 'demo-street-admin'],
    ] as const) {
      const { result } = await exportOf('wishes', filters, openid)
      expect(result.code).toBe(0)
      const listed = await stack.call('wishes', { action: 'reviewQueue', ...filters, limit: 50 }, openid)
      expect(listed.result.data.next).toBeNull()
      const file = await readBack(result.data.url)
      expect(file.header).toEqual(headers(wishColumns as ExportColumn<unknown>[]))
      expect(file.rows).toEqual(expected(wishColumns, listed.result.data.items))
    }
    expect((await exportOf('wishes', { communityId: 'org-beimen' }, 'demo-chengnan-admin')).result.code).toBe('AUTH.FORBIDDEN')
  })

  test("the community's open orders and the unit's orders, as queue and unitQueue answer them", async () => {
    const cases = [
      ['orders', 'queue', { communityId: 'org-beimen' }, 'demo-community-admin'],
      ['unitOrders', 'unitQueue', {}, 'demo-unit-admin'],
    ] as const
    for (const [action, listAction, filters, openid] of cases) {
      const { result } = await exportOf(action, filters, openid)
      expect(result.code).toBe(0)
      const listed = await stack.call('orders', { action: listAction, ...filters, limit: 200 }, openid)
      const file = await readBack(result.data.url)
      expect(file.header).toEqual(headers(orderColumns as ExportColumn<unknown>[]))
      // Overdue labels are computed against "now": the same instant on both sides is not guaranteed, the rest is.
      const drop = (rows: Cell[][]) => rows.map((r) => r.filter((_, i) => i !== 9))
      expect(drop(file.rows)).toEqual(drop(expected(orderColumns, listed.result.data.items)))
      expect(result.data.rows).toBe(listed.result.data.items.length)
    }
    expect((await exportOf('orders', { communityId: 'org-beimen' }, 'demo-chengnan-admin')).result).toEqual(FORBIDDEN)
    expect((await exportOf('unitOrders', {}, 'demo-member')).result).toEqual(FORBIDDEN)
  })
})

describe('服务时长 (hours)', () => {
  test("a community's year: its credits only, oldest first, with the member; masked for the county", async () => {
    const at = (s: string) => new Date(s)
    const credit = (id: string, communityId: string, hours: number, when: Date) => ({
      _id: id,
      userId: 'user-demo-member',
      registrationId: 'reg-demo-member',
      communityId,
      unitId: 'unit-water-bureau',
      hours,
      source: { kind: 'activity', id: `act-${id}` },
      at: when,
      createdAt: when,
    })
    await stack.emulator.db.collection('service_hours').insertMany([
      credit('h1', 'org-beimen', 2.5, at('2025-03-01T09:00:00+08:00')),
      credit('h2', 'org-beimen', 3, at('2025-01-01T00:00:00+08:00')),
      credit('h3', 'org-beimen', 1, at('2024-12-31T23:59:00+08:00')),
      credit('h4', 'org-chengnan', 4, at('2025-05-01T09:00:00+08:00')),
    ])
    const { result } = await exportOf('hours', { scope: 'community', scopeId: 'org-beimen', year: 2025 }, 'demo-community-admin')
    expect(result.code).toBe(0)
    const file = await readBack(result.data.url)
    expect(file.header).toEqual(headers(hoursColumns(true) as ExportColumn<unknown>[]))
    expect(file.rows).toEqual([
      ['李建国', '13800001002', '县水利局', '北门社区', '主题活动', 3, '2025-01-01 00:00'],
      ['李建国', '13800001002', '县水利局', '北门社区', '主题活动', 2.5, '2025-03-01 09:00'],
    ])
    const county = await exportOf('hours', { scope: 'unit', scopeId: 'unit-water-bureau', year: 2025 }, 'demo-county-admin')
    expect((await readBack(county.result.data.url)).rows.map((r) => r[1])).toEqual(['138****1002', '138****1002', '138****1002'])
    expect((await exportOf('hours', { scope: 'community', scopeId: 'org-beimen', year: 2025 }, 'demo-chengnan-admin')).result).toEqual(FORBIDDEN)
    expect((await exportOf('hours', { scope: 'unit', scopeId: 'unit-water-bureau', year: 2025 }, 'water-co-admin')).result).toEqual(FORBIDDEN)
  })
})
