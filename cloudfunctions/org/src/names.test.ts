/**
 * Names are unique among a node's children, kept by the database (the unique index
 * `org_nodes.parent_name_unique` on parentId + name), not by reading first: simultaneous creates
 * and renames to one name leave one node with it, and every other call answers ORG.DUPLICATE_NAME
 * (issue 10, defect 5). Built org function, runner, emulator with the demo county.
 */
import { startTestStack, type TestStack } from '../../../server/testing/stack'

jest.setTimeout(120_000)

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const org = (action: string, input: Record<string, unknown>, openid: string) => stack.call('org', { action, ...input }, openid)
const nodes = () => stack.emulator.db.collection('org_nodes')
const ADMIN = 'demo-community-admin'
const DUPLICATE = { code: 'ORG.DUPLICATE_NAME', message: '同一上级下已有同名的组织，请换一个名称' }

async function compound(name: string): Promise<string> {
  const { result } = await org('createNode', { parentId: 'org-beimen', name }, ADMIN)
  expect(result.code).toBe(0)
  return result.data.id
}

/** Every name under 北门社区, each once: the database holds no two siblings with one name. */
function expectDistinctNames() {
  const names = nodes().find({ parentId: 'org-beimen' }).map((n) => n.name as string)
  expect(new Set(names).size).toBe(names.length)
}

test('two siblings renamed to one name at the same moment: one gets it, the other ORG.DUPLICATE_NAME (5 tries)', async () => {
  for (let round = 0; round < 5; round++) {
    const [a, b] = [await compound(`甲小区${round}`), await compound(`乙小区${round}`)]
    const name = `同名小区${round}`
    const results = await Promise.all([org('renameNode', { id: a, name }, ADMIN), org('renameNode', { id: b, name }, ADMIN)])
    const codes = results.map((r) => r.result.code)
    expect(codes.filter((c) => c === 0)).toHaveLength(1)
    expect(results.find((r) => r.result.code !== 0)!.result).toEqual(DUPLICATE)
    expect(nodes().count({ parentId: 'org-beimen', name })).toBe(1)
  }
  expectDistinctNames()
})

test('ten siblings renamed to one name at once: exactly one succeeds, nine ORG.DUPLICATE_NAME, names stay distinct', async () => {
  const ids: string[] = []
  for (let i = 0; i < 10; i++) ids.push(await compound(`十个小区${i}`))
  const results = await Promise.all(ids.map((id) => org('renameNode', { id, name: '十选一小区' }, ADMIN)))
  const ok = results.filter((r) => r.result.code === 0)
  expect(ok).toHaveLength(1)
  for (const r of results.filter((x) => x.result.code !== 0)) expect(r.result).toEqual(DUPLICATE)
  expect(nodes().count({ parentId: 'org-beimen', name: '十选一小区' })).toBe(1)
  expect(nodes().findOne({ _id: ok[0].result.data.id })!.name).toBe('十选一小区')
  // One rename audited: the losers wrote nothing.
  expect(stack.emulator.db.collection('audit').count({ action: 'renameNode', to: '十选一小区' })).toBe(1)
  expectDistinctNames()
})

test('ten creates of one name at once: exactly one node, nine ORG.DUPLICATE_NAME, one audit record', async () => {
  const results = await Promise.all(Array.from({ length: 10 }, () => org('createNode', { parentId: 'org-beimen', name: '同时新建小区' }, ADMIN)))
  expect(results.filter((r) => r.result.code === 0)).toHaveLength(1)
  for (const r of results.filter((x) => x.result.code !== 0)) expect(r.result).toEqual(DUPLICATE)
  expect(nodes().count({ parentId: 'org-beimen', name: '同时新建小区' })).toBe(1)
  expect(stack.emulator.db.collection('audit').count({ action: 'createNode', to: '同时新建小区' })).toBe(1)
  expectDistinctNames()
})

test('the same name under another parent, or for a node of another parent, is no clash', async () => {
  // 城南社区's admin is another person; the county admin may create streets' communities.
  const here = await org('createNode', { parentId: 'org-beimen', name: '共用名小区' }, ADMIN)
  const there = await org('createNode', { parentId: 'org-chengnan', name: '共用名小区' }, 'demo-chengnan-admin')
  expect([here.result.code, there.result.code]).toEqual([0, 0])
})
