import * as v from 'valibot'
import { exportsArea, filtersOf } from '../api/exports'
import { membersArea } from '../api/members'
import { chinaDateTime, chinaDay, exportAuditRecord, exportPhone, exportShowsFullPhone, memberColumns, cellsOf } from './index'
import type { MemberRow } from '../api/members'

describe('filters of a list', () => {
  const schema = exportsArea.actions.communityMembers.input

  test('the list schema without its paging fields: filters pass, paging is refused, messages are the list’s', () => {
    expect(v.safeParse(schema, { communityId: 'org-beimen', state: 'all', buildingId: 'b1' }).success).toBe(true)
    expect(v.safeParse(schema, { communityId: 'org-beimen', limit: 50 }).success).toBe(false)
    const bad = v.safeParse(schema, { communityId: 'org-beimen', state: 'gone' })
    const list = v.safeParse(membersArea.actions.communityMembers.input, { communityId: 'org-beimen', state: 'gone' })
    expect(bad.success || list.success).toBe(false)
    expect(bad.issues?.[0].message).toBe(list.issues?.[0].message)
    expect(bad.issues?.[0].message).toBe('未知的状态筛选')
  })

  test('every export but hours is built from a list schema; a schema that is not a strict object is refused', () => {
    expect(Object.keys(exportsArea.actions).sort()).toEqual(['communityMembers', 'compoundMembers', 'hours', 'orders', 'pendingRegistrations', 'unitMembers', 'unitOrders', 'wishes'])
    expect(() => filtersOf({ input: v.string() }, [] as never[])).toThrow(/not a strict object/)
  })
})

describe('phones in a file', () => {
  test('full only for the community admin of that community', () => {
    expect(exportShowsFullPhone([{ kind: 'community_admin', scopeId: 'org-beimen' }], 'org-beimen')).toBe(true)
    expect(exportShowsFullPhone([{ kind: 'community_admin', scopeId: 'org-chengnan' }], 'org-beimen')).toBe(false)
    expect(exportShowsFullPhone([{ kind: 'county_admin', scopeId: 'org-longmen' }, { kind: 'street_admin', scopeId: 'org-longcheng' }], 'org-beimen')).toBe(false)
    expect(exportShowsFullPhone([{ kind: 'unit_admin', scopeId: 'unit-water-bureau' }], 'org-beimen')).toBe(false)
    expect(exportShowsFullPhone([{ kind: 'community_admin', scopeId: 'org-beimen' }], null)).toBe(false)
  })

  test('masked as 138****1234; a number the list already masked stays as it is', () => {
    expect(exportPhone('13812341234', true)).toBe('13812341234')
    expect(exportPhone('13812341234', false)).toBe('138****1234')
    expect(exportPhone('138****1234', false)).toBe('138****1234')
    expect(exportPhone('138****1234', true)).toBe('138****1234')
    expect(exportPhone(null, true)).toBe('')
  })
})

test('a member row as cells: labels, places, skills, China time', () => {
  const row: MemberRow = {
    id: 'r1', userId: 'u1', name: '李建国', phone: '13800001002', state: 'registered', stateLabel: '已报到', reported: true,
    unitName: '县水利局', communityName: '北门社区', compoundId: 'c', compoundName: '北门花园小区', buildingId: 'b', buildingName: '北门花园2栋',
    skills: ['维修', '教育辅导'], createdAt: '2026-03-01T01:30:00.000Z',
  }
  expect(cellsOf(memberColumns(false), row)).toEqual(['李建国', '138****1002', '已报到', '县水利局', '北门社区', '北门花园小区', '北门花园2栋', '维修、教育辅导', '2026-03-01 09:30'])
  expect(cellsOf(memberColumns(false), { ...row, compoundName: null, buildingName: null, skills: [] }).slice(5, 8)).toEqual(['', '', ''])
})

test('China time and day; the audit record keeps the filters given', () => {
  expect(chinaDateTime('2026-12-31T16:05:00Z')).toBe('2027-01-01 00:05')
  expect(chinaDateTime(null)).toBe('')
  expect(chinaDay(new Date('2026-12-31T16:05:00Z'))).toBe('20270101')
  const at = new Date()
  expect(
    exportAuditRecord({ by: 'u', byName: '陈红', list: 'communityMembers', filters: { communityId: 'org-beimen', state: undefined }, rows: 3, fullPhones: true, fileId: 'f', name: 'n.xlsx', at }),
  ).toEqual({ by: 'u', byName: '陈红', list: 'communityMembers', filters: { communityId: 'org-beimen' }, rows: 3, fullPhones: true, fileId: 'f', name: 'n.xlsx', at })
})
