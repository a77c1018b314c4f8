import path from 'node:path'
import { startEmulator, sdkEnv, type Emulator } from '../emulator'
import { createRunner, startTimers, type Runner, type Scheduler } from '../runner'
import { startLocalServer } from './http'
import { seedIfEmpty } from './seed'

const ROOT = path.resolve(__dirname, '..', '..')

export interface LocalStackOptions {
  port?: number
  emulatorPort?: number
  dataDir?: string
  staticDir?: string
  functionsDir?: string
  seed?: boolean
  maxInstancesPerFunction?: number
  clockOffsetMs?: () => number
  /** Run the functions' declared timer triggers on schedule (default true). */
  timers?: boolean
}

export interface LocalStack {
  url: string
  emulator: Emulator
  runner: Runner
  /** The timer-trigger scheduler (absent with `timers: false`). */
  timers?: Scheduler
  seeded: boolean
  close(): Promise<void>
}

/** Emulator + function runner + the one HTTP server the h5 app talks to, as `npm start` runs them. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const functionsDir = options.functionsDir ?? path.join(ROOT, 'cloudfunctions')
  const emulator = await startEmulator({
    port: options.emulatorPort ?? 0,
    dataDir: options.dataDir ?? process.env.LIANXIN_DATA_DIR ?? path.join(ROOT, '.data'),
  })
  const seeded = options.seed === false ? false : await seedIfEmpty(emulator.db, { history: true })
  const runner = createRunner({
    emulator,
    sdkEnv,
    functionsDir,
    maxInstancesPerFunction: options.maxInstancesPerFunction,
    clockOffsetMs: options.clockOffsetMs,
  })
  const now = () => Date.now() + (options.clockOffsetMs?.() ?? 0)
  let timers: Scheduler | undefined
  const server = await startLocalServer({ runner, emulator, timers: () => timers, now, staticDir: options.staticDir, port: options.port ?? 0 })
  // Temp URLs of stored files point at this server, the h5 app's own origin (canvas drawing needs that).
  emulator.storage.publicBase = server.url
  if (options.timers !== false) timers = startTimers(runner, { now })
  return {
    url: server.url,
    emulator,
    runner,
    timers,
    seeded,
    async close() {
      timers?.stop()
      await server.close()
      await runner.close()
      await emulator.close()
    },
  }
}
