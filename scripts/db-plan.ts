/**
 * `npm run db:plan`: what a real CloudBase environment needs before the functions run there:
 * each collection (CloudBase refuses writes to a collection that was not created) and its
 * indexes, read from the same file the local emulator uses.
 */
import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from './lib/paths'

interface IndexSpec { name: string; unique?: boolean; keys: Record<string, 1 | -1> }
const file = path.join(ROOT, 'cloudfunctions', 'database.json')
const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections: Record<string, { indexes: IndexSpec[] }> }

console.log(`# From ${path.relative(ROOT, file)}. \`npm run deploy -- --env <env-id>\` creates them (docs/deploy.md); by hand: 云开发控制台 → 数据库,`)
console.log('# permissions "仅管理端可读写" (functions only; the client never reads the database directly).\n')
for (const [name, spec] of Object.entries(schema.collections)) {
  console.log(`collection ${name}`)
  for (const index of spec.indexes) {
    const keys = Object.entries(index.keys).map(([field, dir]) => `${field} ${dir === 1 ? '升序' : '降序'}`).join(', ')
    console.log(`  index ${index.name}${index.unique ? ' (唯一 unique)' : ''}: ${keys}`)
  }
}
