/**
 * Test helpers that start the real pieces (emulator, runner, built functions) in a temporary
 * data directory. Nothing here doubles for wx-server-sdk: functions talk to the emulator over HTTP.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, sdkEnv, type Emulator } from '../emulator'
import { createRunner, type Caller, type Runner } from '../runner'
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
  const runner = createRunner({
    emulator,
    sdkEnv,
    functionsDir: options.functionsDir ?? path.join(ROOT, 'cloudfunctions'),
    maxInstancesPerFunction: options.maxInstancesPerFunction,
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
    async close() {
      await runner.close()
      await emulator.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
