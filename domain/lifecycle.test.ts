import { anyOf, holds, type Condition } from './lifecycle'

describe('conditions, judged as the database judges them', () => {
  const order = { _id: 'o1', state: 'pooled', lineage: ['c', 's', 'x'], assigneeId: null, pool: { kind: 'grid' }, residentId: 'u1', dueAt: new Date('2026-01-01T00:00:00Z'), n: 2 }

  it.each<[string, Condition, boolean]>([
    ['equality', { state: 'pooled' }, true],
    ['equality fails', { state: 'accepted' }, false],
    ['an array field contains the value', { lineage: 's' }, true],
    ['$in on an array field: any element', { lineage: { $in: ['q', 'x'] } }, true],
    ['$in, none', { lineage: { $in: ['q'] } }, false],
    ['$ne', { residentId: { $ne: 'u2' } }, true],
    ['$ne on the same value', { residentId: { $ne: 'u1' } }, false],
    ['null matches an absent field', { unitId: null }, true],
    ['dotted path', { 'pool.kind': 'grid' }, true],
    ['$exists false', { 'claim.userId': { $exists: false } }, true],
    ['$exists true', { 'pool.kind': { $exists: true } }, true],
    ['$or, one alternative holds', { $or: [{ residentId: 'u9' }, { 'pool.kind': 'grid' }] }, true],
    ['$or, none holds', { $or: [{ residentId: 'u9' }, { 'pool.kind': 'community' }] }, false],
    ['several fields: all must hold', { state: 'pooled', residentId: 'u9' }, false],
    ['$lt a time: before it', { dueAt: { $lt: new Date('2026-01-02T00:00:00Z') } }, true],
    ['$lt a time: at it is not before', { dueAt: { $lt: new Date('2026-01-01T00:00:00Z') } }, false],
    ['$lt a time: an absent field never', { 'pool.at': { $lt: new Date('2030-01-01T00:00:00Z') } }, false],
    ['$lt a number', { n: { $lt: 3 } }, true],
    ['$gte a number: at it', { n: { $gte: 2 } }, true],
    ['$gte a number: below it', { n: { $gte: 3 } }, false],
    ['$gte: an absent field never', { seats: { $gte: 0 } }, false],
    ['$gte a time: at it', { dueAt: { $gte: new Date('2026-01-01T00:00:00Z') } }, true],
    ['$gte a time: before it', { dueAt: { $gte: new Date('2026-01-02T00:00:00Z') } }, false],
  ])('%s', (_label, condition, expected) => {
    expect(holds(order, condition)).toBe(expected)
  })

  it('anyOf leaves a single alternative alone', () => {
    expect(anyOf([{ a: 1 }])).toEqual({ a: 1 })
    expect(anyOf([{ a: 1 }, { b: 2 }])).toEqual({ $or: [{ a: 1 }, { b: 2 }] })
  })
})
