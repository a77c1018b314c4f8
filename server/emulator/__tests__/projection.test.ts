// Plain inclusion projections (what `.field()` sends) are answered without mingo's expression
// machinery; the documents must be exactly mingo's, key order included, on awkward shapes.
import { find as mingoFind } from 'mingo'
import { project } from '../matching'

const DOCS: Array<Record<string, unknown>> = [
  { _id: 'w1', title: '轮椅', communityId: 'c1', beneficiary: { name: '王', category: '孤寡老人', phone: '139', room: '101', extra: 1 }, state: 'published', updatedAt: new Date(5), n: 0 },
  { _id: 'w2', title: null, beneficiary: null, state: undefined },
  { _id: 'w3', beneficiary: 5, title: '' },
  { _id: 'w4', beneficiary: {}, title: 't' },
  { _id: 'w5', beneficiary: { name: undefined, category: null } },
  { _id: 'w6', beneficiary: { name: { first: 'a' }, deep: { x: { y: 1, z: 2 } } }, tags: ['a', 'b'], at: new Date(0) },
  { title: 'no id', beneficiary: { name: 'n' } },
  { _id: 0, title: 'zero id' },
  { _id: 'w8', B: { zz: 1, name: 'n' }, a: 2, s: 3, ab: 4, 'a-b': 5 },
]

const PROJECTIONS: Array<Record<string, unknown>> = [
  { _id: true, title: true, communityId: true, 'beneficiary.name': true, 'beneficiary.category': true, 'beneficiary.phone': true, state: true, updatedAt: true },
  { title: 1, 'beneficiary.name': 1 },
  { title: 1, _id: 0 },
  { 'beneficiary.name': 1, title: 1, _id: 1 },
  { title: 1, _id: 1 },
  { s: 1, a: 1, B: 1, title: 1, ab: 1, 'a-b': 1 },
  { 'B.zz': 1, 'B.name': 1, title: true },
  { s: 1, _id: true, a: 1 },
  { 'beneficiary.deep.x.y': 1, 'beneficiary.name': 1, tags: 1 },
  { beneficiary: 1, at: 1, _id: false },
  { missing: 1 },
  { 'missing.deep': 1, _id: 0 },
]

test.each(PROJECTIONS.map((p) => [JSON.stringify(p), p]))('%s: the same documents as mingo, in the same key order', (_name, projection) => {
  const want = mingoFind(DOCS, {}, projection as any, { scriptEnabled: false }).all()
  const got = project(DOCS, projection as Record<string, unknown>)
  expect(got).toEqual(want)
  expect(JSON.stringify(got)).toBe(JSON.stringify(want))
})

test('arrays on a dotted path, exclusions and operators are left to mingo (same answers)', () => {
  const docs = [...DOCS, { _id: 'arr', beneficiary: [{ name: 'a' }, 3, { x: 1 }] }]
  for (const projection of [{ 'beneficiary.name': 1 }, { title: 0 }, { tags: { $slice: 1 } }, { beneficiary: 1, 'beneficiary.name': 1 }]) {
    let want: unknown
    try {
      want = mingoFind(docs, {}, projection as any, { scriptEnabled: false }).all()
    } catch (e) {
      want = (e as Error).message
    }
    let got: unknown
    try {
      got = project(docs, projection as Record<string, unknown>)
    } catch (e) {
      got = (e as Error).message.replace(/^invalid projection: /, '')
    }
    expect([projection, got]).toEqual([projection, want])
  }
})
