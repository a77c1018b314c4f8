import { CHILD_KIND, isUnder, lineage, ORG_KINDS } from './org'

test('each kind has the next kind as children; buildings are leaves', () => {
  ORG_KINDS.forEach((kind, i) => expect(CHILD_KIND[kind]).toBe(ORG_KINDS[i + 1] ?? null))
})

test("lineage is the node's ancestors then the node; isUnder reads it", () => {
  const grid = { _id: 'g-1', path: ['c-1', 's-1', 'm-1', 'p-1'] }
  expect(lineage(grid)).toEqual(['c-1', 's-1', 'm-1', 'p-1', 'g-1'])
  expect(isUnder(grid, 'm-1')).toBe(true)
  expect(isUnder(grid, 'g-1')).toBe(true)
  expect(isUnder(grid, 'm-2')).toBe(false)
})
