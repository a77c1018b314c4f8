/**
 * Bundles each cloud function into `cloudfunctions/<name>/index.js`: its own source, the shared
 * domain module and the function kit in one file, with `wx-server-sdk` left to the function's
 * own package.json, so the folder deploys to WeChat Cloud Development as it is.
 */
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { FUNCTIONS_DIR, functionNames, mtimeOf, newestMtime, ROOT } from './lib/paths'

/** Functions whose bundle is missing or older than their sources (their own, the domain, the kit). */
export function staleFunctions(names = functionNames()): string[] {
  const shared = newestMtime([path.join(ROOT, 'domain'), path.join(ROOT, 'server', 'kit')])
  return names.filter((name) => {
    const built = mtimeOf(path.join(FUNCTIONS_DIR, name, 'index.js'))
    return built === 0 || Math.max(shared, newestMtime([path.join(FUNCTIONS_DIR, name, 'src')])) > built
  })
}

export async function buildCloudFunctions(names = functionNames()): Promise<void> {
  await Promise.all(
    names.map(async (name) => {
      const outfile = path.join(FUNCTIONS_DIR, name, 'index.js')
      const result = await build({
        entryPoints: [path.join(FUNCTIONS_DIR, name, 'src', 'index.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        // WeChat Cloud Development runs Node 16 and later.
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        legalComments: 'none',
        logLevel: 'warning',
        absWorkingDir: ROOT,
        write: false,
      })
      // Written aside and renamed: a running instance or a parallel test never loads half a file.
      const tmp = `${outfile}.${process.pid}.tmp`
      fs.writeFileSync(tmp, result.outputFiles[0].contents)
      fs.renameSync(tmp, outfile)
    }),
  )
}

/** Builds only what is stale; what `npm start` and the test helpers call. */
export async function buildStaleCloudFunctions(): Promise<string[]> {
  const stale = staleFunctions()
  if (stale.length > 0) await buildCloudFunctions(stale)
  return stale
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
