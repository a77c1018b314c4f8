/**
 * What fills the weapp bundles: the minified bytes of every module in every chunk file.
 *
 *   LIANXIN_ANALYZE=/tmp/lx-an NODE_ENV=production npx taro build --type weapp   (under the build lock)
 *   npx tsx scripts/bundle-sizes.ts /tmp/lx-an [--top=25] [--file=common.js]
 *
 * LIANXIN_ANALYZE (config/index.ts) keys modules by path, so each webpack chunk's module table can
 * be read straight off the minified output; source maps of a minified Taro build map only a line.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'acorn'

const [dir, ...rest] = process.argv.slice(2)
if (!dir) throw new Error('usage: bundle-sizes.ts <analyze dir> [--top=N] [--file=name.js]')
const opt = (name: string) => rest.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const top = Number(opt('top') ?? 25)
const only = opt('file')

function jsFiles(d: string): string[] {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(d, e.name)
    return e.isDirectory() ? jsFiles(full) : e.name.endsWith('.js') ? [full] : []
  })
}

/** Module id → minified bytes, from every `.push([[chunkIds], { id: function… }])` in the file. */
function modulesOf(code: string): Map<string, number> {
  const out = new Map<string, number>()
  const bytes = (a: number, b: number) => Buffer.byteLength(code.slice(a, b))
  const walk = (node: any) => {
    if (!node || typeof node.type !== 'string') return
    if (node.type === 'CallExpression' && node.callee?.property?.name === 'push') {
      const [arg] = node.arguments
      const table = arg?.type === 'ArrayExpression' ? arg.elements[1] : undefined
      if (table?.type === 'ObjectExpression') {
        for (const p of table.properties) out.set(String(p.key.value ?? p.key.name), bytes(p.start, p.end))
        return
      }
    }
    for (const v of Object.values(node)) {
      if (Array.isArray(v)) v.forEach(walk)
      else if (v && typeof v === 'object') walk(v)
    }
  }
  walk(parse(code, { ecmaVersion: 'latest', sourceType: 'script' }))
  return out
}

/** node_modules paths shortened to the package; our own files keep their path. */
const owner = (id: string) => {
  const m = id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  return m ? `npm:${m[1]}` : id.replace(/^\.\//, '').replace(/ \+ \d+ modules$/, ' (+ concatenated)')
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
for (const file of jsFiles(dir).sort()) {
  const rel = path.relative(dir, file)
  if (only && rel !== only) continue
  const code = fs.readFileSync(file, 'utf8')
  const size = Buffer.byteLength(code)
  if (size < 4096 && !only) continue
  const mods = modulesOf(code)
  const inModules = [...mods.values()].reduce((a, b) => a + b, 0)
  console.log(`\n== ${rel}: ${kb(size)} (${mods.size} modules, ${kb(inModules)}; ${kb(size - inModules)} outside the module table)`)
  const byOwner = new Map<string, number>()
  for (const [id, n] of mods) byOwner.set(owner(id), (byOwner.get(owner(id)) ?? 0) + n)
  for (const [name, n] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${kb(n).padStart(10)}  ${name}`)
}
