import { planImport, readSheet, splitList, normalizePhone, NOTES_MARK, type ImportContext, type ImportRowError, type ParsedWorkbook, type SheetRow } from './imports'
import type { OrgNode } from './org'

// A small county in the shape of the demo one (server/local/demo.ts).
const node = (_id: string, kind: OrgNode['kind'], name: string, parent: OrgNode | null): OrgNode => ({
  _id, kind, name, parentId: parent?._id ?? null, path: parent ? [...parent.path, parent._id] : [],
})
const county = node('c', 'county', '龙门县', null)
const longcheng = node('s1', 'street', '龙城街道', county)
const pingling = node('s2', 'street', '平陵街道', county)
const beimen = node('m1', 'community', '北门社区', longcheng)
const chengnan = node('m2', 'community', '城南社区', longcheng)
const twin = node('m3', 'community', '城南社区', pingling) // same name, other street
const garden = node('p1', 'compound', '北门花园小区', beimen)
const grid = node('g1', 'grid', '北门第一网格', garden)
const b1 = node('b1', 'building', '北门花园1栋', grid)

const COUNTY_ADMIN = [{ kind: 'county_admin' as const, scopeId: 'c' }]
const STREET_ADMIN = [{ kind: 'street_admin' as const, scopeId: 's1' }]

function ctx(over: Partial<ImportContext> = {}): ImportContext {
  return {
    county: { _id: 'c', name: '龙门县' },
    grants: COUNTY_ADMIN,
    nodes: [county, longcheng, pingling, beimen, chengnan, twin, garden, grid, b1],
    units: [{ _id: 'u1', name: '县水利局', kind: '机关' }],
    livePhones: new Set(['13800001002']),
    ...over,
  }
}

let seq = 0
const ids = () => `id${seq++}`
const rows = (cells: Record<string, string>[], first = 3): SheetRow[] => cells.map((c, i) => ({ row: first + i, cells: c }))
const book = (p: Partial<ParsedWorkbook>): ParsedWorkbook => ({ communities: [], units: [], members: [], headerErrors: [], ...p })
const member = (over: Record<string, string> = {}) => ({ name: '林晓', phone: '13912345678', unit: '县水利局', community: '北门社区', compound: '', building: '', skills: '', ...over })

function errorsOf(b: ParsedWorkbook, c = ctx()): ImportRowError[] {
  const r = planImport(b, c, ids)
  if (r.ok) throw new Error('expected errors')
  return r.errors
}

describe('a good workbook', () => {
  test('creates communities with compounds, units paired by name, members resolved against both', () => {
    const r = planImport(
      book({
        communities: rows([{ street: '平陵街道', community: '新城社区', compounds: '新城一区、新城二区' }]),
        units: rows([{ name: '县教育局', kind: '机关', paired: '新城社区、北门社区' }]),
        members: rows([
          member({ name: '林晓', phone: '139 1234 5678', unit: '县教育局', community: '新城社区', compound: '新城一区', skills: '教育辅导、会弹钢琴' }),
          member({ name: '黄山', phone: '13912345679', compound: '北门花园小区', building: '北门花园1栋' }),
        ]),
      }),
      ctx(),
      ids,
    )
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.plan.summary).toEqual({ communities: 1, compounds: 2, units: 1, members: 2 })
    const community = r.plan.nodes.find((n) => n.kind === 'community')!
    expect(community).toMatchObject({ name: '新城社区', parentId: 's2', path: ['c', 's2'] })
    expect(r.plan.nodes.filter((n) => n.kind === 'compound').map((n) => [n.name, n.parentId])).toEqual([['新城一区', community._id], ['新城二区', community._id]])
    expect(r.plan.units[0]).toMatchObject({ name: '县教育局', kind: '机关', countyId: 'c', pairedCommunityIds: [community._id, 'm1'] })
    const [lin, huang] = r.plan.members
    expect(lin).toMatchObject({ phone: '13912345678', unitId: r.plan.units[0]._id, communityId: community._id, communityLineage: ['c', 's2', community._id], skills: ['教育辅导'], skillNote: '会弹钢琴' })
    expect(lin.buildingId).toBeUndefined()
    expect(huang).toMatchObject({ unitId: 'u1', communityId: 'm1', buildingId: 'b1', buildingName: '北门花园1栋' })
  })

  test('"街道/社区" picks one of two communities of the same name', () => {
    const r = planImport(book({ members: rows([member({ community: '平陵街道/城南社区' })]) }), ctx(), ids)
    expect(r.ok && r.plan.members[0].communityId).toBe('m3')
  })
})

describe('bad rows: each reported with sheet, row and a Chinese reason; nothing planned', () => {
  const cases: [string, Partial<ParsedWorkbook>, Partial<ImportRowError>][] = [
    ['empty name', { members: rows([member({ name: '' })]) }, { sheet: '党员', row: 3, column: '姓名', message: '「姓名」不能为空' }],
    ['one-character name', { members: rows([member({ name: '林' })]) }, { sheet: '党员', row: 3, column: '姓名', message: '姓名应为2至20个字' }],
    ['malformed phone', { members: rows([member({ phone: '1381234' })]) }, { sheet: '党员', row: 3, column: '手机号', message: '手机号「1381234」格式不对，应为11位手机号' }],
    ['phone with a live registration', { members: rows([member({ phone: '13800001002' })]) }, { row: 3, column: '手机号', message: '手机号13800001002已有一份有效的报到，不能重复导入' }],
    ['unknown unit', { members: rows([member({ unit: '县财政局' })]) }, { row: 3, column: '工作单位', message: '本县没有「县财政局」这个单位' }],
    ['unknown community', { members: rows([member({ community: '东门社区' })]) }, { row: 3, column: '居住社区', message: '本县没有「东门社区」这个社区' }],
    ['ambiguous community', { members: rows([member({ community: '城南社区' })]) }, { row: 3, column: '居住社区', message: '本县有2个「城南社区」，请写成“街道/社区”，如“龙城街道/城南社区”' }],
    ['building without compound', { members: rows([member({ building: '北门花园1栋' })]) }, { column: '小区', message: '填写楼栋时请同时填写小区' }],
    ['unknown compound', { members: rows([member({ compound: '东门小区' })]) }, { column: '小区', message: '「北门社区」下没有「东门小区」这个小区' }],
    ['unknown building', { members: rows([member({ compound: '北门花园小区', building: '9栋' })]) }, { column: '楼栋', message: '「北门花园小区」下没有「9栋」这个楼栋' }],
    ['unknown unit kind', { units: rows([{ name: '县教育局', kind: '学校', paired: '' }]) }, { sheet: '单位', column: '单位类型', message: '单位类型「学校」不对，只能是机关、企业、事业单位、两新组织之一' }],
    ['existing unit', { units: rows([{ name: '县水利局', kind: '机关', paired: '' }]) }, { sheet: '单位', column: '单位名称', message: '本县已有「县水利局」，不能重复建立' }],
    ['unit paired with an unknown community', { units: rows([{ name: '县教育局', kind: '机关', paired: '东门社区' }]) }, { sheet: '单位', column: '结对社区', message: '本县没有「东门社区」这个社区' }],
    ['unknown street', { communities: rows([{ street: '东城街道', community: '新城社区', compounds: '' }]) }, { sheet: '社区', column: '街道（镇）', message: '本县没有「东城街道」这个街道（镇），请先在组织架构中建立' }],
    ['existing community', { communities: rows([{ street: '龙城街道', community: '北门社区', compounds: '' }]) }, { sheet: '社区', column: '社区（村）名称', message: '「龙城街道」下已有「北门社区」，不能重复建立' }],
  ]
  test.each(cases)('%s', (_name, b, expected) => {
    const errors = errorsOf(book(b))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject(expected)
  })

  test('duplicates inside the workbook point at the first row', () => {
    const errors = errorsOf(
      book({
        communities: rows([{ street: '平陵街道', community: '新城社区', compounds: '' }, { street: '平陵街道', community: '新城社区', compounds: '' }]),
        units: rows([{ name: '县教育局', kind: '机关', paired: '' }, { name: '县教育局', kind: '企业', paired: '' }]),
        members: rows([member(), member({ name: '林晓二' })]),
      }),
    )
    expect(errors).toEqual([
      { sheet: '社区', row: 4, column: '社区（村）名称', message: '与第3行重复：平陵街道已有「新城社区」' },
      { sheet: '单位', row: 4, column: '单位名称', message: '与第3行重复：「县教育局」' },
      { sheet: '党员', row: 4, column: '手机号', message: '手机号与第3行重复' },
    ])
  })

  test('every bad row is reported, not only the first; one row can carry several reasons', () => {
    const errors = errorsOf(book({ members: rows([member(), member({ phone: '123' }), member({ name: '', phone: '13912345670' }), member({ phone: '13912345671', unit: '无', community: '无' })]) }))
    expect(errors.map((e) => [e.row, e.column])).toEqual([[4, '手机号'], [5, '姓名'], [6, '工作单位'], [6, '居住社区']])
  })

  test('an empty workbook is an error, not a silent success', () => {
    expect(errorsOf(book({}))[0].message).toBe('表格里没有可导入的数据')
  })
})

describe('scope: each row on its own target', () => {
  test('a street admin imports communities and members in their street, never units or other streets', () => {
    const errors = errorsOf(
      book({
        communities: rows([{ street: '龙城街道', community: '新北社区', compounds: '' }, { street: '平陵街道', community: '新城社区', compounds: '' }]),
        units: rows([{ name: '县教育局', kind: '机关', paired: '' }]),
        members: rows([member({ community: '新北社区' }), member({ phone: '13912345679', community: '平陵街道/城南社区' })]),
      }),
      ctx({ grants: STREET_ADMIN }),
    )
    const reasons = errors.map((e) => `${e.sheet}${e.row}`)
    expect(reasons).toEqual(['社区4', '单位3', '党员4'])
    expect(errors.every((e) => e.message === '超出您的管理范围，不能导入这一行')).toBe(true)
  })
})

describe('reading a sheet', () => {
  test('columns by header text in any order; notes row and blank rows skipped; row numbers as in Excel', () => {
    const errors: ImportRowError[] = []
    const grid = [
      ['手机号', '姓名*', '工作单位', '居住社区'],
      [`${NOTES_MARK}必填`, '必填', '', ''],
      ['13912345678', ' 林　晓 ', '县水利局', '北门社区'],
      [],
      ['', '', '', ''],
      ['13912345679', '黄山', '县水利局', '北门社区'],
    ]
    const read = readSheet('members', grid, errors)
    expect(errors).toEqual([])
    expect(read.map((r) => [r.row, r.cells.name, r.cells.phone, r.cells.building])).toEqual([
      [3, '林 晓', '13912345678', ''],
      [6, '黄山', '13912345679', ''],
    ])
  })

  test('headers match without the bracketed remark or a required mark: 街道 is 街道（镇）, 社区名称 is 社区（村）名称', () => {
    const errors: ImportRowError[] = []
    const read = readSheet('communities', [['街道', '社区名称*', '小区'], ['平陵街道', '新城社区', '']], errors)
    expect(errors).toEqual([])
    expect(read).toEqual([{ row: 2, cells: { street: '平陵街道', community: '新城社区', compounds: '' } }])
  })

  test('a missing required column is reported on row 1', () => {
    const errors: ImportRowError[] = []
    readSheet('units', [['单位名称', '结对社区']], errors)
    expect(errors).toEqual([{ sheet: '单位', row: 1, column: '单位类型', message: '缺少「单位类型」列，请使用下载的模板' }])
  })

  test('lists and phones as people type them', () => {
    expect(splitList('新城一区、新城二区,新城三区；新城一区 ')).toEqual(['新城一区', '新城二区', '新城三区'])
    expect(normalizePhone('+86 139-1234-5678')).toBe('13912345678')
  })
})
