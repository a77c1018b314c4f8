/**
 * What `npm run deploy` changes in a CloudBase environment, decided without touching it: the
 * desired state (cloudfunctions/database.json, each function's config.json, the built code) and
 * the current state (read from the cloud, or from a state file) go in, an ordered list of steps
 * comes out. Pure: the same two states always give the same plan, so the plan can be printed,
 * reviewed (--dry-run) and tested, and running it twice changes nothing the second time.
 *
 * `applySteps` is the same plan's effect on a state, used to check that a plan converges (plan,
 * apply, plan again → no steps) and, after a real deployment, to compare with what the cloud reads
 * back.
 */

/** 1 or -1 in database.json; an index read from the cloud may carry another word (2dsphere, text). */
export type Direction = 1 | -1 | string
/** One index as database.json declares it; keys in order (a compound index's order matters). */
export interface IndexSpec {
  name: string
  unique: boolean
  keys: Array<[field: string, direction: Direction]>
}

export interface TriggerSpec {
  name: string
  type: 'timer'
  /** CloudBase's 7-field cron: second minute hour day month weekday year, China time. */
  config: string
}

export interface DesiredFunction {
  name: string
  runtime: string
  timeout: number
  /** Variables this deployment sets (others already in the cloud are kept). */
  env: Record<string, string>
  /** sha256 of the deployed files; the planner adds it to the environment as CODE_HASH_VAR. */
  codeHash: string
  triggers: TriggerSpec[]
  /** config.json `permissions.openapi`: reported, not applied (see manualSteps). */
  openapi: string[]
  /** Variables the function reads that the deployer did not set, and what happens without them. */
  missingEnv: Array<{ key: string; unset: string }>
}

export interface DesiredState {
  collections: Array<{ name: string; indexes: IndexSpec[] }>
  functions: DesiredFunction[]
}

export interface CurrentFunction {
  runtime: string
  timeout: number
  env: Record<string, string>
  triggers: TriggerSpec[]
}

export interface CurrentState {
  collections: Record<string, { indexes: IndexSpec[]; acl?: string }>
  functions: Record<string, CurrentFunction>
}

/** The environment variable in which a deployed function carries the hash of its code. */
export const CODE_HASH_VAR = 'LIANXIN_CODE_SHA256'
/** Collections are written by the functions only ("仅管理端可读写"); the client never reads them. */
export const COLLECTION_ACL = 'ADMINONLY'
/** MongoDB's own index on _id, present in every collection and never declared. */
const ID_INDEX = '_id_'

export type Step =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'setAcl'; collection: string; acl: string; from?: string }
  | { kind: 'createIndex'; collection: string; index: IndexSpec }
  | { kind: 'createFunction'; fn: DesiredFunction; env: Record<string, string> }
  | { kind: 'updateCode'; name: string; from?: string; to: string }
  | { kind: 'updateConfig'; name: string; timeout: number; env: Record<string, string>; changes: string[] }
  | { kind: 'createTrigger'; fn: string; trigger: TriggerSpec }
  | { kind: 'deleteTrigger'; fn: string; trigger: string; reason: string }

export interface Plan {
  steps: Step[]
  /** Differences the tool will not resolve by itself; a plan with conflicts is not applied. */
  conflicts: string[]
  /** What is already in place or left alone, for the reader. */
  notes: string[]
  warnings: string[]
  /** What this tool cannot do; someone has to. */
  manual: string[]
}

export interface PlanOptions {
  /** For environments without timer triggers (云函数 2.0): plan none, say what must run them. */
  skipTimers?: boolean
}

export function sameKeys(a: IndexSpec['keys'], b: IndexSpec['keys']): boolean {
  return a.length === b.length && a.every(([f, d], i) => b[i][0] === f && b[i][1] === d)
}

export function formatKeys(keys: IndexSpec['keys']): string {
  return `{${keys.map(([f, d]) => `${f}: ${d}`).join(', ')}}`
}

function describeIndex(index: IndexSpec): string {
  return `${formatKeys(index.keys)}${index.unique ? ' unique' : ''}`
}

function planIndexes(collection: string, desired: IndexSpec[], current: IndexSpec[], plan: Plan): void {
  const inCloud = current.filter((i) => i.name !== ID_INDEX)
  for (const index of desired) {
    const named = inCloud.find((i) => i.name === index.name)
    if (named) {
      if (!sameKeys(named.keys, index.keys) || named.unique !== index.unique) {
        plan.conflicts.push(
          `index ${collection}.${index.name}: the cloud has ${describeIndex(named)}, database.json wants ${describeIndex(index)}; ` +
            'drop it in 云开发控制台 → 数据库 → 索引管理 (or rename it in database.json), then deploy again',
        )
      }
      continue
    }
    // MongoDB refuses a second index on the same key pattern, whatever its name.
    const sameShape = inCloud.find((i) => sameKeys(i.keys, index.keys))
    if (sameShape) {
      if (sameShape.unique === index.unique) {
        plan.notes.push(`index ${collection}.${index.name}: already indexed as ${sameShape.name} ${describeIndex(sameShape)}`)
      } else {
        plan.conflicts.push(
          `index ${collection}.${index.name}: ${sameShape.name} has the same keys ${formatKeys(index.keys)} but unique=${sameShape.unique}, ` +
            `database.json wants unique=${index.unique}; drop ${sameShape.name} in the console, then deploy again`,
        )
      }
      continue
    }
    plan.steps.push({ kind: 'createIndex', collection, index })
  }
  for (const extra of inCloud) {
    if (!desired.some((i) => i.name === extra.name)) {
      plan.notes.push(`index ${collection}.${extra.name} ${describeIndex(extra)} is not in database.json; left in place`)
    }
  }
}

function sameTrigger(a: TriggerSpec, b: TriggerSpec): boolean {
  return a.type === b.type && a.config.trim().split(/\s+/).join(' ') === b.config.trim().split(/\s+/).join(' ')
}

/** What a deployed function's environment holds: the variables set here and its code's hash. */
export function deployedEnv(fn: DesiredFunction): Record<string, string> {
  return { ...fn.env, [CODE_HASH_VAR]: fn.codeHash }
}

function planFunction(fn: DesiredFunction, current: CurrentFunction | undefined, plan: Plan, options: PlanOptions): void {
  const env = deployedEnv(fn)
  if (!current) {
    plan.steps.push({ kind: 'createFunction', fn, env })
  } else {
    const deployedHash = current.env[CODE_HASH_VAR]
    if (deployedHash !== fn.codeHash) plan.steps.push({ kind: 'updateCode', name: fn.name, from: deployedHash, to: fn.codeHash })
    const changes: string[] = []
    if (current.timeout !== fn.timeout) changes.push(`timeout ${current.timeout} → ${fn.timeout} s`)
    for (const [key, value] of Object.entries(env)) {
      if (current.env[key] === value) continue
      if (key === CODE_HASH_VAR) changes.push(`${key} → ${value.slice(0, 12)}`)
      else changes.push(current.env[key] === undefined ? `${key} set` : `${key} changed`)
    }
    if (changes.length > 0) {
      // The platform replaces the whole variable list: keep what was set by hand in the console.
      plan.steps.push({ kind: 'updateConfig', name: fn.name, timeout: fn.timeout, env: { ...current.env, ...env }, changes })
    }
    if (current.runtime !== fn.runtime) {
      plan.notes.push(`function ${fn.name} runs ${current.runtime}, this deployment would create ${fn.runtime}; the runtime is fixed when a function is created (delete and deploy again to change it)`)
    }
  }
  const existing = current?.triggers ?? []
  if (options.skipTimers) {
    for (const t of fn.triggers) {
      plan.manual.push(`timer ${fn.name}.${t.name} "${t.config}" is not created (--skip-timers): something else must invoke ${fn.name} with { Type: 'Timer', TriggerName: '${t.name}' } on that schedule (README: timers on 云函数 2.0)`)
    }
    return
  }
  for (const t of existing) {
    const wanted = fn.triggers.find((d) => d.name === t.name)
    if (!wanted) plan.steps.push({ kind: 'deleteTrigger', fn: fn.name, trigger: t.name, reason: 'not in config.json' })
    else if (!sameTrigger(wanted, t)) plan.steps.push({ kind: 'deleteTrigger', fn: fn.name, trigger: t.name, reason: `schedule "${t.config}" → "${wanted.config}"` })
  }
  for (const t of fn.triggers) {
    const now = existing.find((c) => c.name === t.name)
    if (!now || !sameTrigger(t, now)) plan.steps.push({ kind: 'createTrigger', fn: fn.name, trigger: t })
  }
}

/**
 * The ordered steps from `current` to `desired`: collections, their permission and indexes first
 * (a function must never write to a collection that does not exist yet), then each function's
 * code, configuration and, last, its timers (so a timer never fires on the code being replaced).
 */
export function planDeployment(desired: DesiredState, current: CurrentState, options: PlanOptions = {}): Plan {
  const plan: Plan = { steps: [], conflicts: [], notes: [], warnings: [], manual: [] }
  for (const { name, indexes } of desired.collections) {
    const now = current.collections[name]
    if (!now) plan.steps.push({ kind: 'createCollection', collection: name })
    if (now?.acl !== COLLECTION_ACL) plan.steps.push({ kind: 'setAcl', collection: name, acl: COLLECTION_ACL, from: now?.acl })
    planIndexes(name, indexes, now?.indexes ?? [], plan)
  }
  for (const name of Object.keys(current.collections)) {
    if (!desired.collections.some((c) => c.name === name)) plan.notes.push(`collection ${name} is not in database.json; left alone`)
  }
  const firstFunctionStep = plan.steps.length
  for (const fn of desired.functions) {
    planFunction(fn, current.functions[fn.name], plan, options)
    for (const { key, unset } of fn.missingEnv) {
      if (current.functions[fn.name]?.env[key] === undefined) plan.warnings.push(`${fn.name}: ${key} is set neither here nor in the cloud: ${unset}`)
    }
    if (fn.openapi.length > 0) {
      plan.manual.push(`${fn.name} needs 云调用 permissions ${fn.openapi.join(', ')} (config.json permissions.openapi): upload it once from WeChat DevTools (右键 → 上传并部署) after this deployment and whenever that list changes`)
    }
  }
  const functionSteps = plan.steps.splice(firstFunctionStep)
  const isTrigger = (s: Step) => s.kind === 'createTrigger' || s.kind === 'deleteTrigger'
  plan.steps.push(...functionSteps.filter((s) => !isTrigger(s)), ...functionSteps.filter(isTrigger))
  for (const name of Object.keys(current.functions)) {
    if (!desired.functions.some((f) => f.name === name)) plan.notes.push(`function ${name} is not in cloudfunctions/; left alone`)
  }
  return plan
}

/** The state a plan's steps leave behind, were each to succeed as planned. */
export function applySteps(current: CurrentState, steps: readonly Step[]): CurrentState {
  const next: CurrentState = structuredClone(current)
  for (const step of steps) {
    switch (step.kind) {
      case 'createCollection':
        next.collections[step.collection] = { indexes: [{ name: ID_INDEX, unique: true, keys: [['_id', 1]] }] }
        break
      case 'setAcl':
        next.collections[step.collection].acl = step.acl
        break
      case 'createIndex':
        next.collections[step.collection].indexes.push(structuredClone(step.index))
        break
      case 'createFunction':
        next.functions[step.fn.name] = {
          runtime: step.fn.runtime,
          timeout: step.fn.timeout,
          env: { ...step.env },
          triggers: [],
        }
        break
      case 'updateCode':
        // The hash lands with the configuration that follows; the code alone does not record it.
        break
      case 'updateConfig':
        Object.assign(next.functions[step.name], { timeout: step.timeout, env: { ...step.env } })
        break
      case 'createTrigger':
        next.functions[step.fn].triggers.push({ ...step.trigger })
        break
      case 'deleteTrigger':
        next.functions[step.fn].triggers = next.functions[step.fn].triggers.filter((t) => t.name !== step.trigger)
        break
    }
  }
  return next
}

/** One line per step, as the plan is printed. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'createCollection':
      return `+ create collection ${step.collection}`
    case 'setAcl':
      return `~ set permission of ${step.collection} to ${step.acl} (仅管理端可读写)${step.from ? `, was ${step.from}` : ''}`
    case 'createIndex':
      return `+ create index ${step.collection}.${step.index.name} ${describeIndex(step.index)}`
    case 'createFunction': {
      const env = Object.keys(step.fn.env)
      return `+ create function ${step.fn.name} (${step.fn.runtime}, timeout ${step.fn.timeout} s, code ${step.fn.codeHash.slice(0, 12)}${env.length ? `, env ${env.join(' ')}` : ''})`
    }
    case 'updateCode':
      return `~ update code of ${step.name} (${step.from ? step.from.slice(0, 12) : 'unknown'} → ${step.to.slice(0, 12)})`
    case 'updateConfig':
      return `~ update config of ${step.name}: ${step.changes.join('; ')}`
    case 'createTrigger':
      return `+ create timer ${step.fn}.${step.trigger.name} "${step.trigger.config}"`
    case 'deleteTrigger':
      return `- delete timer ${step.fn}.${step.trigger} (${step.reason})`
  }
}

export function formatPlan(plan: Plan, header: string): string {
  const lines = [header]
  if (plan.steps.length === 0) lines.push('Nothing to change.')
  else lines.push(`${plan.steps.length} step(s):`, ...plan.steps.map((s) => `  ${describeStep(s)}`))
  const section = (title: string, items: string[]) => {
    if (items.length > 0) lines.push('', title, ...items.map((i) => `  ${i}`))
  }
  section(`CONFLICTS (${plan.conflicts.length}): nothing is applied until these are resolved`, plan.conflicts)
  section('Warnings', plan.warnings)
  section('Not done by this tool', plan.manual)
  section('Already in place / left alone', plan.notes)
  return lines.join('\n')
}

/**
 * A current state from JSON (`--state-file`, or what `--save-state` wrote): the same shape as
 * CurrentState, index keys either as [field, direction] pairs or as database.json's ordered object.
 */
export function parseCurrentState(raw: unknown, where = 'state'): CurrentState {
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`)
  }
  const obj = raw as { collections?: unknown; functions?: unknown }
  if (!obj || typeof obj !== 'object') fail('not a JSON object')
  const collections: CurrentState['collections'] = {}
  for (const [name, c] of Object.entries((obj.collections ?? {}) as Record<string, { indexes?: unknown; acl?: unknown }>)) {
    if (!Array.isArray(c?.indexes ?? [])) fail(`collections.${name}.indexes must be a list`)
    const indexes = ((c?.indexes ?? []) as Array<{ name?: unknown; unique?: unknown; keys?: unknown }>).map((ix) => {
      if (typeof ix?.name !== 'string') fail(`collections.${name}: an index has no name`)
      const pairs = Array.isArray(ix.keys) ? (ix.keys as unknown[]) : Object.entries((ix.keys ?? {}) as object)
      const keys = pairs.map((p) => {
        const [field, direction] = p as [unknown, unknown]
        if (typeof field !== 'string' || (typeof direction !== 'number' && typeof direction !== 'string')) fail(`collections.${name}.${String(ix.name)}: bad key ${JSON.stringify(p)}`)
        return [field, direction] as [string, Direction]
      })
      return { name: ix.name as string, unique: ix.unique === true, keys }
    })
    collections[name] = { indexes, ...(typeof c?.acl === 'string' ? { acl: c.acl } : {}) }
  }
  const functions: CurrentState['functions'] = {}
  for (const [name, f] of Object.entries((obj.functions ?? {}) as Record<string, Partial<CurrentFunction>>)) {
    const triggers = (f.triggers ?? []).map((t) => {
      if (typeof t?.name !== 'string' || typeof t?.config !== 'string') fail(`functions.${name}: a trigger needs a name and a config`)
      return { name: t.name, type: 'timer' as const, config: t.config }
    })
    functions[name] = { runtime: String(f.runtime ?? ''), timeout: Number(f.timeout ?? 0), env: { ...(f.env ?? {}) }, triggers }
  }
  return { collections, functions }
}
