import { MAX_TEMPLATES_PER_REQUEST, SUBSCRIBE_MOMENTS, subscribeTemplateIds, WISH_TEMPLATE_DEFAULTS, WISH_TEMPLATE_ENV, WISH_TEMPLATE_NAMES, wishTemplateIds, type SubscribeMoment } from './notifications'

test('ids come from the LIANXIN_TPL_WISH_* variables; unset or empty means the local default', () => {
  expect(wishTemplateIds({})).toEqual(WISH_TEMPLATE_DEFAULTS)
  const env = { LIANXIN_TPL_WISH_LIT: ' tpl-lit-123 ', LIANXIN_TPL_WISH_PUBLISHED: '' }
  const ids = wishTemplateIds(env)
  expect(ids.lit).toBe('tpl-lit-123')
  expect(ids.published).toBe('lianxin-wish-published')
  expect(Object.keys(WISH_TEMPLATE_ENV).sort()).toEqual([...WISH_TEMPLATE_NAMES].sort())
})

test.each(Object.keys(SUBSCRIBE_MOMENTS) as SubscribeMoment[])('moment %s asks for 1–3 distinct ids, within what WeChat allows', (moment) => {
  const ids = subscribeTemplateIds(moment, wishTemplateIds({}))
  expect(ids.length).toBeGreaterThan(0)
  expect(ids.length).toBeLessThanOrEqual(MAX_TEMPLATES_PER_REQUEST)
  expect(new Set(ids).size).toBe(ids.length)
})

test('two templates configured with one id are asked for once', () => {
  const ids = wishTemplateIds({ LIANXIN_TPL_WISH_PUBLISHED: 'same', LIANXIN_TPL_WISH_REJECTED: 'same' })
  expect(subscribeTemplateIds('submit', ids)).toEqual(['same', 'lianxin-wish-lit'])
})

test('the claimer is asked at lighting for what reaches the claimer later: release and confirmation', () => {
  const ids = wishTemplateIds({})
  expect(subscribeTemplateIds('light', ids)).toEqual([ids.released, ids.confirmed])
  expect(subscribeTemplateIds('deliver', ids)).toEqual([ids.confirmed])
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
