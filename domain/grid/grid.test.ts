import { DomainError } from '../errors'
import {
  checkDoor,
  checkResidents,
  DEFAULT_VISIT_RULES,
  dueGroups,
  isOverdue,
  tagFromLabel,
  tagsOf,
  visitDue,
  visitEveryDays,
  RESIDENT_TAGS,
  RESIDENT_TAG_LABELS,
} from './households'
import { checkVisit, prefillOf, VISIT_KEY } from './visits'

const DAY = 86_400_000
const NOW = new Date('2026-11-22T02:00:00.000Z')
const codeOf = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return (e as DomainError).code
  }
  return null
}

describe('tags', () => {
  test('the five tags the work needs, each with its Chinese label, read back from the label', () => {
    expect(RESIDENT_TAGS.map((t) => RESIDENT_TAG_LABELS[t])).toEqual(['独居老人', '留守儿童', '低保', '残疾', '党员'])
    for (const t of RESIDENT_TAGS) expect(tagFromLabel(` ${RESIDENT_TAG_LABELS[t]} `)).toBe(t)
    expect(tagFromLabel('贫困户')).toBeNull()
  })

  test("a household's tags: every tag of its residents, once, in the fixed order", () => {
    expect(tagsOf([{ tags: ['party_member'] }, { tags: ['elderly_alone', 'party_member'] }])).toEqual(['elderly_alone', 'party_member'])
    expect(tagsOf([{ tags: [] }])).toEqual([])
  })
})

describe('visit rules', () => {
  test('the tightest interval among the tags; tags without a rule count for nothing', () => {
    expect(visitEveryDays(['subsistence', 'disabled'], DEFAULT_VISIT_RULES)).toBe(60)
    expect(visitEveryDays(['elderly_alone', 'subsistence'], DEFAULT_VISIT_RULES)).toBe(30)
    expect(visitEveryDays(['party_member'], DEFAULT_VISIT_RULES)).toBeNull()
    expect(visitEveryDays(['elderly_alone'], { elderly_alone: 0 })).toBeNull()
  })

  test('due that many days after the last visit, or after the household was recorded; overdue once that passed', () => {
    const createdAt = new Date(NOW.getTime() - 40 * DAY)
    const never = visitDue({ tags: ['elderly_alone'], lastVisitAt: null, createdAt }, DEFAULT_VISIT_RULES)!
    expect(never.getTime()).toBe(createdAt.getTime() + 30 * DAY)
    expect(isOverdue({ visitDueAt: never }, NOW)).toBe(true)
    const visited = visitDue({ tags: ['elderly_alone'], lastVisitAt: new Date(NOW.getTime() - 10 * DAY), createdAt }, DEFAULT_VISIT_RULES)!
    expect(isOverdue({ visitDueAt: visited }, NOW)).toBe(false)
    expect(visitDue({ tags: ['party_member'], lastVisitAt: null, createdAt }, DEFAULT_VISIT_RULES)).toBeNull()
    expect(isOverdue({ visitDueAt: null }, NOW)).toBe(false)
  })
})

describe('moving the due dates to new rules', () => {
  const createdAt = new Date(NOW.getTime() - 100 * DAY)
  const last = new Date(NOW.getTime() - 10 * DAY)
  const hh = (id: string, over: Record<string, unknown> = {}) => ({ _id: id, tags: ['elderly_alone'] as ('elderly_alone' | 'party_member')[], lastVisitAt: null as Date | null, createdAt, ...over })

  test('one group per tags, start and version read; its due under the new rules; households already there left alone', () => {
    const groups = dueGroups(
      [
        hh('a'),
        hh('b'), // same as a: imported together, never visited
        hh('c', { lastVisitAt: last }),
        hh('d', { tags: ['party_member'] }),
        hh('e', { visitRulesVersion: 1 }),
        hh('f', { visitRulesVersion: 2 }), // already on the new version
        hh('g', { visitRulesVersion: 3 }), // a newer change got there first
      ],
      { elderly_alone: 7 },
      2,
    )
    expect(groups).toEqual([
      { tags: ['elderly_alone'], lastVisitAt: null, createdAt, version: null, visitDueAt: new Date(createdAt.getTime() + 7 * DAY), ids: ['a', 'b'] },
      { tags: ['elderly_alone'], lastVisitAt: last, createdAt: null, version: null, visitDueAt: new Date(last.getTime() + 7 * DAY), ids: ['c'] },
      { tags: ['party_member'], lastVisitAt: null, createdAt, version: null, visitDueAt: null, ids: ['d'] },
      { tags: ['elderly_alone'], lastVisitAt: null, createdAt, version: 1, visitDueAt: new Date(createdAt.getTime() + 7 * DAY), ids: ['e'] },
    ])
  })
})

describe('households', () => {
  test.each([
    ['1单元102', null],
    [' 3-201 ', null],
    ['', 'HOUSEHOLD.BAD_DOOR'],
    ['1单元 102', 'HOUSEHOLD.BAD_DOOR'],
    ['x'.repeat(21), 'HOUSEHOLD.BAD_DOOR'],
  ])('door %p → %p', (door, code) => {
    expect(codeOf(() => checkDoor(door))).toBe(code)
  })

  test('at least one resident; phones are mobiles; a phone in the note is refused', () => {
    expect(codeOf(() => checkResidents([]))).toBe('HOUSEHOLD.NO_RESIDENT')
    expect(codeOf(() => checkResidents([{ name: '王秀英', tags: [], phone: '138 0000 1001' }]))).toBeNull()
    expect(codeOf(() => checkResidents([{ name: '王秀英', tags: [], phone: '12345' }]))).toBe('HOUSEHOLD.BAD_PHONE')
    expect(codeOf(() => checkResidents([{ name: '王秀英', tags: [], note: '女儿电话13800001001' }]))).toBe('HOUSEHOLD.BAD_PHONE')
  })
})

describe('visits', () => {
  const visit = (over: Record<string, unknown> = {}) => ({ key: 'k3f9a2b1c-17', householdId: 'hh-1', visitedAt: NOW.toISOString(), seen: '老人在家', needs: [], ...over }) as Parameters<typeof checkVisit>[0]

  test.each<[string, Record<string, unknown>, string | null]>([
    ['a good visit', {}, null],
    ['no household', { householdId: null }, 'VISIT.NO_HOUSEHOLD'],
    ['no household and a bad key: the household speaks first', { householdId: '', key: 'x' }, 'VISIT.NO_HOUSEHOLD'],
    ['a malformed key', { key: 'abc' }, 'VISIT.BAD_KEY'],
    ['a time that is not one', { visitedAt: 'yesterday' }, 'VISIT.BAD_TIME'],
    ['a time an hour ahead', { visitedAt: new Date(NOW.getTime() + 3600_000).toISOString() }, 'VISIT.BAD_TIME'],
    ['a clock 5 minutes fast is tolerated', { visitedAt: new Date(NOW.getTime() + 5 * 60_000).toISOString() }, null],
    ['one character seen', { seen: ' 好 ' }, 'VISIT.SEEN_REQUIRED'],
    ['an empty need', { needs: [{ kind: 'wish', text: ' ' }] }, 'VISIT.NEED_EMPTY'],
  ])('%s', (_label, over, code) => {
    expect(codeOf(() => checkVisit(visit(over), NOW))).toBe(code)
  })

  test('the key is the device key of wish intake', () => {
    expect(VISIT_KEY.test('k3f9a2b1c0de-1')).toBe(true)
    expect(VISIT_KEY.test('k3f9-')).toBe(false)
  })

  test("a need prefills the household and the need's words", () => {
    expect(prefillOf({ householdId: 'hh-1', door: '1单元101', buildingName: '北门花园1栋' }, { kind: 'order', text: '换灯泡' })).toEqual({
      householdId: 'hh-1', door: '1单元101', buildingName: '北门花园1栋', text: '换灯泡', kind: 'order',
    })
  })
})
