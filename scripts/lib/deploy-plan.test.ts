import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildStaleCloudFunctions } from '../build-cloud'
import { fromCloudFunction, fromCloudIndex, fromCloudTrigger, toCloudIndex } from './deploy-cloud'
import { readDesiredState, readFunctionConfig, readIndexes } from './deploy-desired'
import {
  applySteps,
  CODE_HASH_VAR,
  COLLECTION_ACL,
  parseCurrentState,
  planDeployment,
  type CurrentState,
  type DesiredState,
  type IndexSpec,
  type Step,
} from './deploy-plan'
import { FUNCTIONS_DIR, functionNames, ROOT } from './paths'

const EMPTY: CurrentState = { collections: {}, functions: {} }
const DATABASE_JSON = path.join(FUNCTIONS_DIR, 'database.json')

/** database.json and the config.json files read straight, not through the code under test. */
const declared = JSON.parse(fs.readFileSync(DATABASE_JSON, 'utf8')) as {
  collections: Record<string, { indexes: Array<{ name: string; unique?: boolean; keys: Record<string, number> }> }>
}
const configOf = (name: string) => JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIR, name, 'config.json'), 'utf8'))

let desired: DesiredState

beforeAll(async () => {
  await buildStaleCloudFunctions()
  desired = readDesiredState({ root: ROOT, functionNames: functionNames(), env: {} })
}, 120_000)

const ofKind = <K extends Step['kind']>(steps: Step[], kind: K) => steps.filter((s): s is Extract<Step, { kind: K }> => s.kind === kind)

/** A copy of the desired state with one function changed. */
function withFunction(name: string, change: (fn: DesiredState['functions'][number]) => void): DesiredState {
  const copy = structuredClone(desired)
  change(copy.functions.find((f) => f.name === name)!)
  return copy
}

function deployed(state = desired): CurrentState {
  return applySteps(EMPTY, planDeployment(state, EMPTY).steps)
}

describe('an empty environment', () => {
  test('gets every collection, index, function and timer, collections first and timers last', () => {
    const plan = planDeployment(desired, EMPTY)
    expect(plan.conflicts).toEqual([])

    expect(ofKind(plan.steps, 'createCollection').map((s) => s.collection)).toEqual(Object.keys(declared.collections))
    expect(ofKind(plan.steps, 'setAcl').map((s) => [s.collection, s.acl])).toEqual(Object.keys(declared.collections).map((c) => [c, 'ADMINONLY']))
    const indexes = ofKind(plan.steps, 'createIndex').map((s) => `${s.collection}.${s.index.name}`)
    expect(indexes).toEqual(Object.entries(declared.collections).flatMap(([c, d]) => d.indexes.map((i) => `${c}.${i.name}`)))

    expect(ofKind(plan.steps, 'createFunction').map((s) => [s.fn.name, s.fn.timeout])).toEqual(functionNames().map((n) => [n, configOf(n).timeout]))
    expect(ofKind(plan.steps, 'createTrigger').map((s) => [s.fn, s.trigger.name, s.trigger.config])).toEqual([
      ['activities', 'sweep', '0 */5 * * * * *'],
      ['orders', 'escalate', '0 */10 * * * * *'],
      ['problems', 'escalate', '0 */10 * * * * *'],
      ['proposals', 'lateAnswers', '0 0 * * * * *'],
      ['stats', 'rollup', '0 */5 * * * * *'],
      ['stats', 'recount', '0 30 2 * * * *'],
      ['stats', 'monthlyReport', '0 0 1 1 * * *'],
      ['wishes', 'releaseOverdueClaims', '0 0 * * * * *'],
    ])

    const kinds = plan.steps.map((s) => s.kind)
    const lastDatabaseStep = Math.max(kinds.lastIndexOf('createIndex'), kinds.lastIndexOf('setAcl'))
    expect(lastDatabaseStep).toBeLessThan(kinds.indexOf('createFunction'))
    const timers = ofKind(plan.steps, 'createTrigger').length
    expect(kinds.slice(-timers)).toEqual(Array(timers).fill('createTrigger'))
  })

  test('each function is created carrying the hash of its built code', () => {
    for (const step of ofKind(planDeployment(desired, EMPTY).steps, 'createFunction')) {
      expect(step.env[CODE_HASH_VAR]).toMatch(/^[0-9a-f]{64}$/)
      expect(step.env[CODE_HASH_VAR]).toBe(step.fn.codeHash)
    }
  })
})

describe('an environment already deployed', () => {
  test('plans nothing: applying a plan and planning again gives no step (idempotent)', () => {
    const after = deployed()
    const again = planDeployment(desired, after)
    expect(again.steps).toEqual([])
    expect(again.conflicts).toEqual([])
    // And again from that state: still nothing.
    expect(planDeployment(desired, applySteps(after, again.steps)).steps).toEqual([])
  })

  test('with new code in one function plans that code and the hash it records, nothing else', () => {
    const newer = withFunction('wishes', (fn) => (fn.codeHash = 'f'.repeat(64)))
    const plan = planDeployment(newer, deployed())
    expect(plan.steps.map((s) => s.kind)).toEqual(['updateCode', 'updateConfig'])
    expect(plan.steps[0]).toMatchObject({ kind: 'updateCode', name: 'wishes', to: 'f'.repeat(64) })
    expect(plan.steps[1]).toMatchObject({ kind: 'updateConfig', name: 'wishes', env: { [CODE_HASH_VAR]: 'f'.repeat(64) } })
    expect(planDeployment(newer, applySteps(deployed(), plan.steps)).steps).toEqual([])
  })

  test('a function uploaded by hand (no recorded hash) gets its code and the hash', () => {
    const state = deployed()
    delete state.functions.org.env[CODE_HASH_VAR]
    const plan = planDeployment(desired, state)
    expect(plan.steps).toEqual([
      { kind: 'updateCode', name: 'org', from: undefined, to: desired.functions.find((f) => f.name === 'org')!.codeHash },
      expect.objectContaining({ kind: 'updateConfig', name: 'org' }),
    ])
  })

  test('a new template id is set and a variable set by hand in the console is kept', () => {
    const state = deployed()
    state.functions.wishes.env.SOMETHING_SET_BY_HAND = 'kept'
    const ids = readDesiredState({ root: ROOT, functionNames: functionNames(), env: { LIANXIN_TPL_WISH_LIT: ' tpl-lit-123 ', LIANXIN_TPL_ORDER_DONE: '' } })
    const plan = planDeployment(ids, state)
    expect(plan.steps).toHaveLength(1)
    const step = plan.steps[0] as Extract<Step, { kind: 'updateConfig' }>
    expect(step).toMatchObject({ kind: 'updateConfig', name: 'wishes', changes: ['LIANXIN_TPL_WISH_LIT set'] })
    expect(step.env).toMatchObject({ LIANXIN_TPL_WISH_LIT: 'tpl-lit-123', SOMETHING_SET_BY_HAND: 'kept' })
    // An empty variable is unset, as the functions themselves read it: still warned about, not deployed.
    expect(plan.warnings.some((w) => w.startsWith('orders: LIANXIN_TPL_ORDER_DONE is set neither'))).toBe(true)
    expect(plan.warnings.some((w) => w.includes('LIANXIN_TPL_WISH_LIT'))).toBe(false)
  })

  test('a changed timeout is a configuration step', () => {
    const state = deployed()
    state.functions.orders.timeout = 3
    expect(planDeployment(desired, state).steps).toEqual([
      expect.objectContaining({ kind: 'updateConfig', name: 'orders', timeout: configOf('orders').timeout, changes: [`timeout 3 → ${configOf('orders').timeout} s`] }),
    ])
  })

  test('a collection left with the wrong permission gets ADMINONLY again', () => {
    const state = deployed()
    state.collections.wishes.acl = 'READONLY'
    expect(planDeployment(desired, state).steps).toEqual([{ kind: 'setAcl', collection: 'wishes', acl: COLLECTION_ACL, from: 'READONLY' }])
  })

  test('things that are not the repository\'s are reported and left alone', () => {
    const state = deployed()
    state.collections.legacy = { indexes: [] }
    state.collections.users.indexes.push({ name: 'by_nickname', unique: false, keys: [['nickname', 1]] })
    state.functions.oldFunction = { runtime: 'Nodejs16.13', timeout: 3, env: {}, triggers: [] }
    const plan = planDeployment(desired, state)
    expect(plan.steps).toEqual([])
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        'collection legacy is not in database.json; left alone',
        'index users.by_nickname {nickname: 1} is not in database.json; left in place',
        'function oldFunction is not in cloudfunctions/; left alone',
      ]),
    )
  })
})

describe('index differences', () => {
  test('an index of the same name with other keys is a conflict, not skipped and not created', () => {
    const state = deployed()
    const users = state.collections.users.indexes
    users.splice(users.findIndex((i) => i.name === 'openid_unique'), 1, { name: 'openid_unique', unique: true, keys: [['openId', 1]] })
    const plan = planDeployment(desired, state)
    expect(plan.steps).toEqual([])
    expect(plan.conflicts).toHaveLength(1)
    expect(plan.conflicts[0]).toContain('users.openid_unique')
    expect(plan.conflicts[0]).toContain('{openId: 1} unique')
    expect(plan.conflicts[0]).toContain('{openid: 1} unique')
  })

  test('the same keys in another order, another direction, or without unique are conflicts too', () => {
    const variants: IndexSpec[] = [
      { name: 'parent_name_unique', unique: true, keys: [['name', 1], ['parentId', 1]] },
      { name: 'parent_name_unique', unique: true, keys: [['parentId', 1], ['name', -1]] },
      { name: 'parent_name_unique', unique: false, keys: [['parentId', 1], ['name', 1]] },
    ]
    for (const variant of variants) {
      const state = deployed()
      state.collections.org_nodes.indexes = state.collections.org_nodes.indexes.map((i) => (i.name === variant.name ? variant : i))
      const plan = planDeployment(desired, state)
      expect(plan.conflicts).toEqual([expect.stringContaining('org_nodes.parent_name_unique')])
      expect(plan.steps).toEqual([])
    }
  })

  test('the same keys under another name: already indexed when the same, a conflict when uniqueness differs', () => {
    const state = deployed()
    const phone = state.collections.users.indexes.find((i) => i.name === 'phone')!
    phone.name = 'phone_1'
    let plan = planDeployment(desired, state)
    expect(plan.steps).toEqual([])
    expect(plan.conflicts).toEqual([])
    expect(plan.notes).toContain('index users.phone: already indexed as phone_1 {phone: 1}')

    phone.unique = true
    plan = planDeployment(desired, state)
    expect(plan.steps).toEqual([])
    expect(plan.conflicts).toEqual([expect.stringContaining('users.phone: phone_1 has the same keys {phone: 1} but unique=true')])
  })

  test('a missing index alone is created', () => {
    const state = deployed()
    state.collections.wishes.indexes = state.collections.wishes.indexes.filter((i) => i.name !== 'lineage_state_time')
    expect(planDeployment(desired, state).steps).toEqual([
      { kind: 'createIndex', collection: 'wishes', index: { name: 'lineage_state_time', unique: false, keys: [['lineage', 1], ['state', 1], ['createdAt', 1], ['_id', 1]] } },
    ])
  })
})

describe('timers', () => {
  test('a changed schedule replaces the timer; a timer gone from config.json is deleted', () => {
    const state = deployed()
    state.functions.orders.triggers = [{ name: 'escalate', type: 'timer', config: '0 */30 * * * * *' }]
    state.functions.wishes.triggers.push({ name: 'oldTimer', type: 'timer', config: '0 0 3 * * * *' })
    expect(planDeployment(desired, state).steps).toEqual([
      { kind: 'deleteTrigger', fn: 'orders', trigger: 'escalate', reason: 'schedule "0 */30 * * * * *" → "0 */10 * * * * *"' },
      { kind: 'createTrigger', fn: 'orders', trigger: { name: 'escalate', type: 'timer', config: '0 */10 * * * * *' } },
      { kind: 'deleteTrigger', fn: 'wishes', trigger: 'oldTimer', reason: 'not in config.json' },
    ])
  })

  test('the same schedule written with other spacing is the same timer', () => {
    const state = deployed()
    state.functions.orders.triggers = [{ name: 'escalate', type: 'timer', config: '0  */10 * * * *  *' }]
    expect(planDeployment(desired, state).steps).toEqual([])
  })

  test('--skip-timers plans no timer and says who must run each one', () => {
    const plan = planDeployment(desired, EMPTY, { skipTimers: true })
    expect(ofKind(plan.steps, 'createTrigger')).toEqual([])
    expect(plan.manual.filter((m) => m.startsWith('timer '))).toEqual([
      expect.stringContaining("timer activities.sweep \"0 */5 * * * * *\" is not created (--skip-timers): something else must invoke activities with { Type: 'Timer', TriggerName: 'sweep' }"),
      expect.stringContaining("timer orders.escalate \"0 */10 * * * * *\" is not created (--skip-timers): something else must invoke orders with { Type: 'Timer', TriggerName: 'escalate' }"),
      expect.stringContaining("timer problems.escalate \"0 */10 * * * * *\" is not created (--skip-timers): something else must invoke problems with { Type: 'Timer', TriggerName: 'escalate' }"),
      expect.stringContaining("timer proposals.lateAnswers \"0 0 * * * * *\" is not created (--skip-timers): something else must invoke proposals with { Type: 'Timer', TriggerName: 'lateAnswers' }"),
      expect.stringContaining("timer stats.rollup \"0 */5 * * * * *\" is not created (--skip-timers): something else must invoke stats with { Type: 'Timer', TriggerName: 'rollup' }"),
      expect.stringContaining("timer stats.recount \"0 30 2 * * * *\" is not created (--skip-timers): something else must invoke stats with { Type: 'Timer', TriggerName: 'recount' }"),
      expect.stringContaining("timer stats.monthlyReport \"0 0 1 1 * * *\" is not created (--skip-timers): something else must invoke stats with { Type: 'Timer', TriggerName: 'monthlyReport' }"),
      expect.stringContaining("timer wishes.releaseOverdueClaims \"0 0 * * * * *\" is not created (--skip-timers): something else must invoke wishes with { Type: 'Timer', TriggerName: 'releaseOverdueClaims' }"),
    ])
  })

  test('a 5-field cron in config.json is refused, not misread', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-config-'))
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ triggers: [{ name: 'nightly', type: 'timer', config: '0 2 * * *' }] }))
    expect(() => readFunctionConfig(dir)).toThrow(/7-field cron/)
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ triggers: [{ name: '1bad', type: 'timer', config: '0 0 2 * * * *' }] }))
    expect(() => readFunctionConfig(dir)).toThrow(/must start with a letter/)
  })
})

describe('CloudBase index and function shapes', () => {
  const spec = (collection: string, name: string) => readIndexes(DATABASE_JSON).find((c) => c.name === collection)!.indexes.find((i) => i.name === name)!

  test('a compound key over an array field keeps its order, with string directions', () => {
    // roles is an array of {kind, scopeId}: the index is multikey in CloudBase as in MongoDB, with no flag to set.
    expect(toCloudIndex(spec('users', 'role_scope_kind'))).toEqual({
      IndexName: 'role_scope_kind',
      MgoKeySchema: { MgoIsUnique: false, MgoIndexKeys: [{ Name: 'roles.scopeId', Direction: '1' }, { Name: 'roles.kind', Direction: '1' }] },
    })
  })

  test('a unique compound index and a descending key', () => {
    expect(toCloudIndex(spec('service_hours', 'source_user_unique'))).toEqual({
      IndexName: 'source_user_unique',
      MgoKeySchema: {
        MgoIsUnique: true,
        MgoIndexKeys: [
          { Name: 'source.kind', Direction: '1' },
          { Name: 'source.id', Direction: '1' },
          { Name: 'userId', Direction: '1' },
        ],
      },
    })
    expect(toCloudIndex(spec('imports', 'county_time')).MgoKeySchema.MgoIndexKeys).toEqual([
      { Name: 'countyId', Direction: '1' },
      { Name: 'startedAt', Direction: '-1' },
    ])
  })

  test('every declared index reads back from DescribeTable\'s form as itself', () => {
    for (const collection of readIndexes(DATABASE_JSON)) {
      for (const index of collection.indexes) {
        const { IndexName, MgoKeySchema } = toCloudIndex(index)
        const described = { Name: IndexName, Unique: MgoKeySchema.MgoIsUnique, Keys: MgoKeySchema.MgoIndexKeys }
        expect(fromCloudIndex(described)).toEqual(index)
      }
    }
  })

  test('a geo index of the same name as ours is a conflict', () => {
    const state = deployed()
    state.collections.audit.indexes = [fromCloudIndex({ Name: 'entity_time', Unique: false, Keys: [{ Name: 'entityId', Direction: '2dsphere' }] })]
    expect(planDeployment(desired, state).conflicts).toEqual([expect.stringContaining('the cloud has {entityId: 2dsphere}')])
  })

  test('GetFunction\'s timers, variables and timeout', () => {
    expect(fromCloudTrigger({ TriggerName: 'escalate', Type: 'timer', TriggerDesc: '{"cron":"0 */10 * * * * *"}' })).toEqual({ name: 'escalate', type: 'timer', config: '0 */10 * * * * *' })
    expect(fromCloudTrigger({ TriggerName: 'escalate', Type: 'timer', TriggerDesc: '0 */10 * * * * *' })?.config).toBe('0 */10 * * * * *')
    expect(fromCloudTrigger({ TriggerName: 'gw', Type: 'apigw', TriggerDesc: '{}' })).toBeUndefined()
    expect(
      fromCloudFunction({
        Runtime: 'Nodejs18.15',
        Timeout: 20,
        Environment: { Variables: [{ Key: CODE_HASH_VAR, Value: 'abc' }] },
        Triggers: [{ TriggerName: 'releaseOverdueClaims', Type: 'timer', TriggerDesc: '{"cron":"0 0 * * * * *"}' }],
      }),
    ).toEqual({ runtime: 'Nodejs18.15', timeout: 20, env: { [CODE_HASH_VAR]: 'abc' }, triggers: [{ name: 'releaseOverdueClaims', type: 'timer', config: '0 0 * * * * *' }] })
  })
})

describe('state files', () => {
  test('keys as database.json writes them or as pairs; a saved state reads back as itself', () => {
    const state = parseCurrentState({
      collections: { users: { acl: 'ADMINONLY', indexes: [{ name: 'openid_unique', unique: true, keys: { openid: 1 } }, { name: 'g', keys: [['loc', '2dsphere']] }] } },
      functions: { orders: { runtime: 'Nodejs18.15', timeout: 60, env: { A: 'b' }, triggers: [{ name: 'escalate', config: '0 */10 * * * * *' }] } },
    })
    expect(state.collections.users.indexes).toEqual([
      { name: 'openid_unique', unique: true, keys: [['openid', 1]] },
      { name: 'g', unique: false, keys: [['loc', '2dsphere']] },
    ])
    const full = deployed()
    expect(parseCurrentState(JSON.parse(JSON.stringify(full)))).toEqual(full)
  })

  test('a malformed state file is refused with where it went wrong', () => {
    expect(() => parseCurrentState({ collections: { users: { indexes: [{ keys: { a: 1 } }] } } }, 'x.json')).toThrow('x.json: collections.users: an index has no name')
    expect(() => parseCurrentState({ functions: { orders: { triggers: [{ name: 'escalate' }] } } })).toThrow(/a trigger needs a name and a config/)
  })
})
