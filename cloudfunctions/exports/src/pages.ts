/**
 * Reading a whole filter page by page without the cost growing with the page number: each page
 * continues from the last time seen (`time >= last`, with the documents already given at that very
 * time left out), ordered by that time alone, so on an index (equalities…, time) the database
 * walks one contiguous run and stops after a page. An order by (time, _id) or a skip would make it
 * gather and sort everything left on every page.
 */
import { getDocs, type ActionContext } from '../../../server/kit'

/** CloudBase answers at most 1000 documents per read. */
export const PAGE = 1000

type Timed = { _id: string } & Record<string, unknown>

const timeOf = (d: Timed, field: string) => new Date(d[field] as string | Date).getTime()

/** Every document of `where` in `field` order (ties in the index's order), one read per page. */
export async function* timeRun<T extends Timed>(ctx: ActionContext, collection: string, where: object, field: string, fields: object): AsyncGenerator<T> {
  const _ = ctx.db.command
  let last: Date | null = null
  let seenAtLast: string[] = []
  for (;;) {
    // The cursor's range comes first: it is the one the index walk starts from.
    const after = last ? [{ [field]: _.gte(last) }, _.or([{ [field]: _.gt(last) }, { _id: _.nin(seenAtLast) }])] : []
    const page = await getDocs<T>(ctx.db.collection(collection).where(_.and([...after, where])).field(fields).orderBy(field, 'asc').limit(PAGE))
    for (const d of page) yield d
    if (page.length < PAGE) return
    const end = timeOf(page[page.length - 1], field)
    const atEnd = page.filter((d) => timeOf(d, field) === end).map((d) => d._id)
    seenAtLast = last && last.getTime() === end ? seenAtLast.concat(atEnd) : atEnd
    last = new Date(end)
  }
}

/** Several runs, each in `field` order, merged into one in (`field`, _id) order. */
export async function* mergeRuns<T extends Timed>(runs: AsyncGenerator<T>[], field: string): AsyncGenerator<T> {
  const heads = await Promise.all(runs.map((r) => r.next()))
  const before = (a: T, b: T) => timeOf(a, field) - timeOf(b, field) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)
  for (;;) {
    let best = -1
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]
      if (!h.done && (best < 0 || before(h.value, heads[best].value as T) < 0)) best = i
    }
    if (best < 0) return
    yield heads[best].value as T
    heads[best] = await runs[best].next()
  }
}

/** Every document of `where` for each of `states`, one run per state (an equality the index can use), merged by time. */
export function byStates<T extends Timed>(ctx: ActionContext, collection: string, where: object, states: readonly string[], field: string, fields: object): AsyncGenerator<T> {
  return mergeRuns(
    states.map((state) => timeRun<T>(ctx, collection, { ...where, state }, field, fields)),
    field,
  )
}
