import path from 'node:path'
import fs from 'node:fs'

export const ROOT = path.resolve(__dirname, '..', '..')
export const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions')

/** Deployable functions: every folder under cloudfunctions/ with its own package.json. */
export function functionNames(): string[] {
  return fs
    .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(FUNCTIONS_DIR, d.name, 'package.json')))
    .map((d) => d.name)
    .sort()
}

/** Newest modification time of any file under the given paths (0 when none exist). */
export function newestMtime(paths: string[], ignore: (p: string) => boolean = () => false): number {
  let newest = 0
  const visit = (p: string) => {
    if (ignore(p) || !fs.existsSync(p)) return
    const st = fs.statSync(p)
    if (st.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (entry !== 'node_modules') visit(path.join(p, entry))
    } else if (st.mtimeMs > newest) newest = st.mtimeMs
  }
  paths.forEach(visit)
  return newest
}

export function mtimeOf(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0
}
