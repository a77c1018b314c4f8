/**
 * Households from an .xlsx workbook through the runner against the emulator, on the seeded demo
 * county (server/local/demo.ts): 陈书记 (demo-community-admin, 北门社区) imports a 住户 sheet; its
 * buildings are 北门花园1栋 and 北门花园2栋 (北门花园小区, 北门第一网格), where 1单元101, 1单元302
 * and 2单元501 of 1栋 are already registered. All or nothing, like the members import.
 */
import ExcelJS from 'exceljs'
import { startTestStack, type TestStack } from '../../../server/testing/stack'
import { buildHouseholdWorkbook, GOOD_HOUSEHOLDS } from '../../../tests/fixtures/importWorkbook'

jest.setTimeout(60_000)

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const ADMIN = 'demo-community-admin'
const call = (action: string, input: Record<string, unknown>, openid = ADMIN) => stack.call('imports', { action, ...input }, openid)
const upload = async (rows: Record<string, string | number>[], extra: Record<string, unknown> = {}, openid = ADMIN) =>
  call('importHouseholds', { fileBase64: (await buildHouseholdWorkbook(rows)).toString('base64'), fileName: '住户.xlsx', ...extra }, openid)

function counts() {
  const db = stack.emulator.db
  return Object.fromEntries(['households', 'imports', 'audit', 'org_nodes'].map((c) => [c, db.collection(c).count({})]))
}

const rowsOf = (result: { details: { errors: { sheet: string; row: number; column?: string; message: string }[] } }) =>
  result.details.errors.map((e) => `${e.sheet}${e.row}${e.column ? `[${e.column}]` : ''}:${e.message}`)

test('the template: one 住户 sheet, its header and a notes row in Chinese; the untouched template imports nothing', async () => {
  const { result, roundTrips } = await call('householdsTemplate', {})
  expect(result.code).toBe(0)
  expect(roundTrips).toBe(1)
  expect(result.data.fileName).toBe('连心住户导入模板.xlsx')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(result.data.base64, 'base64') as unknown as ArrayBuffer)
  expect(wb.worksheets.map((w) => w.name)).toEqual(['住户'])
  const ws = wb.getWorksheet('住户')!
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['楼栋', '门牌号', '姓名', '电话', '标签', '出生年份', '备注'])
  expect(String(ws.getCell('A2').value)).toMatch(/^填写说明：必填/)

  const before = counts()
  const empty = await call('importHouseholds', { fileBase64: result.data.base64 })
  expect(empty.result).toEqual({ code: 'IMPORT.EMPTY', message: '表格里没有可导入的住户' })
  expect(counts()).toEqual(before)
})

test.each(['demo-member', 'demo-unit-admin', 'demo-county-admin', 'never-seen'])('%s (no household.maintain) gets AUTH.FORBIDDEN in one round trip, nothing written', async (openid) => {
  const before = counts()
  const { result, roundTrips } = await upload(GOOD_HOUSEHOLDS, {}, openid)
  expect(result).toEqual({ code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' })
  expect(roundTrips).toBe(1)
  expect((await call('householdsTemplate', {}, openid)).result.code).toBe('AUTH.FORBIDDEN')
  expect(counts()).toEqual(before)
})

test('every bad row is reported (row, column, reason), the good ones too are not written', async () => {
  const before = counts()
  const { result } = await upload([
    GOOD_HOUSEHOLDS[0],
    { building: '北门花园9栋', door: '1单元101', name: '无此楼' },
    { building: '北门花园1栋', door: '1单元101', name: '王秀英' },
    { building: '北门花园2栋', door: '1单元 202', name: '空格门牌', phone: '1390000', tags: '贫困户' },
    { building: '城南雅苑1栋', door: '1单元101', name: '别的社区' },
    { building: '北门花园2栋', door: '5单元501', name: '', note: '女儿电话13900009999', birthYear: 1850 },
  ])
  expect(result.code).toBe('IMPORT.INVALID_ROWS')
  expect(result.message).toBe('表格中有5行有错误，没有导入任何住户，请改正后重新导入')
  expect(rowsOf(result)).toEqual([
    '住户3[楼栋]:您负责的范围内没有「北门花园9栋」这个楼栋（楼栋在组织架构中建立）',
    '住户4[门牌号]:「北门花园1栋」已经有1单元101的住户了，不能重复导入（要改请在住户页面修改）',
    '住户5[门牌号]:门牌号「1单元 202」格式不对，例如：1单元102（不要有空格）',
    '住户5[电话]:电话「1390000」格式不对，应为11位手机号',
    '住户5[标签]:没有「贫困户」这个标签，只能是独居老人、留守儿童、低保、残疾、党员',
    // 城南雅苑1栋 is not a building 陈书记 maintains: not found among hers.
    '住户6[楼栋]:您负责的范围内没有「城南雅苑1栋」这个楼栋（楼栋在组织架构中建立）',
    '住户7[姓名]:「姓名」不能为空',
    '住户7[出生年份]:出生年份「1850」不对，例如：1946',
    '住户7[备注]:备注里不要写电话号码，请填在电话一栏',
  ])
  // What the good rows would have added.
  expect(result.details.summary).toEqual({ households: 1, residents: 1 })
  expect(counts()).toEqual(before)
})

test('a dry run checks and writes nothing; the import writes every door once with its residents, due by the community rules, and audits', async () => {
  const before = counts()
  const dry = await upload(GOOD_HOUSEHOLDS, { dryRun: true })
  // The caller, the places under her scope, their ancestors, the doors named.
  expect(dry.roundTrips).toBe(4)
  expect(dry.result).toEqual({ code: 0, data: { importId: null, dryRun: true, summary: { households: 3, residents: 4 } } })
  expect(counts()).toEqual(before)

  const { result, roundTrips } = await upload(GOOD_HOUSEHOLDS)
  // The 4 reads, the county (for its import lock), then the lock, the record, one insert, the record done, the lock gone, the audit.
  expect(roundTrips).toBe(11)
  expect(result).toMatchObject({ code: 0, data: { dryRun: false, summary: { households: 3, residents: 4 } } })
  const importId = result.data.importId as string
  const after = counts()
  expect(after.households - before.households).toBe(3)
  expect(after.imports - before.imports).toBe(1)
  expect(after.audit - before.audit).toBe(1)

  const db = stack.emulator.db
  expect(db.collection('imports').findOne({ _id: importId })).toMatchObject({ kind: 'households', state: 'done', by: 'user-demo-community-admin', summary: { households: 3, residents: 4 } })
  expect(db.collection('audit').findOne({ entityId: importId })).toMatchObject({ entity: 'import', action: 'importHouseholds', to: 'done' })
  const sun = db.collection('households').findOne({ buildingId: 'org-beimen-b2', door: '1单元202' })!
  expect(sun).toMatchObject({
    importId, communityId: 'org-beimen', gridId: 'org-beimen-grid-1', buildingName: '北门花园2栋', lineage: ['org-longmen', 'org-longcheng', 'org-beimen', 'org-beimen-garden', 'org-beimen-grid-1', 'org-beimen-b2'],
    tags: ['left_behind_child'], lastVisitAt: null, createdBy: 'user-demo-community-admin',
  })
  expect((sun.residents as { name: string; phone: string | null; birthYear: number | null }[]).map((r) => [r.name, r.phone, r.birthYear])).toEqual([['孙小宝', null, 2016], ['孙奶奶', '13900003201', 1955]])
  // 留守儿童 is visited every 30 days by default: due 30 days after it was recorded.
  expect(new Date(sun.visitDueAt as Date).getTime() - new Date(sun.createdAt as Date).getTime()).toBe(30 * 86_400_000)

  // The households function shows them: the grid worker's list of 2栋, masked; the household's own page whole.
  const list = await stack.call('households', { action: 'list', placeId: 'org-beimen-b2' }, 'demo-grid')
  expect(list.result.data.items).toEqual(expect.arrayContaining([expect.objectContaining({ door: '1单元202', headline: '孙** 等2人' }), expect.objectContaining({ door: '4单元402', tagLabels: ['低保', '残疾'] })]))
  const page = await stack.call('households', { action: 'get', id: sun._id }, 'demo-grid')
  expect(page.result.data.residents.map((r: { name: string }) => r.name)).toEqual(['孙小宝', '孙奶奶'])

  // The same workbook again: every door is taken now, nothing written.
  const again = await upload(GOOD_HOUSEHOLDS)
  expect(again.result.code).toBe('IMPORT.INVALID_ROWS')
  expect(again.result.details.errors).toHaveLength(4)
  expect(counts().households).toBe(after.households)
})

test('a grid worker imports within their grid', async () => {
  const { result } = await upload([{ building: '北门花园2栋', door: '6单元601', name: '网格员录入' }], { dryRun: true }, 'demo-grid')
  expect(result).toEqual({ code: 0, data: { importId: null, dryRun: true, summary: { households: 1, residents: 1 } } })
})

// Last: it adds a second 北门花园1栋 the other cases would trip on.
test('a bare building name shared by two compounds asks for 小区/楼栋', async () => {
  const db = stack.emulator.db
  await db.collection('org_nodes').insertMany([
    { _id: 'org-beimen-east', kind: 'compound', name: '东苑小区', parentId: 'org-beimen', path: ['org-longmen', 'org-longcheng', 'org-beimen'] },
    { _id: 'org-beimen-east-g', kind: 'grid', name: '东苑网格', parentId: 'org-beimen-east', path: ['org-longmen', 'org-longcheng', 'org-beimen', 'org-beimen-east'] },
    { _id: 'org-beimen-east-b1', kind: 'building', name: '北门花园1栋', parentId: 'org-beimen-east-g', path: ['org-longmen', 'org-longcheng', 'org-beimen', 'org-beimen-east', 'org-beimen-east-g'] },
  ])
  const { result } = await upload([{ building: '北门花园1栋', door: '8单元801', name: '重名楼' }, { building: '东苑小区/北门花园1栋', door: '8单元801', name: '写清楚了' }], { dryRun: true })
  expect(rowsOf(result)).toEqual(['住户2[楼栋]:有2个「北门花园1栋」，请写成“小区/楼栋”，如“北门花园小区/北门花园1栋”'])
})
