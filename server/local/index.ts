import path from 'node:path'
import { startEmulator, sdkEnv, type Emulator } from '../emulator'
import { createRunner, type Runner } from '../runner'
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
}

export interface LocalStack {
  url: string
  emulator: Emulator
  runner: Runner
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
  const seeded = options.seed === false ? false : await seedIfEmpty(emulator.db)
  const runner = createRunner({
    emulator,
    sdkEnv,
    functionsDir,
    maxInstancesPerFunction: options.maxInstancesPerFunction,
    clockOffsetMs: options.clockOffsetMs,
  })
  const server = await startLocalServer({ runner, staticDir: options.staticDir, port: options.port ?? 0 })
  return {
    url: server.url,
    emulator,
    runner,
    seeded,
    async close() {
      await server.close()
      await runner.close()
      await emulator.close()
    },
  }
}
