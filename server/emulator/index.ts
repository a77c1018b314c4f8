// A local CloudBase: answers the admin API that an unchanged wx-server-sdk sends, so cloud
// functions run against it as they would in production. See README.md in this folder.
import fs from 'fs'
import path from 'path'
import { databaseActions, type ActionHandler } from './actions'
import { Engine } from './engine'
import { startAdminServer } from './http'
import type { Logger } from './journal'
import { localDatabase, type LocalDatabase } from './local'
import { openApiRoute } from './openapi'
import { Outbox } from './outbox'
import { Realtime } from './realtime'
import { Storage } from './storage'
import { Store } from './store'
import { DEFAULT_TRANSACTION_TIMEOUT_MS, type EmulatorTimers, TxnManager } from './transactions'
import type { DatabaseSchema, IndexSpec } from './types'

export type { DatabaseSchema, IndexSpec, FindOptions, QueryStats, Explain } from './types'
export type { EmulatorTimers } from './transactions'
export type { LocalCollection, LocalDatabase } from './local'
export { EmulatorError } from './errors'
export type { OutboxMessage, OutboxQuery } from './outbox'
export type { StoredFile } from './storage'
export { Outbox } from './outbox'
export { Storage } from './storage'

export interface EmulatorOptions {
  host?: string
  /** 0 picks a free port. */
  port?: number
  dataDir: string
  schema?: DatabaseSchema
  envId?: string
  /** Transactions not ended within this are aborted. Default 30 000, CloudBase's documented limit. */
  transactionTimeoutMs?: number
  /** Replaces setTimeout/clearTimeout for transaction timeouts (tests run them on a controlled clock). */
  timers?: EmulatorTimers
  /** Compact the journal on start when it is above this size and over twice the live data. Default 4 MiB. */
  compactMinBytes?: number
  log?: Logger
}

export interface Emulator {
  readonly port: number
  readonly url: string
  adminUrl(tag?: string): string
  roundTrips(tag: string): number
  resetRoundTrips(tag: string): void
  readonly db: LocalDatabase
  route(action: string, handler: (params: any, ctx: { tag?: string }) => Promise<any>): void
  /**
   * The open APIs a function invocation may call (its config.json `permissions.openapi`), by the
   * invocation's admin-URL tag; `undefined` forgets the tag. The runner sets it around each call.
   */
  declareOpenApis(tag: string, apis: readonly string[] | undefined): void
  /** Subscribe messages accepted by `subscribeMessage.send` (durable, `<dataDir>/outbox.jsonl`). */
  readonly outbox: Outbox
  /** Cloud storage (`<dataDir>/storage`); `serve(req, res)` answers its `/cos/...` URLs on another server too. */
  readonly storage: Storage
  close(): Promise<void>
}

export const DEFAULT_ENV_ID = 'lianxin-local'
const REPO_ROOT = path.resolve(__dirname, '..', '..')

export function loadSchema(file: string = path.join(REPO_ROOT, 'cloudfunctions', 'database.json')): DatabaseSchema {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  if (!raw || typeof raw.collections !== 'object') throw new Error(`${file}: missing "collections"`)
  const collections: DatabaseSchema['collections'] = {}
  for (const [name, def] of Object.entries<any>(raw.collections)) {
    const indexes: IndexSpec[] = (def?.indexes ?? []).map((ix: any) => {
      const keys = ix?.keys
      if (typeof ix?.name !== 'string' || !keys || typeof keys !== 'object' || Object.keys(keys).length === 0) {
        throw new Error(`${file}: collection ${name} has an index without a name or keys`)
      }
      for (const [field, dir] of Object.entries(keys)) {
        if (dir !== 1 && dir !== -1) throw new Error(`${file}: index ${ix.name} key ${field} must be 1 or -1`)
      }
      return { name: ix.name, unique: !!ix.unique, keys }
    })
    collections[name] = { indexes }
  }
  return { collections }
}

export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const log: Logger = opts.log ?? ((m) => console.warn(`[emulator] ${m}`))
  const schema = opts.schema ?? loadSchema()
  const { store } = Store.open(opts.dataDir, schema, { compactMinBytes: opts.compactMinBytes ?? 4 * 1024 * 1024, log })
  const txns = new TxnManager(store, opts.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS, opts.timers)
  const engine = new Engine(store, txns)
  const routes = new Map<string, ActionHandler>(Object.entries(databaseActions(engine)))
  // Open APIs (cloud.openapi.*) arrive on the same admin endpoint as action wx.openApi.
  const outbox = new Outbox(path.join(opts.dataDir, 'outbox.jsonl'))
  const declaredOpenApis = new Map<string, readonly string[]>()
  routes.set('wx.openApi', openApiRoute({ outbox, declared: (tag) => (tag === undefined ? undefined : declaredOpenApis.get(tag)) }) as unknown as ActionHandler)
  const storage = new Storage(opts.dataDir, opts.envId ?? DEFAULT_ENV_ID, '')
  for (const [action, handler] of Object.entries(storage.actions())) routes.set(action, handler as ActionHandler)
  // watch(): refused quickly over the SDK's own realtime socket (realtime.ts).
  const realtime = new Realtime()
  let server
  try {
    server = await startAdminServer({
      host: opts.host ?? '127.0.0.1',
      port: opts.port ?? 0,
      routes,
      barrier: () => store.whenDurable(),
      log,
      other: (req, res) => storage.serve(req, res),
      upgrade: (req, socket, head) => realtime.upgrade(req, socket, head),
    })
  } catch (e) {
    outbox.close()
    await store.close()
    throw e
  }
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'
  const url = `http://${host}:${server.port}`
  storage.ownBase = url
  routes.set('auth.wsWebSign', realtime.signRoute(() => url, opts.envId ?? DEFAULT_ENV_ID))
  storage.publicBase = url
  let closed: Promise<void> | null = null

  return {
    port: server.port,
    url,
    adminUrl: (tag) => (tag === undefined ? `${url}/admin` : `${url}/admin/t/${encodeURIComponent(tag)}`),
    roundTrips: (tag) => server.counters.get(tag) ?? 0,
    resetRoundTrips: (tag) => void server.counters.delete(tag),
    db: localDatabase(engine),
    route: (action, handler) => void routes.set(action, handler),
    declareOpenApis: (tag, apis) => void (apis ? declaredOpenApis.set(tag, apis) : declaredOpenApis.delete(tag)),
    outbox,
    storage,
    close() {
      closed ??= (async () => {
        realtime.close()
        await server.close()
        outbox.close()
        txns.abortAll('was aborted: the emulator closed')
        await store.close()
      })()
      return closed
    },
  }
}

/** Environment that points an unchanged wx-server-sdk (via @cloudbase/node-sdk) at `adminUrl`. */
export function sdkEnv(adminUrl: string, envId: string = DEFAULT_ENV_ID): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl }),
    // Declares "running in Tencent Cloud", which skips the SDK's metadata-server probe.
    TENCENTCLOUD: 'true',
    // Requests are signed; the emulator does not check signatures, but the SDK needs a key pair.
    TENCENTCLOUD_SECRETID: 'local-emulator',
    TENCENTCLOUD_SECRETKEY: 'local-emulator',
    TCB_ENV: envId,
    TCB_CONTEXT_KEYS: 'TCB_ENV',
  }
}
