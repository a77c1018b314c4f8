import fs from 'node:fs'
import path from 'node:path'

// The domain is shared by the mini-program and every cloud function: it must run on both, so it
// may not reach for either platform.
const FORBIDDEN = [/from ['"]@tarojs\//, /from ['"]wx-server-sdk['"]/, /require\(['"](wx-server-sdk|@tarojs\/)/, /from ['"]react/, /from ['"]node:/]

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sources(full)
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : []
  })
}

test('domain/ imports neither Taro, React, Node nor wx-server-sdk', () => {
  const files = sources(__dirname)
  expect(files.length).toBeGreaterThan(3)
  const offenders = files.filter((file) => FORBIDDEN.some((rule) => rule.test(fs.readFileSync(file, 'utf8'))))
  expect(offenders).toEqual([])
})
