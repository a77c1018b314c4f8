/**
 * Bulk import through the runner against the emulator, on the seeded demo county
 * (server/local/demo.ts): 龙门县 with 龙城街道 (北门社区, 城南社区, 太平门社区) and 平陵街道,
 * units 县水利局, 水务有限公司, 县委宣传部. 赵部长 (demo-county-admin) imports.
 */
import ExcelJS from 'exceljs'
import { startTestStack, type TestStack } from '../../../server/testing/stack'
import { BAD_BOOK, buildWorkbook, GOOD_BOOK } from '../../../tests/fixtures/importWorkbook'

jest.setTimeout(60_000)

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const COUNTY_ADMIN = 'demo-county-admin'
const call = (action: string, input: Record<string, unknown>, openid = COUNTY_ADMIN) => stack.call('imports', { action, ...input }, openid)
const upload = async (book: Parameters<typeof buildWorkbook>[0], extra: Record<string, unknown> = {}, openid = COUNTY_ADMIN) =>
  call('importWorkbook', { fileBase64: (await buildWorkbook(book)).toString('base64'), fileName: 'test.xlsx', ...extra }, openid)

/** Every collection an import may touch, counted straight from the emulator's store. */
function counts() {
  const db = stack.emulator.db
  return Object.fromEntries(['org_nodes', 'units', 'registrations', 'imports', 'audit', 'users'].map((c) => [c, db.collection(c).count({})]))
}

describe('template', () => {
  test('one workbook with 社区 / 单位 / 党员: header row and a notes row in Chinese', async () => {
    const { result, roundTrips } = await call('template', {})
    expect(result.code).toBe(0)
    expect(roundTrips).toBe(1)
    expect(result.data.fileName).toBe('连心批量导入模板.xlsx')
    expect(result.data.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(result.data.base64, 'base64') as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['社区', '单位', '党员'])
    const members = wb.getWorksheet('党员')!
    expect((members.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '手机号', '工作单位', '居住社区', '小区', '楼栋', '特长'])
    expect(String(members.getCell('A2').value)).toMatch(/^填写说明：必填/)
    expect(members.rowCount).toBe(2)
  })

  test('the untouched template imports nothing and says the sheet is empty', async () => {
    const { result } = await call('template', {})
    const before = counts()
    const empty = await call('importWorkbook', { fileBase64: result.data.base64 })
    expect(empty.result).toEqual({ code: 'IMPORT.EMPTY', message: '表格里没有可导入的数据' })
    expect(counts()).toEqual(before)
  })
})

describe('who may import', () => {
  test.each(['demo-community-admin', 'demo-unit-admin', 'demo-member', 'never-seen'])('%s gets AUTH.FORBIDDEN in one round trip, nothing written', async (openid) => {
    const before = counts()
    const { result, roundTrips } = await upload(GOOD_BOOK, {}, openid)
    expect(result).toEqual({ code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' })
    expect(roundTrips).toBe(1)
    expect((await call('template', {}, openid)).result.code).toBe('AUTH.FORBIDDEN')
    expect(counts()).toEqual(before)
  })

  test('a street admin imports only within their street: the other street, units and members elsewhere are row errors', async () => {
    const db = stack.emulator.db
    await db.collection('users').insertMany([
      { _id: 'user-street-admin', openid: 'street-admin', name: '钱街道', roles: [{ kind: 'street_admin', scopeId: 'org-longcheng', scopeName: '龙城街道' }], createdAt: new Date(), updatedAt: new Date() },
    ])
    const before = counts()
    const { result } = await upload(GOOD_BOOK, {}, 'street-admin')
    expect(result.code).toBe('IMPORT.INVALID_ROWS')
    const rows = result.details.errors.map((e: { sheet: string; row: number; message: string }) => `${e.sheet}${e.row}:${e.message}`)
    expect(rows).toEqual(
      expect.arrayContaining(['社区2:超出您的管理范围，不能导入这一行', '单位2:超出您的管理范围，不能导入这一行']),
    )
    expect(counts()).toEqual(before)
    // Within 龙城街道 it goes through.
    const own = await upload({ members: [{ name: '钱多多', phone: '13912349999', unit: '县水利局', community: '太平门社区' }] }, {}, 'street-admin')
    expect(own.result).toMatchObject({ code: 0, data: { dryRun: false, summary: { communities: 0, compounds: 0, units: 0, members: 1 } } })
  })
})

describe('a workbook with three bad rows', () => {
  test('each bad row reported with sheet, row number and reason; nothing written', async () => {
    const before = counts()
    const { result, roundTrips } = await upload(BAD_BOOK)
    expect(result.code).toBe('IMPORT.INVALID_ROWS')
    // Reads only: the caller, their scope, the county's tree and its units, the live phones (no
    // row names a compound of an existing community, so their places are not read).
    expect(roundTrips).toBe(5)
    expect(result.message).toBe('表格中有3行有错误，没有导入任何数据，请改正后重新导入')
    expect(result.details.errors).toEqual([
      { sheet: '党员', row: 3, column: '手机号', message: '手机号「1391234」格式不对，应为11位手机号' },
      { sheet: '党员', row: 5, column: '工作单位', message: '本县没有「县财政局」这个单位' },
      { sheet: '党员', row: 6, column: '姓名', message: '「姓名」不能为空' },
    ])
    // What the good rows would have added, for the page's summary.
    expect(result.details.summary).toEqual({ communities: 1, compounds: 2, units: 1, members: 2 })
    expect(counts()).toEqual(before)
  })

  test('a sheet of 600 bad rows: every row counted, the first 500 listed', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => ({ name: `成员${i}`, phone: `139${i}`, unit: '县水利局', community: '北门社区' }))
    const { result } = await upload({ members: rows })
    expect(result.code).toBe('IMPORT.INVALID_ROWS')
    expect(result.message).toBe('表格中有600行有错误，没有导入任何数据，请改正后重新导入')
    expect(result.details.errors).toHaveLength(500)
    expect(result.details.more).toBe(100)
    expect(result.details.errors[499]).toMatchObject({ sheet: '党员', row: 501, column: '手机号' })
  })

  test('not an xlsx, and too large: precise codes, nothing written', async () => {
    const before = counts()
    const garbage = await call('importWorkbook', { fileBase64: Buffer.from('name,phone\n林晓,139').toString('base64') })
    expect(garbage.result).toEqual({ code: 'IMPORT.BAD_FILE', message: '无法读取这个文件，请使用下载的模板（.xlsx 格式）' })
    const big = await call('importWorkbook', { fileBase64: 'A'.repeat(1_500_000) })
    expect(big.result).toEqual({ code: 'IMPORT.FILE_TOO_LARGE', message: '文件太大（最大 1 MB），请分成几个文件分别导入' })
    const none = await call('importWorkbook', { fileBase64: '' })
    expect(none.result.code).toBe('REQUEST.INVALID')
    expect(counts()).toEqual(before)
  })
})

describe('a good workbook', () => {
  test('dry run validates and writes nothing', async () => {
    const before = counts()
    const { result, roundTrips } = await upload(GOOD_BOOK, { dryRun: true })
    expect(roundTrips).toBe(6)
    expect(result).toEqual({ code: 0, data: { importId: null, dryRun: true, summary: { communities: 1, compounds: 2, units: 1, members: 3 } } })
    expect(counts()).toEqual(before)
  })

  test('imports communities, units and members; they show in the admins\' lists; audited', async () => {
    const before = counts()
    const { result, roundTrips } = await upload(GOOD_BOOK)
    // 6 reads, then the lock, the record, one insert per collection, the record done, the lock gone, the audit.
    expect(roundTrips).toBe(14)
    expect(result).toMatchObject({ code: 0, data: { dryRun: false, summary: { communities: 1, compounds: 2, units: 1, members: 3 } } })
    const importId = result.data.importId as string
    const after = counts()
    expect(after.org_nodes - before.org_nodes).toBe(3)
    expect(after.units - before.units).toBe(1)
    expect(after.registrations - before.registrations).toBe(3)
    // The import record (the lock is gone) and one audit entry.
    expect(after.imports - before.imports).toBe(1)
    expect(after.audit - before.audit).toBe(1)
    expect(after.users).toBe(before.users)

    const db = stack.emulator.db
    expect(db.collection('imports').findOne({ _id: importId })).toMatchObject({ state: 'done', countyId: 'org-longmen', by: 'user-demo-county-admin', summary: { members: 3 } })
    expect(db.collection('audit').findOne({ entityId: importId })).toMatchObject({ entity: 'import', action: 'importWorkbook', to: 'done' })
    const community = db.collection('org_nodes').findOne({ name: '新城社区' })!
    expect(community).toMatchObject({ kind: 'community', parentId: 'org-pingling', path: ['org-longmen', 'org-pingling'], importId })
    const unit = db.collection('units').findOne({ name: '县教育局' })!
    expect(unit).toMatchObject({ kind: '事业单位', countyId: 'org-longmen', pairedCommunityIds: [community._id] })
    const huang = db.collection('registrations').findOne({ phone: '13912340002' })!
    expect(huang).toMatchObject({ userId: null, source: 'import', importId, state: 'registered', unitId: 'unit-water-bureau', communityId: 'org-beimen', buildingId: 'org-beimen-b1', skills: ['水电维修'] })
    expect(db.collection('registrations').findOne({ phone: '13912340001' })).toMatchObject({ unitId: unit._id, communityId: community._id, skills: ['教育辅导'], skillNote: '会弹钢琴' })

    // 陈书记 sees 黄山 among 北门社区's registered members, by building; the county admin sees the new unit's members.
    const beimen = await stack.call('members', { action: 'communityMembers', communityId: 'org-beimen' }, 'demo-community-admin')
    expect(beimen.result.data.items).toEqual(expect.arrayContaining([expect.objectContaining({ name: '黄山', reported: true, buildingName: '北门花园1栋', compoundName: '北门花园小区' })]))
    const edu = await stack.call('members', { action: 'unitMembers', unitId: unit._id }, COUNTY_ADMIN)
    expect(edu.result.data.counts).toEqual({ total: 1, registered: 1, pending: 0 })
    const paired = await stack.call('members', { action: 'pairedUnits', communityId: community._id }, COUNTY_ADMIN)
    expect(paired.result.data.units).toEqual([{ id: unit._id, name: '县教育局', kind: '事业单位', registered: 1 }])
  })

  test('the same workbook again: every row is now a duplicate of an existing record', async () => {
    const before = counts()
    const { result } = await upload(GOOD_BOOK)
    expect(result.code).toBe('IMPORT.INVALID_ROWS')
    expect(result.details.errors.map((e: { sheet: string; row: number; column: string }) => `${e.sheet}${e.row}${e.column}`)).toEqual([
      '社区2社区（村）名称',
      '单位2单位名称',
      '党员2手机号',
      '党员3手机号',
      '党员4手机号',
    ])
    expect(counts()).toEqual(before)
  })

  test('a dead import\'s lock is taken over; another import of the county running: IMPORT.BUSY', async () => {
    const db = stack.emulator.db
    // A crashed import: its lock, its record still running, one registration it had written.
    const longAgo = new Date(Date.now() - 3600_000)
    await db.collection('imports').insertMany([
      { _id: 'lock-org-longmen', kind: 'lock', countyId: 'org-longmen', importId: 'imp-dead', startedAt: longAgo },
      { _id: 'imp-dead', kind: 'import', state: 'running', countyId: 'org-longmen', startedAt: longAgo },
    ])
    await db.collection('registrations').insertMany([{ _id: 'imp-dead-r0', userId: null, source: 'import', importId: 'imp-dead', name: '半途', phone: '13912340066', state: 'registered', communityId: 'org-beimen' }])
    const first = await upload({ members: [{ name: '孙七', phone: '13912340077', unit: '县水利局', community: '北门社区' }] })
    expect(first.result.code).toBe(0)
    expect(db.collection('imports').findOne({ _id: 'lock-org-longmen' })).toBeNull()
    expect(db.collection('imports').findOne({ _id: 'imp-dead' })).toMatchObject({ state: 'failed' })
    expect(db.collection('registrations').count({ importId: 'imp-dead' })).toBe(0)
    expect(db.collection('registrations').count({ importId: first.result.data.importId })).toBe(1)

    await db.collection('imports').insertMany([{ _id: 'lock-org-longmen', kind: 'lock', countyId: 'org-longmen', importId: 'imp-other', startedAt: new Date() }])
    const before = counts()
    const busy = await upload({ members: [{ name: '孙八', phone: '13912340078', unit: '县水利局', community: '北门社区' }] })
    expect(busy.result).toEqual({ code: 'IMPORT.BUSY', message: '本县正在进行另一项导入，请稍后再试' })
    expect(counts()).toEqual(before)
  })
})
