/**
 * `npm run deploy` end to end in dry-run mode, the current state given as a file: the command a
 * person types, its output and exit code. Nothing here reaches a cloud; the real read and upload
 * path (scripts/lib/deploy-cloud.ts) is not exercised by any test (no CloudBase account here).
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildStaleCloudFunctions } from './build-cloud'
import { readDesiredState } from './lib/deploy-desired'
import { applySteps, planDeployment, type CurrentState, type Plan } from './lib/deploy-plan'
import { functionNames, ROOT } from './lib/paths'

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx')
const DEPLOY = path.join(ROOT, 'scripts', 'deploy.ts')

/** The machine's environment without anything a deployment reads: no keys, no template ids. */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(TENCENTCLOUD_|CLOUDBASE_|LIANXIN_TPL_|LIANXIN_MP_STATE)/.test(k)),
) as NodeJS.ProcessEnv

function deploy(args: string[], env: NodeJS.ProcessEnv = cleanEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [DEPLOY, ...args], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

let dir: string
const stateFile = (name: string, state: unknown) => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, JSON.stringify(state))
  return file
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-cli-'))
  await buildStaleCloudFunctions()
}, 120_000)

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

test('--dry-run against an empty environment prints every step and changes nothing', async () => {
  const empty = stateFile('empty.json', { collections: {}, functions: {} })
  const { code, stdout } = await deploy(['--env', 'lianxin-test', '--dry-run', '--no-build', '--state-file', empty])
  expect(code).toBe(0)
  const desired = readDesiredState({ root: ROOT, functionNames: functionNames(), env: {} })
  const expected = planDeployment(desired, { collections: {}, functions: {} })
  expect(stdout).toContain(`Deployment plan for lianxin-test (current state from state file`)
  expect(stdout).toContain(`${expected.steps.length} step(s):`)
  expect(stdout).toContain('  + create collection users\n  ~ set permission of users to ADMINONLY (仅管理端可读写)\n  + create index users.openid_unique {openid: 1} unique')
  expect(stdout).toContain('  + create index users.role_scope_kind {roles.scopeId: 1, roles.kind: 1}')
  expect(stdout).toMatch(/\+ create function orders \(Nodejs18\.15, timeout 60 s, code [0-9a-f]{12}\)/)
  expect(stdout).toContain('  + create timer orders.escalate "0 */10 * * * * *"\n')
  expect(stdout).toContain('  + create timer proposals.lateAnswers "0 0 * * * * *"\n')
  expect(stdout).toContain('  + create timer wishes.releaseOverdueClaims "0 0 * * * * *"')
  expect(stdout).toContain('wishes needs 云调用 permissions security.msgSecCheck, subscribeMessage.send, wxacode.getUnlimited')
  expect(stdout).toContain('orders: LIANXIN_TPL_ORDER_DISPATCH is set neither here nor in the cloud')
})

test('--json gives the same plan as the planner', async () => {
  const empty = stateFile('empty.json', { collections: {}, functions: {} })
  const { code, stdout } = await deploy(['--env', 'lianxin-test', '--dry-run', '--no-build', '--json', '--state-file', empty])
  expect(code).toBe(0)
  const printed = JSON.parse(stdout) as Plan & { envId: string; dryRun: boolean }
  const desired = readDesiredState({ root: ROOT, functionNames: functionNames(), env: {} })
  const expected = planDeployment(desired, { collections: {}, functions: {} })
  expect(printed).toMatchObject({ envId: 'lianxin-test', dryRun: true })
  expect(printed.steps).toEqual(JSON.parse(JSON.stringify(expected.steps)))
})

test('an environment already deployed: nothing to change', async () => {
  const desired = readDesiredState({ root: ROOT, functionNames: functionNames(), env: {} })
  const empty: CurrentState = { collections: {}, functions: {} }
  const full = stateFile('deployed.json', applySteps(empty, planDeployment(desired, empty).steps))
  const { code, stdout } = await deploy(['--env', 'lianxin-test', '--dry-run', '--no-build', '--state-file', full])
  expect(code).toBe(0)
  expect(stdout).toContain('Nothing to change.')
  expect(stdout).not.toMatch(/^\s+[+~-] /m)
})

test('template ids from the deployer\'s environment go to the functions that send with them', async () => {
  const desired = readDesiredState({ root: ROOT, functionNames: functionNames(), env: {} })
  const empty: CurrentState = { collections: {}, functions: {} }
  const full = stateFile('deployed.json', applySteps(empty, planDeployment(desired, empty).steps))
  const env = { ...cleanEnv, LIANXIN_TPL_ORDER_OVERDUE: 'tpl-overdue-1', LIANXIN_MP_STATE: 'formal' }
  const { code, stdout } = await deploy(['--env', 'lianxin-test', '--dry-run', '--no-build', '--state-file', full], env)
  expect(code).toBe(0)
  expect(stdout).toContain(
    '5 step(s):\n  ~ update config of activities: LIANXIN_MP_STATE set\n  ~ update config of orders: LIANXIN_TPL_ORDER_OVERDUE set; LIANXIN_MP_STATE set\n  ~ update config of problems: LIANXIN_MP_STATE set\n  ~ update config of proposals: LIANXIN_MP_STATE set\n  ~ update config of wishes: LIANXIN_MP_STATE set\n',
  )
  expect(stdout).not.toContain('LIANXIN_TPL_ORDER_OVERDUE is set neither')
  expect(stdout).toContain('orders: LIANXIN_TPL_ORDER_DONE is set neither here nor in the cloud')
})

test('an index with other keys under our name: the conflict is printed and the exit code is 2', async () => {
  const desired = readDesiredState({ root: ROOT, functionNames: functionNames(), env: {} })
  const empty: CurrentState = { collections: {}, functions: {} }
  const state = applySteps(empty, planDeployment(desired, empty).steps)
  state.collections.orders.indexes = state.collections.orders.indexes.map((i) => (i.name === 'state_since' ? { ...i, keys: [['state', 1]] } : i))
  const { code, stdout } = await deploy(['--env', 'lianxin-test', '--dry-run', '--no-build', '--state-file', stateFile('conflict.json', state)])
  expect(code).toBe(2)
  expect(stdout).toContain('CONFLICTS (1): nothing is applied until these are resolved')
  expect(stdout).toContain('index orders.state_since: the cloud has {state: 1}, database.json wants {state: 1, stateSince: 1}')
})

test('refusals: no --env, a state file without --dry-run, no keys for the cloud', async () => {
  const empty = stateFile('empty.json', { collections: {}, functions: {} })
  let r = await deploy(['--dry-run', '--no-build', '--state-file', empty])
  expect(r.code).toBe(1)
  expect(r.stderr).toContain('deploy: --env <env-id> is required')
  r = await deploy(['--env', 'x', '--no-build', '--state-file', empty])
  expect(r.code).toBe(1)
  expect(r.stderr).toContain('use it with --dry-run')
  // Without a state file the cloud is read, which needs keys: refused before anything is sent.
  r = await deploy(['--env', 'x', '--dry-run', '--no-build'])
  expect(r.code).toBe(1)
  expect(r.stderr).toContain('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY')
})
