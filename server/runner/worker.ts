/**
 * One worker process is one function instance: it serves a single invocation at a time, as a
 * real CloudBase instance does, so `getWXContext()` (which reads process.env) can never see
 * another caller's identity.
 */
import type { InvokeMessage, ResultMessage } from './protocol'

let previousKeys: string[] = []

function applyEnv(env: Record<string, string>) {
  for (const key of previousKeys) delete process.env[key]
  Object.assign(process.env, env)
  previousKeys = Object.keys(env)
}

function send(message: ResultMessage) {
  process.send?.(message)
}

process.on('message', async (message: InvokeMessage) => {
  if (message?.type !== 'invoke') return
  try {
    applyEnv(message.env)
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const fn = require(message.entry) as { main?: (event: unknown, context: unknown) => unknown }
    if (typeof fn.main !== 'function') throw new Error(`${message.entry} does not export main`)
    const result = await fn.main(message.event, message.context)
    send({ type: 'result', id: message.id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) })
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e))
    send({ type: 'result', id: message.id, ok: false, error: { message: err.message, stack: err.stack } })
  }
})

// An instance belongs to one function; loading it before announcing readiness keeps the cold
// start out of the first invocation's time limit, as the platform's init phase does.
const preload = process.argv[2]
if (preload) require(preload)
process.send?.({ type: 'ready' })
