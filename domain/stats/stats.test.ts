import { changeBumps, recordBumps, sumBumps, windowBumps, COUNTING } from './counting'
import { monthKey, periodMonths, previousMonthKey, addMetrics, type Metrics } from './metrics'

const at = new Date('2026-12-03T02:00:00Z')
const LINEAGE = ['county', 'street', 'community', 'compound', 'grid', 'building']
const e = (verb: string, from: string | null, to: string, when = at) => ({ verb, from, to, at: when })

function totals(bumps: ReturnType<typeof changeBumps>, period: string, scope: string): Metrics {
  return sumBumps(bumps).get(`${period}|${scope}`)?.metrics ?? {}
}

describe('periods (China time)', () => {
  it('keys a month by its China date', () => {
    expect(monthKey(new Date('2026-11-30T16:30:00Z'))).toBe('m2026-12')
    expect(monthKey(new Date('2026-11-30T15:59:00Z'))).toBe('m2026-11')
  })
  it('lists the months of a month, quarter, year', () => {
    expect(periodMonths('month', at)).toEqual(['m2026-12'])
    expect(periodMonths('quarter', at)).toEqual(['m2026-10', 'm2026-11', 'm2026-12'])
    expect(periodMonths('quarter', new Date('2026-05-10T00:00:00Z'))).toEqual(['m2026-04', 'm2026-05'])
    expect(periodMonths('year', new Date('2026-03-10T00:00:00Z'))).toEqual(['m2026-01', 'm2026-02', 'm2026-03'])
  })
  it('knows the month before', () => {
    expect(previousMonthKey(at)).toBe('m2026-11')
    expect(previousMonthKey(new Date('2027-01-01T00:00:00Z'))).toBe('m2026-12')
  })
  it('adds and subtracts, dropping zeros', () => {
    expect(addMetrics({ members: 1, wishesLit: 2 }, { members: 1 }, -1)).toEqual({ wishesLit: 2 })
  })
})

describe('what each change counts', () => {
  const reg = { _id: 'r1', communityLineage: ['county', 'street', 'community'], unitId: 'unit', unitCountyId: 'county' }
  it('a registration: pending on submit, a member and one registered on confirmation, none after withdrawal', () => {
    const submitted = { ...reg, state: 'pending_unit', history: [e('submit', null, 'pending_unit')] }
    const b1 = changeBumps('registrations', null, submitted, submitted.history, at)
    expect(totals(b1, 'all', 'community')).toEqual({ membersPending: 1 })
    expect(totals(b1, 'all', 'unit')).toEqual({ membersPending: 1 })
    expect(totals(b1, 'm2026-12', 'county')).toEqual({ membersPending: 1 })
    const registered = { ...submitted, state: 'registered' }
    const b2 = changeBumps('registrations', { ...submitted, state: 'pending_community' }, registered, [e('confirmCommunity', 'pending_community', 'registered')], at)
    expect(totals(b2, 'all', 'street')).toEqual({ membersPending: -1, members: 1, registered: 1 })
    const b3 = changeBumps('registrations', registered, { ...registered, state: 'withdrawn' }, [e('withdraw', 'registered', 'withdrawn')], at)
    expect(totals(b3, 'all', 'community')).toEqual({ members: -1 })
    // A bind (registered → registered) counts nothing.
    expect(changeBumps('registrations', registered, registered, [e('bind', 'registered', 'registered')], at)).toEqual([])
  })

  it('a wish: submitted, reviewed on publish or reject, lit on light, done on confirm; giving up counts nothing', () => {
    const w = { _id: 'w', lineage: LINEAGE }
    const step = (from: string, to: string, verb: string) => totals(changeBumps('wishes', { ...w, state: from }, { ...w, state: to }, [e(verb, from, to)], at), 'm2026-12', 'community')
    expect(totals(changeBumps('wishes', null, { ...w, state: 'submitted' }, [e('submit', 'draft', 'submitted')], at), 'all', 'county')).toEqual({ wishesSubmitted: 1 })
    expect(step('verified', 'published', 'publish')).toEqual({ wishesReviewed: 1 })
    expect(step('submitted', 'rejected', 'reject')).toEqual({ wishesReviewed: 1 })
    expect(step('published', 'lit', 'light')).toEqual({ wishesLit: 1 })
    expect(step('lit', 'published', 'giveUp')).toEqual({})
    expect(step('delivered', 'lit', 'disputeDelivery')).toEqual({})
    expect(step('delivered', 'confirmed', 'confirm')).toEqual({ wishesDone: 1 })
    expect(step('submitted', 'verified', 'verify')).toEqual({})
    // A wish counts where its household is: county, street, community; never below.
    expect([...sumBumps(changeBumps('wishes', { ...w, state: 'published' }, { ...w, state: 'lit' }, [e('light', 'published', 'lit')], at)).keys()].sort()).toEqual(
      ['all|community', 'all|county', 'all|street', 'm2026-12|community', 'm2026-12|county', 'm2026-12|street'],
    )
  })

  it('an order: placed, escalated once while overdue, done, rated; overdue is a gauge the next step clears', () => {
    const o = { _id: 'o', lineage: LINEAGE, rating: null as null | { stars: number } }
    const placed = { ...o, state: 'ordered', overdue: null }
    expect(totals(changeBumps('orders', null, placed, [e('order', null, 'ordered')], at), 'all', 'community')).toEqual({ ordersPlaced: 1 })
    const late = { ...placed, overdue: { level: 'community' } }
    expect(totals(changeBumps('orders', placed, late, [e('escalate', 'ordered', 'ordered')], at), 'all', 'community')).toEqual({ ordersEscalated: 1, ordersOverdue: 1 })
    // A second level of the same lateness is not a second overdue order.
    expect(changeBumps('orders', late, { ...late, overdue: { level: 'street' } }, [e('escalate', 'ordered', 'ordered')], at)).toEqual([])
    expect(totals(changeBumps('orders', late, { ...placed, state: 'accepted' }, [e('accept', 'ordered', 'accepted')], at), 'all', 'community')).toEqual({ ordersOverdue: -1 })
    const working = { ...placed, state: 'in_progress' }
    expect(totals(changeBumps('orders', working, { ...working, state: 'done' }, [e('finish', 'in_progress', 'done')], at), 'all', 'community')).toEqual({ ordersDone: 1 })
    const done = { ...working, state: 'done' }
    expect(totals(changeBumps('orders', done, { ...done, state: 'closed', rating: { stars: 4 } }, [e('confirm', 'done', 'confirmed'), e('close', 'confirmed', 'closed')], at), 'all', 'community')).toEqual({
      ratingCount: 1,
      ratingSum: 4,
    })
  })

  it('an activity held counts for its place and its unit', () => {
    const a = { _id: 'a', lineage: ['county'], unitId: 'unit', countyId: 'county' }
    const b = changeBumps('activities', { ...a, state: 'closed' }, { ...a, state: 'held' }, [e('hold', 'closed', 'held')], at)
    expect(totals(b, 'all', 'unit')).toEqual({ activitiesHeld: 1 })
    expect(totals(b, 'all', 'county')).toEqual({ activitiesHeld: 1 })
    expect(changeBumps('activities', { ...a, state: 'held' }, { ...a, state: 'booked' }, [e('book', 'held', 'booked')], at)).toEqual([])
  })

  it('problems, proposals and projects', () => {
    const p = { _id: 'p', lineage: LINEAGE }
    expect(totals(changeBumps('problems', null, { ...p, state: 'reported' }, [e('report', null, 'reported')], at), 'all', 'street')).toEqual({ problemsReported: 1 })
    expect(totals(changeBumps('problems', { ...p, state: 'assigned' }, { ...p, state: 'solved' }, [e('solve', 'assigned', 'solved')], at), 'all', 'street')).toEqual({ problemsSolved: 1 })
    expect(totals(changeBumps('proposals', { ...p, state: 'submitted' }, { ...p, state: 'adopted' }, [e('adopt', 'submitted', 'adopted')], at), 'all', 'street')).toEqual({ proposalsAdopted: 1 })
    const project = { ...p, owner: { kind: 'unit', id: 'unit' } }
    expect(totals(changeBumps('projects', null, { ...project, state: 'planned' }, [e('create', null, 'planned')], at), 'all', 'unit')).toEqual({ projects: 1 })
    expect(totals(changeBumps('projects', { ...project, state: 'in_progress' }, { ...project, state: 'done' }, [e('finish', 'in_progress', 'done')], at), 'all', 'community')).toEqual({ projectsDone: 1 })
  })

  it('an uncounted collection counts nothing', () => {
    expect(changeBumps('households', null, { _id: 'h', state: 'x' }, [], at)).toEqual([])
  })
})

describe('the recount replays history to the same totals as the live changes', () => {
  it('for an order that went late, was accepted, done and rated, in two months', () => {
    const nov = new Date('2026-11-20T02:00:00Z')
    const history = [e('order', null, 'ordered', nov), e('escalate', 'ordered', 'ordered', nov), e('accept', 'ordered', 'accepted'), e('claim', 'accepted', 'claimed'), e('start', 'claimed', 'in_progress'), e('finish', 'in_progress', 'done'), e('confirm', 'done', 'confirmed'), e('close', 'confirmed', 'closed')]
    const final = { _id: 'o', lineage: LINEAGE, state: 'closed', overdue: null, rating: { stars: 5 }, history }
    // Live: each step's change, with the record as it was before and after.
    const live = []
    let before: any = null
    for (let i = 0; i < history.length; i++) {
      const h = history[i]
      const overdue = h.verb === 'escalate' ? { level: 'community' } : null
      const after = { ...final, state: h.to, overdue, history: history.slice(0, i + 1) }
      live.push(...changeBumps('orders', before, after, [h], h.at))
      before = after
    }
    const a = sumBumps(live)
    const b = sumBumps(recordBumps('orders', final))
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort())
    expect(b.get('m2026-11|community')?.metrics).toEqual({ ordersPlaced: 1, ordersEscalated: 1, ordersOverdue: 1 })
    expect(b.get('m2026-12|community')?.metrics).toEqual({ ordersOverdue: -1, ordersDone: 1, ratingCount: 1, ratingSum: 5 })
    expect(b.get('all|community')?.metrics).toEqual({ ordersPlaced: 1, ordersEscalated: 1, ordersDone: 1, ratingCount: 1, ratingSum: 5 })
  })

  it('roll-up windows that follow one another count each step once: their sum is the recount', () => {
    const nov = new Date('2026-11-20T02:00:00Z')
    const later = (min: number) => new Date(at.getTime() + min * 60_000)
    const history = [e('order', null, 'ordered', nov), e('escalate', 'ordered', 'ordered', later(1)), e('accept', 'ordered', 'accepted', later(6)), e('claim', 'accepted', 'claimed', later(7)), e('start', 'claimed', 'in_progress', later(12)), e('finish', 'in_progress', 'done', later(15)), e('confirm', 'done', 'confirmed', later(20)), e('close', 'confirmed', 'closed', later(20))]
    const final = { _id: 'o', lineage: LINEAGE, state: 'closed', overdue: null, rating: { stars: 4 }, history }
    const edges = [new Date(0), later(0), later(5), later(10), later(15), later(20), later(60)]
    const rolled = edges.slice(1).flatMap((to, i) => windowBumps('orders', final, edges[i], to))
    expect([...sumBumps(rolled).entries()].sort()).toEqual([...sumBumps(recordBumps('orders', final)).entries()].sort())
    // A window holds only its own steps: (10, 15] is the finish, one order done.
    expect(sumBumps(windowBumps('orders', final, later(10), later(15))).get('all|community')?.metrics).toEqual({ ordersDone: 1 })
    // A step exactly on an edge counts in the window it closes, not in the next.
    expect(windowBumps('orders', final, later(15), later(16))).toEqual([])
  })

  it('every collection has a counting rule with scopes', () => {
    expect(Object.keys(COUNTING).sort()).toEqual(['activities', 'orders', 'problems', 'projects', 'proposals', 'registrations', 'wishes'])
  })
})
