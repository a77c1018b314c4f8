/**
 * `npm run deploy -- --env <env-id> [--dry-run]`: makes a CloudBase environment match the
 * repository. Builds the functions, reads the environment (collections, indexes, permissions,
 * functions, timers) through @cloudbase/manager-node, prints the plan, and unless --dry-run
 * carries it out, then reads the environment again and checks that nothing is left to do.
 *
 * Options:
 *   --env <id>           the environment (required)
 *   --dry-run            print the plan and stop
 *   --state-file <json>  read the current state from a file instead of the cloud (dry runs only;
 *                        offline review and tests: no SDK is loaded, nothing leaves the machine)
 *   --save-state <json>  write the state that was read (to review it, or to make a state file)
 *   --skip-timers        plan no timer triggers (environments without them: see README)
 *   --no-build           use the bundles already built
 *   --region <region>    default: TENCENTCLOUD_REGION, else manager-node's default
 *   --json               print the plan as JSON
 *
 * Credentials: TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for
 * temporary keys), or CLOUDBASE_SECRET_ID / CLOUDBASE_SECRET_KEY. Exit codes: 0 done (or planned),
 * 1 error or not converged, 2 conflicts found (nothing applied).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildCloudFunctions } from './build-cloud'
import { applyStepsToCloud, connect, credentialsFrom, readCloudState } from './lib/deploy-cloud'
import { readDesiredState } from './lib/deploy-desired'
import { formatPlan, parseCurrentState, planDeployment, type CurrentState } from './lib/deploy-plan'
import { FUNCTIONS_DIR, functionNames, ROOT } from './lib/paths'

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'state-file': { type: 'string' },
      'save-state': { type: 'string' },
      'skip-timers': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      region: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  })
  const envId = values.env
  if (!envId) throw new UsageError('--env <env-id> is required (云开发控制台 → 环境 ID)')
  const dryRun = values['dry-run']
  if (values['state-file'] && !dryRun) throw new UsageError('--state-file describes an environment, it is not one: use it with --dry-run')
  const credentials = credentialsFrom(process.env)
  if (!values['state-file'] && !credentials) {
    throw new UsageError('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (访问管理 → API 密钥), or pass --state-file with --dry-run')
  }
  const say = (line: string) => (values.json ? console.error(line) : console.log(line))

  const names = functionNames()
  if (!values['no-build']) {
    const started = Date.now()
    await buildCloudFunctions(names)
    say(`built ${names.join(', ')} (${Date.now() - started} ms)`)
  }
  const desired = readDesiredState({ root: ROOT, functionNames: names, env: process.env })

  let current: CurrentState
  let source: string
  const app = values['state-file'] ? undefined : connect(envId, credentials!, values.region ?? process.env.TENCENTCLOUD_REGION)
  if (values['state-file']) {
    const file = path.resolve(values['state-file'])
    current = parseCurrentState(JSON.parse(fs.readFileSync(file, 'utf8')), file)
    source = `state file ${path.relative(process.cwd(), file)}`
  } else {
    current = await readCloudState(app!, envId, desired.collections.map((c) => c.name), names)
    source = 'the cloud'
  }
  if (values['save-state']) fs.writeFileSync(values['save-state'], `${JSON.stringify(current, null, 2)}\n`)

  const options = { skipTimers: values['skip-timers'] }
  const plan = planDeployment(desired, current, options)
  const header = `Deployment plan for ${envId} (current state from ${source})${dryRun ? ', dry run' : ''}`
  if (values.json) console.log(JSON.stringify({ envId, source, dryRun, ...plan }, null, 2))
  else console.log(formatPlan(plan, header))

  if (plan.conflicts.length > 0) return 2
  if (dryRun || plan.steps.length === 0) return 0

  say('\nApplying:')
  await applyStepsToCloud(app!, envId, FUNCTIONS_DIR, plan.steps, say)
  // The proof of a deployment is the environment read back, not the calls having returned.
  const after = planDeployment(desired, await readCloudState(app!, envId, desired.collections.map((c) => c.name), names), options)
  if (after.steps.length > 0 || after.conflicts.length > 0) {
    say(`\nRead back, the environment still differs:\n${formatPlan(after, '')}`)
    return 1
  }
  say('\nRead back: the environment matches the repository.')
  return 0
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((e) => {
      console.error(e instanceof UsageError ? `deploy: ${e.message}` : e)
      process.exit(1)
    })
}

export { main }
