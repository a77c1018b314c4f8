/**
 * The desired state of a deployment, read from the repository: collections and indexes from
 * cloudfunctions/database.json (the file the local emulator obeys), each function's timeout,
 * timers and 云调用 list from its config.json, its code's hash from the built files, and the
 * environment variables it reads from the deployer's own environment.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { ACTIVITY_TEMPLATE_ENV, GRID_TEMPLATE_ENV, ORDER_TEMPLATE_ENV, WISH_TEMPLATE_ENV } from '../../domain/notifications'
import type { DesiredFunction, DesiredState, IndexSpec, TriggerSpec } from './deploy-plan'

/** Created functions run on this; manager-node's own default, and WeChat's current Node 18 runtime. */
export const RUNTIME = 'Nodejs18.15'

/** The files that make up a deployed function; src/ is bundled into index.js and stays home. */
export const DEPLOYED_FILES = ['index.js', 'package.json']

/**
 * The variables a function reads that only the deployer can know: subscription-message template
 * ids (domain/notifications.ts) for the areas that send them, and which mini-program version a
 * message opens (server/kit/notify.ts, 'developer' when unset).
 */
const AREA_TEMPLATE_ENV: Record<string, Record<string, string>> = {
  wishes: WISH_TEMPLATE_ENV,
  orders: ORDER_TEMPLATE_ENV,
  activities: ACTIVITY_TEMPLATE_ENV,
  problems: { problemAssigned: GRID_TEMPLATE_ENV.problemAssigned, problemSolved: GRID_TEMPLATE_ENV.problemSolved, problemOverdue: GRID_TEMPLATE_ENV.problemOverdue },
  proposals: { proposalAnswered: GRID_TEMPLATE_ENV.proposalAnswered },
}

function readsEnv(name: string, openapi: readonly string[]): Array<{ key: string; unset: string }> {
  const vars = Object.values(AREA_TEMPLATE_ENV[name] ?? {}).map((key) => ({
    key,
    unset: 'the function sends with its local default template id, which WeChat does not know (every such message fails)',
  }))
  if (openapi.includes('subscribeMessage.send')) {
    vars.push({ key: 'LIANXIN_MP_STATE', unset: "messages open the developer version ('developer'); set formal for the released mini-program" })
  }
  return vars
}

export function hashFunctionCode(dir: string): string {
  const hash = crypto.createHash('sha256')
  for (const file of DEPLOYED_FILES) {
    const full = path.join(dir, file)
    if (!fs.existsSync(full)) throw new Error(`${full} is missing: build the functions first (npm run build:cloud)`)
    hash.update(`${file}\0`).update(fs.readFileSync(full)).update('\0')
  }
  return hash.digest('hex')
}

export function readIndexes(file: string): DesiredState['collections'] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections?: Record<string, { indexes?: unknown[] }> }
  if (!raw.collections || typeof raw.collections !== 'object') throw new Error(`${file}: missing "collections"`)
  return Object.entries(raw.collections).map(([name, def]) => ({
    name,
    indexes: (def.indexes ?? []).map((ix) => toIndexSpec(ix, `${file}: ${name}`)),
  }))
}

/** An index from database.json's form ({ name, unique?, keys: { field: 1 | -1 } }), keys in declared order. */
export function toIndexSpec(raw: unknown, where: string): IndexSpec {
  const ix = raw as { name?: unknown; unique?: unknown; keys?: unknown }
  if (typeof ix?.name !== 'string' || !ix.name) throw new Error(`${where}: an index has no name`)
  const entries = Array.isArray(ix.keys) ? (ix.keys as unknown[]) : Object.entries((ix.keys ?? {}) as object)
  const keys = entries.map((entry) => {
    const [field, direction] = entry as [unknown, unknown]
    if (typeof field !== 'string' || (direction !== 1 && direction !== -1)) {
      throw new Error(`${where}: index ${ix.name} key ${String(field)} must be 1 or -1`)
    }
    return [field, direction] as [string, 1 | -1]
  })
  if (keys.length === 0) throw new Error(`${where}: index ${ix.name} has no keys`)
  return { name: ix.name, unique: ix.unique === true, keys }
}

const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

export function readFunctionConfig(dir: string): { timeout: number; triggers: TriggerSpec[]; openapi: string[] } {
  const file = path.join(dir, 'config.json')
  const config = (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}) as {
    timeout?: unknown
    triggers?: Array<{ name?: unknown; type?: unknown; config?: unknown }>
    permissions?: { openapi?: unknown }
  }
  const timeout = config.timeout ?? 3
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1) throw new Error(`${file}: timeout must be a whole number of seconds`)
  const triggers = (config.triggers ?? []).map((t) => {
    if (t.type !== 'timer') throw new Error(`${file}: trigger ${String(t.name)} has type ${String(t.type)}; CloudBase functions take timer triggers only`)
    if (typeof t.name !== 'string' || !TRIGGER_NAME.test(t.name)) throw new Error(`${file}: trigger name ${String(t.name)} must start with a letter and hold at most 60 of a-z A-Z 0-9 - _`)
    // A 5- or 6-field cron is accepted by many tools and silently misread here: refuse it.
    if (typeof t.config !== 'string' || t.config.trim().split(/\s+/).length !== 7) {
      throw new Error(`${file}: trigger ${t.name} needs a 7-field cron (second minute hour day month weekday year), got ${JSON.stringify(t.config)}`)
    }
    return { name: t.name, type: 'timer' as const, config: t.config.trim() }
  })
  const openapi = config.permissions?.openapi ?? []
  if (!Array.isArray(openapi) || !openapi.every((a) => typeof a === 'string')) throw new Error(`${file}: permissions.openapi must be a list of API names`)
  return { timeout, triggers, openapi }
}

export interface DesiredOptions {
  root: string
  functionNames: string[]
  /** The deployer's environment: LIANXIN_TPL_* and LIANXIN_MP_STATE are taken from here. */
  env: Readonly<Record<string, string | undefined>>
  hashCode?: (dir: string) => string
}

export function readDesiredState({ root, functionNames, env, hashCode = hashFunctionCode }: DesiredOptions): DesiredState {
  const functionsDir = path.join(root, 'cloudfunctions')
  const collections = readIndexes(path.join(functionsDir, 'database.json'))
  const functions = functionNames.map((name): DesiredFunction => {
    const dir = path.join(functionsDir, name)
    const { timeout, triggers, openapi } = readFunctionConfig(dir)
    const fnEnv: Record<string, string> = {}
    const missingEnv: DesiredFunction['missingEnv'] = []
    for (const { key, unset } of readsEnv(name, openapi)) {
      // An empty value means "unset" to the functions too (domain/notifications templateIds).
      const value = env[key]?.trim()
      if (value) fnEnv[key] = value
      else missingEnv.push({ key, unset })
    }
    return { name, runtime: RUNTIME, timeout, env: fnEnv, codeHash: hashCode(dir), triggers, openapi, missingEnv }
  })
  return { collections, functions }
}
