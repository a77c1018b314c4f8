/**
 * Bundles each cloud function into `cloudfunctions/<name>/index.js`: its own source, the shared
 * domain module and the function kit in one file, with `wx-server-sdk` left to the function's
 * own package.json, so the folder deploys to WeChat Cloud Development as it is.
 */
import path from 'node:path'
import { build } from 'esbuild'
import { FUNCTIONS_DIR, functionNames, ROOT } from './lib/paths'

export async function buildCloudFunctions(names = functionNames()): Promise<void> {
  await Promise.all(
    names.map((name) =>
      build({
        entryPoints: [path.join(FUNCTIONS_DIR, name, 'src', 'index.ts')],
        outfile: path.join(FUNCTIONS_DIR, name, 'index.js'),
        bundle: true,
        platform: 'node',
        // WeChat Cloud Development runs Node 16 and later.
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        legalComments: 'none',
        logLevel: 'warning',
        absWorkingDir: ROOT,
      }),
    ),
  )
}

if (require.main === module) {
  const started = Date.now()
  buildCloudFunctions()
    .then(() => console.log(`cloud functions built: ${functionNames().join(', ')} (${Date.now() - started} ms)`))
    .catch((e) => {
      console.error(e)
      process.exit(1)
    })
}
