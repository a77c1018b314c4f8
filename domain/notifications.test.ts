import fs from 'node:fs'
import path from 'node:path'
import {
  MAX_TEMPLATES_PER_REQUEST,
  ORDER_SUBSCRIBE_AT,
  ORDER_TEMPLATE_DEFAULTS,
  orderTemplateIds,
  SUBSCRIBE_MOMENTS,
  subscribeTemplateIds,
  TEMPLATE_DEFAULTS,
  TEMPLATE_ENV,
  TEMPLATE_NAMES,
  templateIds,
  WISH_TEMPLATE_DEFAULTS,
  WISH_TEMPLATE_ENV,
  WISH_TEMPLATE_NAMES,
  wishTemplateIds,
  type SubscribeMoment,
} from './notifications'

test('ids come from the LIANXIN_TPL_WISH_* variables; unset or empty means the local default', () => {
  expect(wishTemplateIds({})).toEqual(WISH_TEMPLATE_DEFAULTS)
  const env = { LIANXIN_TPL_WISH_LIT: ' tpl-lit-123 ', LIANXIN_TPL_WISH_PUBLISHED: '' }
  const ids = wishTemplateIds(env)
  expect(ids.lit).toBe('tpl-lit-123')
  expect(ids.published).toBe('lianxin-wish-published')
  expect(Object.keys(WISH_TEMPLATE_ENV).sort()).toEqual([...WISH_TEMPLATE_NAMES].sort())
})

test('orders use the same scheme, LIANXIN_TPL_ORDER_*; the defaults are the ids the emulator has always recorded', () => {
  expect(orderTemplateIds({})).toEqual(ORDER_TEMPLATE_DEFAULTS)
  expect(ORDER_TEMPLATE_DEFAULTS).toEqual({ orderDispatch: 'order-dispatch', orderClaim: 'order-claim', orderDone: 'order-done', orderOverdue: 'order-overdue' })
  expect(orderTemplateIds({ LIANXIN_TPL_ORDER_DISPATCH: ' tpl-dispatch ', LIANXIN_TPL_ORDER_DONE: '' })).toMatchObject({ orderDispatch: 'tpl-dispatch', orderDone: 'order-done' })
  // One naming scheme for every template: LIANXIN_TPL_<AREA>_<NAME>, each variable once.
  for (const name of TEMPLATE_NAMES) expect(TEMPLATE_ENV[name]).toMatch(/^LIANXIN_TPL_(WISH|ORDER|ACTIVITY|GRID)_[A-Z]+$/)
  expect(new Set(Object.values(TEMPLATE_ENV)).size).toBe(TEMPLATE_NAMES.length)
  expect(new Set(Object.values(TEMPLATE_DEFAULTS)).size).toBe(TEMPLATE_NAMES.length)
  expect(templateIds({})).toEqual(TEMPLATE_DEFAULTS)
})

test.each(Object.keys(SUBSCRIBE_MOMENTS) as SubscribeMoment[])('moment %s asks for 1–3 distinct ids, within what WeChat allows', (moment) => {
  const ids = subscribeTemplateIds(moment, templateIds({}))
  expect(ids.length).toBeGreaterThan(0)
  expect(ids.length).toBeLessThanOrEqual(MAX_TEMPLATES_PER_REQUEST)
  expect(new Set(ids).size).toBe(ids.length)
})

test('every template is asked for at some moment: a message nobody can subscribe to always fails (43101)', () => {
  const asked = new Set(Object.values(SUBSCRIBE_MOMENTS).flat())
  expect(TEMPLATE_NAMES.filter((n) => !asked.has(n))).toEqual([])
})

test('two templates configured with one id are asked for once', () => {
  const ids = templateIds({ LIANXIN_TPL_WISH_PUBLISHED: 'same', LIANXIN_TPL_WISH_REJECTED: 'same' })
  expect(subscribeTemplateIds('submit', ids)).toEqual(['same', 'lianxin-wish-lit'])
})

test('the claimer is asked at lighting for what reaches the claimer later: release and confirmation', () => {
  const ids = templateIds({})
  expect(subscribeTemplateIds('light', ids)).toEqual([ids.released, ids.confirmed])
  expect(subscribeTemplateIds('deliver', ids)).toEqual([ids.confirmed])
})

test('orders: each person is asked, when they act, for what later reaches them', () => {
  const ids = templateIds({})
  // The resident ordering hears when a member takes it and when it is done; a complaint, when it is done again.
  expect(subscribeTemplateIds('orderPlace', ids)).toEqual([ids.orderClaim, ids.orderDone])
  expect(ORDER_SUBSCRIBE_AT.complain).toBe('orderComplain')
  expect(subscribeTemplateIds('orderComplain', ids)).toEqual([ids.orderDone])
  // Members and unit admins hear of the next dispatch; dispatchers of what is late in their care.
  for (const verb of ['acceptDispatch', 'claim', 'finish', 'passToMember'] as const) expect(subscribeTemplateIds(ORDER_SUBSCRIBE_AT[verb]!, ids)).toEqual([ids.orderDispatch])
  for (const verb of ['accept', 'dispatchToMember', 'dispatchToUnit', 'pool', 'recall'] as const) expect(subscribeTemplateIds(ORDER_SUBSCRIBE_AT[verb]!, ids)).toEqual([ids.orderOverdue])
  // Nothing is asked where nothing can follow for that person (confirm ends it; cancel too).
  expect(ORDER_SUBSCRIBE_AT.confirm).toBeUndefined()
  expect(ORDER_SUBSCRIBE_AT.cancel).toBeUndefined()
})

test('the wishes function sends with the same ids the mini-program asks for', () => {
  const env = { LIANXIN_TPL_WISH_LIT: 'tpl-lit-from-console' }
  const saved = { ...process.env }
  Object.assign(process.env, env)
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const { WISH_TEMPLATES } = require('../cloudfunctions/wishes/src/notify')
      expect(WISH_TEMPLATES).toEqual(wishTemplateIds(process.env))
    })
  } finally {
    process.env = saved
  }
})

test('the orders function sends with the same ids the mini-program asks for', () => {
  const saved = { ...process.env }
  Object.assign(process.env, { LIANXIN_TPL_ORDER_DISPATCH: 'tpl-dispatch-from-console' })
  try {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const { ORDER_TEMPLATES } = require('../cloudfunctions/orders/src/notify')
      expect(ORDER_TEMPLATES).toEqual(orderTemplateIds(process.env))
      expect(ORDER_TEMPLATES.orderDispatch).toBe('tpl-dispatch-from-console')
    })
  } finally {
    process.env = saved
  }
})

test('no function reads a template id from the environment on its own: they all come from here', () => {
  const root = path.join(__dirname, '..', 'cloudfunctions')
  const sources = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, d.name, 'src')))
    .flatMap((d) => fs.readdirSync(path.join(root, d.name, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => path.join(root, d.name, 'src', f)))
  expect(sources.length).toBeGreaterThan(5)
  expect(sources.filter((f) => /process\.env(\.|\[['"`])LIANXIN_T(PL|EMPLATE)_/.test(fs.readFileSync(f, 'utf8')))).toEqual([])
})
