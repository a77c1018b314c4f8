import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { InvokeMessage, ResultMessage } from './protocol'
import { readTimerTriggers, timerEvent, type TimerTrigger } from './timers'

export { nextFire, parseCron, readTimerTriggers, startTimers, timerEvent } from './timers'
export type { Scheduler, TimerClock, TimerEvent, TimerRun, TimerTrigger } from './timers'

/** What the runner needs from the emulator: where the SDK should send admin calls, and the counts. */
export interface AdminEndpoint {
  adminUrl(tag?: string): string
  roundTrips(tag: string): number
  resetRoundTrips(tag: string): void
  /** Tells the emulator which open APIs the invocation behind `tag` may call (config.json). */
  declareOpenApis?(tag: string, apis: readonly string[] | undefined): void
}

export interface RunnerOptions {
  emulator: AdminEndpoint
  /** Turns an admin URL into the env vars that point wx-server-sdk at it. */
  sdkEnv: (adminUrl: string, envId?: string) => Record<string, string>
  functionsDir: string
  envId?: string
  appid?: string
  /** Instances per function, as the platform would scale out; invocations beyond wait in line. */
  maxInstancesPerFunction?: number
  /** Shifts the functions' clock (server/kit/clock.ts); tests of deadlines move it forward. */
  clockOffsetMs?: () => number
  /**
   * Every invocation is told it runs on this machine (`LIANXIN_LOCAL=1`), which lets a function
   * accept what only a local run may (a typed phone where WeChat's getPhoneNumber gives one in
   * production). `asDeployed: true` leaves it out, so tests see the functions as deployed.
   */
  asDeployed?: boolean
}

export interface Caller {
  openid?: string
  unionid?: string
  /** `wx_client` for calls from the mini-program, `wx_http`-like for others; as CloudBase sets TCB_SOURCE. */
  source?: string
}

export interface Invocation {
  requestId: string
  /** What `main` returned (for our functions: the `{ code, data }` envelope). */
  result?: unknown
  /** Set when the function threw or timed out, as the platform reports a failed invocation. */
  error?: { errCode: number; errMsg: string }
  roundTrips: number
  durationMs: number
}

export class UnknownFunctionError extends Error {
  constructor(readonly functionName: string) {
    super(`unknown cloud function: ${functionName}`)
    this.name = 'UnknownFunctionError'
  }
}

interface Instance {
  child: ChildProcess
  busy: boolean
  ready: Promise<void>
}

interface Pending {
  message: InvokeMessage
  timeoutMs: number
  resolve: (r: ResultMessage | { type: 'timeout' } | { type: 'crash'; message: string }) => void
}

// The platform's codes for a function that failed or ran out of time (wx.cloud.callFunction errCode).
const FUNCTION_FAILED = -504002
const FUNCTION_TIMED_OUT = -504003

const WORKER = path.join(__dirname, 'worker.ts')

export function createRunner(options: RunnerOptions) {
  const envId = options.envId ?? 'lianxin-local'
  const appid = options.appid ?? 'wx-lianxin-local'
  const maxInstances = options.maxInstancesPerFunction ?? 4
  const pools = new Map<string, { instances: Instance[]; queue: Pending[] }>()
  let closed = false

  function entryOf(name: string): string {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name)) throw new UnknownFunctionError(name)
    const entry = path.join(options.functionsDir, name, 'index.js')
    if (!fs.existsSync(entry)) throw new UnknownFunctionError(name)
    return entry
  }

  function configOf(name: string): any {
    try {
      return JSON.parse(fs.readFileSync(path.join(options.functionsDir, name, 'config.json'), 'utf8'))
    } catch {
      return {} // no config.json: the platform defaults apply
    }
  }

  function timeoutOf(name: string): number {
    const config = configOf(name)
    if (typeof config.timeout === 'number' && config.timeout > 0) return config.timeout * 1000
    return 3000
  }

  /** config.json `permissions.openapi`: the only open APIs the platform lets the function call. */
  function openApisOf(name: string): string[] {
    const list = configOf(name)?.permissions?.openapi
    return Array.isArray(list) ? list.filter((a: unknown): a is string => typeof a === 'string') : []
  }

  function spawn(name: string): Instance {
    const child = fork(WORKER, [entryOf(name)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Only the invocation says whether it runs locally (LIANXIN_LOCAL), not the parent's environment.
      env: { ...process.env, LIANXIN_LOCAL: undefined, ...options.sdkEnv(options.emulator.adminUrl(), envId) },
    })
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { type?: string }) => {
        if (m?.type === 'ready') {
          child.off('message', onMessage)
          resolve()
        }
      }
      child.on('message', onMessage)
      child.once('exit', (code) => reject(new Error(`function instance exited before it was ready (${code})`)))
    })
    ready.catch(() => undefined)
    return { child, busy: false, ready }
  }

  function pump(name: string) {
    const pool = pools.get(name)!
    while (pool.queue.length > 0) {
      let instance = pool.instances.find((i) => !i.busy)
      if (!instance && pool.instances.length < maxInstances) {
        instance = spawn(name)
        pool.instances.push(instance)
      }
      if (!instance) return
      const job = pool.queue.shift()!
      run(name, instance, job)
    }
  }

  function retire(name: string, instance: Instance) {
    const pool = pools.get(name)
    if (pool) pool.instances = pool.instances.filter((i) => i !== instance)
    instance.child.kill('SIGKILL')
  }

  function run(name: string, instance: Instance, job: Pending) {
    instance.busy = true
    let settled = false
    const finish = (outcome: Parameters<Pending['resolve']>[0], healthy: boolean) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      instance.child.off('message', onMessage)
      instance.child.off('exit', onExit)
      if (healthy) instance.busy = false
      else retire(name, instance)
      job.resolve(outcome)
      if (!closed) pump(name)
    }
    const onMessage = (m: ResultMessage) => {
      if (m?.type === 'result' && m.id === job.message.id) finish(m, true)
    }
    const onExit = (code: number | null) => finish({ type: 'crash', message: `instance exited (${code})` }, false)
    let timer: NodeJS.Timeout | undefined
    instance.child.on('message', onMessage)
    instance.child.once('exit', onExit)
    instance.ready.then(
      () => {
        if (settled) return
        // A timed-out instance is killed and replaced, as the platform does, so a stuck call
        // cannot hold an instance (or its half-set environment) for the next caller.
        timer = setTimeout(() => finish({ type: 'timeout' }, false), job.timeoutMs)
        instance.child.send(job.message)
      },
      (e: Error) => finish({ type: 'crash', message: e.message }, false),
    )
  }

  async function invoke(name: string, event: unknown, caller: Caller = {}): Promise<Invocation> {
    if (closed) throw new Error('runner is closed')
    const entry = entryOf(name)
    const requestId = randomUUID()
    const tag = requestId
    const env: Record<string, string> = {
      ...options.sdkEnv(options.emulator.adminUrl(tag), envId),
      SCF_FUNCTIONNAME: name,
      LIANXIN_CLOCK_OFFSET_MS: String(options.clockOffsetMs?.() ?? 0),
      // Set by the runner, never by a request; a real environment does not have it.
      ...(options.asDeployed ? {} : { LIANXIN_LOCAL: '1' }),
    }
    // The platform injects the caller's identity; keys listed in WX_CONTEXT_KEYS become getWXContext().
    const wxKeys: string[] = ['WX_APPID', 'WX_ENV']
    env.WX_APPID = appid
    env.WX_ENV = envId
    if (caller.openid) {
      env.WX_OPENID = caller.openid
      wxKeys.push('WX_OPENID')
    }
    if (caller.unionid) {
      env.WX_UNIONID = caller.unionid
      wxKeys.push('WX_UNIONID')
    }
    env.WX_CONTEXT_KEYS = wxKeys.join(',')
    env.TCB_SOURCE = caller.source ?? 'wx_client'

    const platformEvent =
      caller.openid && typeof event === 'object' && event !== null && !Array.isArray(event)
        ? { ...(event as object), userInfo: { appId: appid, openId: caller.openid } }
        : event
    const message: InvokeMessage = {
      type: 'invoke',
      id: requestId,
      entry,
      event: platformEvent,
      context: { request_id: requestId, function_name: name, namespace: envId, environ: '' },
      env,
    }

    if (!pools.has(name)) pools.set(name, { instances: [], queue: [] })
    const started = process.hrtime.bigint()
    options.emulator.resetRoundTrips(tag)
    options.emulator.declareOpenApis?.(tag, openApisOf(name))
    const outcome = await new Promise<Parameters<Pending['resolve']>[0]>((resolve) => {
      pools.get(name)!.queue.push({ message, timeoutMs: timeoutOf(name), resolve })
      pump(name)
    }).finally(() => options.emulator.declareOpenApis?.(tag, undefined))
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6
    const roundTrips = options.emulator.roundTrips(tag)
    options.emulator.resetRoundTrips(tag)

    if (outcome.type === 'result' && outcome.ok) return { requestId, result: outcome.result, roundTrips, durationMs }
    const errMsg =
      outcome.type === 'timeout'
        ? `Invoking task timed out after ${timeoutOf(name) / 1000} seconds`
        : outcome.type === 'crash'
          ? outcome.message
          : outcome.ok
            ? ''
            : outcome.error.message
    const errCode = outcome.type === 'timeout' ? FUNCTION_TIMED_OUT : FUNCTION_FAILED
    if (outcome.type === 'result' && !outcome.ok) console.error(`[runner] ${name} failed:`, outcome.error.stack ?? errMsg)
    return { requestId, error: { errCode, errMsg }, roundTrips, durationMs }
  }

  async function close() {
    closed = true
    for (const pool of pools.values()) {
      for (const job of pool.queue.splice(0)) job.resolve({ type: 'crash', message: 'runner closed' })
      for (const instance of pool.instances) instance.child.kill('SIGKILL')
      pool.instances = []
    }
  }

  /** Every timer trigger the functions in `functionsDir` declare (config.json `triggers`). */
  function timerTriggers(): Array<{ fn: string; trigger: TimerTrigger }> {
    const out: Array<{ fn: string; trigger: TimerTrigger }> = []
    let names: string[] = []
    try {
      names = fs.readdirSync(options.functionsDir).filter((n) => fs.existsSync(path.join(options.functionsDir, n, 'index.js')))
    } catch {
      /* no functions built */
    }
    for (const fn of names.sort()) for (const trigger of readTimerTriggers(path.join(options.functionsDir, fn))) out.push({ fn, trigger })
    return out
  }

  /**
   * Invokes `fn` as its timer trigger `triggerName` would: event `{ Type: 'Timer', TriggerName, Time }`,
   * no caller identity. Refuses a trigger the function does not declare. `time` defaults to the
   * functions' clock (real time plus the clock offset).
   */
  async function fireTimer(fn: string, triggerName: string, opts: { time?: Date } = {}): Promise<Invocation> {
    entryOf(fn)
    const trigger = readTimerTriggers(path.join(options.functionsDir, fn)).find((t) => t.name === triggerName)
    if (!trigger) throw new Error(`${fn} declares no timer trigger named ${triggerName} (config.json "triggers")`)
    const time = opts.time ?? new Date(Date.now() + (options.clockOffsetMs?.() ?? 0))
    return invoke(fn, timerEvent(triggerName, time), { source: 'timer' })
  }

  /** Starts instances ahead of the first call, so the first person does not wait for a cold start. */
  async function warm(names: string[], perFunction = 1) {
    await Promise.all(
      names.map(async (name) => {
        entryOf(name)
        if (!pools.has(name)) pools.set(name, { instances: [], queue: [] })
        const pool = pools.get(name)!
        while (pool.instances.length < Math.min(perFunction, maxInstances)) pool.instances.push(spawn(name))
        await Promise.all(pool.instances.map((i) => i.ready))
      }),
    )
  }

  return { invoke, warm, close, timerTriggers, fireTimer }
}

export type Runner = ReturnType<typeof createRunner>
