/**
 * Test helpers that start the real pieces (emulator, runner, built functions) in a temporary
 * data directory. Nothing here doubles for wx-server-sdk: functions talk to the emulator over HTTP.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, sdkEnv, type Emulator, type OutboxMessage, type OutboxQuery } from '../emulator'
import { createRunner, type Caller, type Invocation, type Runner } from '../runner'
import { buildStaleCloudFunctions } from '../../scripts/build-cloud'
import { seedIfEmpty } from '../local/seed'

export const ROOT = path.resolve(__dirname, '..', '..')

export function tempDir(prefix = 'lianxin-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export interface TestStack {
  emulator: Emulator
  runner: Runner
  dataDir: string
  /** Calls a function as the platform would for `openid`; returns the envelope and the round trips. */
  call(fn: string, data: unknown, caller?: Caller | string): Promise<{ result: any; roundTrips: number; error?: unknown }>
  /**
   * Runs `fn` as its timer trigger `triggerName` (declared in its config.json) would, now: event
   * `{ Type: 'Timer', TriggerName, Time }`, no caller. `time` defaults to the shifted clock.
   */
  fireTimer(fn: string, triggerName: string, options?: { time?: Date }): Promise<Invocation>
  /** Shifts the functions' clock (`now()` of server/kit/clock.ts) for every later call and timer. */
  setClockOffset(ms: number): void
  /** Subscribe messages sent so far (`subscribeMessage.send`), newest first. */
  outbox(query?: OutboxQuery): OutboxMessage[]
  close(): Promise<void>
}

let built: Promise<unknown> | undefined

export async function startTestStack(
  options: { functionsDir?: string; build?: boolean; maxInstancesPerFunction?: number; /** Seed the demo county (server/local/demo.ts). */ seed?: boolean } = {},
): Promise<TestStack> {
  if (options.build !== false && !options.functionsDir) {
    built ??= buildStaleCloudFunctions()
    await built
  }
  const dataDir = tempDir()
  const emulator = await startEmulator({ port: 0, dataDir })
  if (options.seed) await seedIfEmpty(emulator.db)
  let clockOffsetMs = 0
  const runner = createRunner({
    emulator,
    sdkEnv,
    functionsDir: options.functionsDir ?? path.join(ROOT, 'cloudfunctions'),
    maxInstancesPerFunction: options.maxInstancesPerFunction,
    clockOffsetMs: () => clockOffsetMs,
  })
  return {
    emulator,
    runner,
    dataDir,
    async call(fn, data, caller = {}) {
      const who = typeof caller === 'string' ? { openid: caller } : caller
      const invocation = await runner.invoke(fn, data, who)
      return { result: invocation.result, roundTrips: invocation.roundTrips, error: invocation.error }
    },
    fireTimer: (fn, triggerName, opts) => runner.fireTimer(fn, triggerName, opts),
    setClockOffset(ms) {
      if (!Number.isFinite(ms)) throw new Error(`clock offset must be a finite number of milliseconds, got ${ms}`)
      clockOffsetMs = ms
    },
    outbox: (query) => emulator.outbox.list(query),
    async close() {
      await runner.close()
      await emulator.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
