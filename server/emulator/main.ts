// `npm run emulator`: serves the local CloudBase until SIGINT/SIGTERM.
import path from 'path'
import { DEFAULT_ENV_ID, sdkEnv, startEmulator } from './index'

async function main(): Promise<void> {
  const port = Number(process.env.EMULATOR_PORT ?? 9901)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`EMULATOR_PORT is not a port: ${process.env.EMULATOR_PORT}`)
  const dataDir = path.resolve(process.env.LIANXIN_DATA_DIR ?? path.join(__dirname, '..', '..', '.data'))
  const emulator = await startEmulator({ port, dataDir })

  console.log(`CloudBase emulator on ${emulator.url} (data in ${dataDir})`)
  console.log('Point wx-server-sdk at it with:')
  for (const [k, v] of Object.entries(sdkEnv(emulator.adminUrl(), DEFAULT_ENV_ID))) console.log(`export ${k}='${v}'`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: closing (flushing the journal)`)
    emulator.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
