/**
 * Exports of lists that already page themselves (报到审核, 心愿审核, 服务单): their rows are read
 * through the list's own action, in this invocation, page after page with its own cursor. The
 * list does its own validation, permission check, scope and masking, so the file holds exactly
 * what the admin's page would show, filters included, however the list changes.
 */
import type { Envelope } from '../../../domain/envelope'
import type { PendingItem } from '../../../domain/api/registration'
import type { CompoundMembers } from '../../../domain/api/members'
import type { ReviewQueue } from '../../../domain/api/wishes'
import type { OrderRow } from '../../../domain/api/orders'
import type { CompoundMembersFilters, OrderQueueFilters, PendingRegistrationsFilters, UnitOrderFilters, WishReviewFilters } from '../../../domain/api/exports'
import { DomainError, type ErrorCode } from '../../../domain/errors'
import type { RoleGrant } from '../../../domain/roles'
import { cellsOf, exportShowsFullPhone, memberColumns, orderColumns, pendingColumns, wishColumns, type ExportCell } from '../../../domain/exports'
import { main as registrationMain } from '../../registration/src/index'
import { main as wishesMain } from '../../wishes/src/index'
import { main as ordersMain } from '../../orders/src/index'
import { main as membersMain } from '../../members/src/index'
import type { ExportSpec } from './spec'

type Main = (event: unknown) => Promise<unknown>

/** One page of a list, as the admin's page would get it; the list's refusal becomes the export's. */
async function listPage<T>(main: Main, action: string, input: object): Promise<T> {
  const answer = (await main({ ...input, action })) as Envelope<T>
  if (answer.code !== 0) throw new DomainError(answer.code as ErrorCode, answer.message, (answer as { details?: unknown }).details)
  return (answer as { data: T }).data
}

/** Reads the first page before answering, so a refusal comes before any file is written. */
async function firstThen<P, R>(first: Promise<P>, rest: (first: P) => AsyncGenerator<R>): Promise<AsyncGenerator<R>> {
  return rest(await first)
}

const PENDING_PAGE = 100
/** registration.listPending: oldest first, continued after the last row's createdAt. */
export async function pendingSpec(grants: RoleGrant[], f: PendingRegistrationsFilters): Promise<ExportSpec> {
  const full = f.scope === 'community' && exportShowsFullPhone(grants, f.scopeId)
  const columns = pendingColumns(full)
  const page = (afterCreatedAt?: string) => listPage<{ items: PendingItem[] }>(registrationMain, 'listPending', { ...f, limit: PENDING_PAGE, ...(afterCreatedAt ? { afterCreatedAt } : {}) })
  const rows = await firstThen(page(), async function* (first) {
    let items = first.items
    for (;;) {
      for (const item of items) yield cellsOf(columns, item) as ExportCell[]
      if (items.length < PENDING_PAGE) return
      items = (await page(items[items.length - 1].createdAt)).items
    }
  })
  return { name: f.scope === 'unit' ? '单位待审核报到' : '社区待审核报到', sheet: '待审核', columns, rows, fullPhones: full }
}

const WISH_PAGE = 50
/** wishes.reviewQueue (one community, or a street's or county's overview): its `next` cursor. */
export async function wishesSpec(f: WishReviewFilters): Promise<ExportSpec> {
  const page = (after?: ReviewQueue['next']) => listPage<ReviewQueue>(wishesMain, 'reviewQueue', { ...f, limit: WISH_PAGE, ...(after ? { after } : {}) })
  const rows = await firstThen(page(), async function* (first) {
    let q = first
    for (;;) {
      for (const item of q.items) yield cellsOf(wishColumns, item) as ExportCell[]
      if (!q.next) return
      q = await page(q.next)
    }
  })
  return { name: '心愿审核', sheet: '心愿', columns: wishColumns, rows, fullPhones: false }
}

/** orders.queue and orders.unitQueue answer their whole list in one page (at most their maximum, 200). */
const ORDER_LIST_MAX = 200
export async function ordersSpec(action: 'queue' | 'unitQueue', f: OrderQueueFilters | UnitOrderFilters): Promise<ExportSpec> {
  const { items } = await listPage<{ items: OrderRow[] }>(ordersMain, action, { ...f, limit: ORDER_LIST_MAX })
  async function* rows(): AsyncGenerator<ExportCell[]> {
    for (const item of items) yield cellsOf(orderColumns, item) as ExportCell[]
  }
  return { name: action === 'unitQueue' ? '本单位服务单' : '社区服务单', sheet: '服务单', columns: orderColumns, rows: rows(), fullPhones: false }
}

const COMPOUND_PAGE = 200
/**
 * members.compoundMembers (支部党员, at most the list's 1000 rows): the list's pages by offset. Its
 * phones are the list's (masked for a branch); full ones only for the community's own admin.
 */
export async function compoundMembersSpec(grants: RoleGrant[], f: CompoundMembersFilters): Promise<ExportSpec> {
  const page = (offset: number) => listPage<CompoundMembers>(membersMain, 'compoundMembers', { ...f, limit: COMPOUND_PAGE, offset })
  const first = await page(0)
  const full = exportShowsFullPhone(grants, first.community.id)
  const columns = memberColumns(full)
  async function* rows(): AsyncGenerator<ExportCell[]> {
    let answer = first
    for (let offset = 0; ; ) {
      for (const item of answer.items) yield cellsOf(columns, item) as ExportCell[]
      offset += answer.items.length
      if (answer.items.length === 0 || offset >= answer.total) return
      answer = await page(offset)
    }
  }
  return { name: `${first.community.name}${first.compound.name}党员`, sheet: '党员', columns, rows: rows(), fullPhones: full }
}
