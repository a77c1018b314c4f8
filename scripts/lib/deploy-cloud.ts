/**
 * The CloudBase side of `npm run deploy`, through Tencent's own @cloudbase/manager-node: read
 * what an environment holds (collections with their indexes and permission, functions with their
 * configuration and timers) and carry out a plan's steps. Shapes are converted here, in small pure
 * functions, so the planner only ever sees database.json's vocabulary.
 *
 * API shapes used (manager-node 4.10 types and the TencentCloud tcb/flexdb/scf API references):
 * - flexdb DescribeTable → Indexes[{ Name, Unique, Keys: [{ Name, Direction: "1" | "-1" | ... }] }]
 * - flexdb UpdateTable CreateIndexes[{ IndexName, MgoKeySchema: { MgoIsUnique, MgoIndexKeys: [{ Name, Direction }] } }]
 * - tcb DescribeDatabaseACL / ModifyDatabaseACL { EnvId, CollectionName, AclTag }
 * - scf GetFunction → Timeout, Runtime, Environment.Variables[{ Key, Value }], Triggers[{ TriggerName, Type, TriggerDesc }]
 */
import type CloudBase from '@cloudbase/manager-node'
import { describeStep, type CurrentFunction, type CurrentState, type IndexSpec, type Step, type TriggerSpec } from './deploy-plan'

type Manager = InstanceType<typeof CloudBase>

export interface CloudIndexInfo {
  Name: string
  Unique?: boolean
  Keys?: Array<{ Name?: string; Direction?: string | number }>
}

export interface CloudCreateIndex {
  IndexName: string
  MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: Array<{ Name: string; Direction: string }> }
}

/**
 * database.json's index in CloudBase's CreateIndexes form. Key order is kept (it decides what a
 * compound index serves). A field holding an array (`roles.kind` over `roles: [{kind}]`, `lineage`)
 * needs nothing special: as in MongoDB, the index becomes multikey by itself when a document has
 * an array at that path, so the schema has no flag for it.
 */
export function toCloudIndex(index: IndexSpec): CloudCreateIndex {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIsUnique: index.unique,
      MgoIndexKeys: index.keys.map(([field, direction]) => ({ Name: field, Direction: String(direction) })),
    },
  }
}

/** DescribeTable's index in database.json's terms; a direction other than 1/-1 (2dsphere, text) keeps its own word. */
export function fromCloudIndex(info: CloudIndexInfo): IndexSpec {
  return {
    name: info.Name,
    unique: info.Unique === true,
    keys: (info.Keys ?? []).map((k) => {
      const d = String(k.Direction ?? '')
      return [String(k.Name), d === '1' ? 1 : d === '-1' ? -1 : d]
    }),
  }
}

/** A timer as GetFunction lists it; its TriggerDesc is `{"cron":"…"}` or the bare expression. */
export function fromCloudTrigger(t: { TriggerName?: string; Name?: string; Type?: string; TriggerDesc?: string; Config?: string }): TriggerSpec | undefined {
  // SCF names them TriggerName/TriggerDesc; manager-node's own type also lists Name/Config.
  const name = t.TriggerName ?? t.Name
  if (t.Type !== 'timer' || !name) return undefined
  let config = t.TriggerDesc ?? t.Config ?? ''
  try {
    const parsed = JSON.parse(config) as { cron?: unknown }
    if (typeof parsed?.cron === 'string') config = parsed.cron
  } catch {
    // Not JSON: the expression itself.
  }
  return { name, type: 'timer', config: config.trim() }
}

export function fromCloudFunction(detail: {
  Runtime?: string
  Timeout?: number
  Environment?: { Variables?: Array<{ Key: string; Value: string }> }
  Triggers?: Array<{ TriggerName?: string; Type?: string; TriggerDesc?: string }>
}): CurrentFunction {
  return {
    runtime: detail.Runtime ?? '',
    timeout: Number(detail.Timeout ?? 0),
    env: Object.fromEntries((detail.Environment?.Variables ?? []).map((v) => [v.Key, String(v.Value)])),
    triggers: (detail.Triggers ?? []).map(fromCloudTrigger).filter((t): t is TriggerSpec => t !== undefined),
  }
}

export interface Credentials {
  secretId: string
  secretKey: string
  token?: string
}

/** TENCENTCLOUD_SECRETID/SECRETKEY (Tencent's own names), else CLOUDBASE_SECRET_ID/KEY. */
export function credentialsFrom(env: Readonly<Record<string, string | undefined>>): Credentials | undefined {
  const secretId = env.TENCENTCLOUD_SECRETID || env.CLOUDBASE_SECRET_ID
  const secretKey = env.TENCENTCLOUD_SECRETKEY || env.CLOUDBASE_SECRET_KEY
  if (!secretId || !secretKey) return undefined
  return { secretId, secretKey, token: env.TENCENTCLOUD_SESSIONTOKEN || env.CLOUDBASE_SESSION_TOKEN || undefined }
}

export function connect(envId: string, credentials: Credentials, region?: string): Manager {
  // Loaded here so that a dry run from a state file never loads the SDK at all.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Manager = require('@cloudbase/manager-node') as typeof CloudBase
  return new Manager({ ...credentials, envId, region })
}

export async function readCloudState(app: Manager, envId: string, collections: string[], functions: string[]): Promise<CurrentState> {
  const state: CurrentState = { collections: {}, functions: {} }
  const existing = new Set<string>()
  for (let offset = 0; ; offset += 100) {
    const page = await app.database.listCollections({ MgoOffset: offset, MgoLimit: 100 })
    for (const c of page.Collections ?? []) existing.add(c.CollectionName)
    if ((page.Collections ?? []).length < 100 || offset + 100 >= (page.Pager?.Total ?? 0)) break
  }
  const tcb = app.commonService('tcb')
  for (const name of collections.filter((c) => existing.has(c))) {
    const table = await app.database.describeCollection(name)
    const acl = (await tcb.call({ Action: 'DescribeDatabaseACL', Param: { EnvId: envId, CollectionName: name } })) as { AclTag?: string }
    state.collections[name] = { indexes: (table.Indexes ?? []).map((i) => fromCloudIndex(i as CloudIndexInfo)), acl: acl.AclTag }
  }
  // Collections outside database.json are listed (as names only) so the plan can say they are left alone.
  for (const name of existing) state.collections[name] ??= { indexes: [] }
  const deployed = new Set((await app.functions.listAllFunctions({ envId })).map((f) => f.FunctionName))
  for (const name of deployed) {
    state.functions[name] = functions.includes(name)
      ? fromCloudFunction((await app.functions.getFunctionDetail(name)) as unknown as Parameters<typeof fromCloudFunction>[0])
      : { runtime: '', timeout: 0, env: {}, triggers: [] }
  }
  return state
}

/** What the packer leaves out of a function's zip: the TypeScript sources live in index.js already. */
const NOT_DEPLOYED = ['src', 'src/**/*', '*.map', '*.tmp']

/** Carries out the steps in order; stops at the first failure (a rerun plans what is left). */
export async function applyStepsToCloud(app: Manager, envId: string, functionsDir: string, steps: readonly Step[], log: (line: string) => void): Promise<void> {
  const tcb = app.commonService('tcb')
  for (const step of steps) {
    switch (step.kind) {
      case 'createCollection':
        await app.database.createCollection(step.collection)
        break
      case 'setAcl':
        await tcb.call({ Action: 'ModifyDatabaseACL', Param: { EnvId: envId, CollectionName: step.collection, AclTag: step.acl } })
        break
      case 'createIndex':
        await app.database.updateCollection(step.collection, { CreateIndexes: [toCloudIndex(step.index)] })
        break
      case 'createFunction':
        await app.functions.createFunction({
          func: {
            name: step.fn.name,
            runtime: step.fn.runtime,
            timeout: step.fn.timeout,
            envVariables: step.env,
            handler: 'index.main',
            // 云端安装依赖: the platform installs wx-server-sdk from the function's package.json.
            installDependency: true,
            ignore: NOT_DEPLOYED,
          },
          functionRootPath: functionsDir,
          force: false,
        })
        break
      case 'updateCode':
        await app.functions.updateFunctionCode({
          func: { name: step.name, installDependency: true, ignore: NOT_DEPLOYED },
          functionRootPath: functionsDir,
        })
        break
      case 'updateConfig':
        // UpdateFunctionCode leaves the function "Updating" for a while; configuration waits for it.
        await app.functions.waitFunctionActive(step.name)
        await app.functions.updateFunctionConfig({ name: step.name, timeout: step.timeout, envVariables: step.env })
        break
      case 'createTrigger':
        await app.functions.waitFunctionActive(step.fn)
        await app.functions.createFunctionTriggers(step.fn, [step.trigger])
        break
      case 'deleteTrigger':
        await app.functions.deleteFunctionTrigger(step.fn, step.trigger)
        break
    }
    log(`  ✓ ${describeStep(step)}`)
  }
}
