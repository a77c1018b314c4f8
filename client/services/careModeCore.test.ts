import { CARE_SCALE, createCareStore, MAX_SCALE, pageScale, systemScale, type SwitchStorage, type SystemFontInfo } from './careModeCore'

describe('systemScale: WeChat’s own type size from getAppBaseInfo', () => {
  test.each<[string, SystemFontInfo | null | undefined, number]>([
    ['standard (factor 1)', { fontSizeScaleFactor: 1, fontSizeSetting: 17 }, 1],
    ['one step up', { fontSizeScaleFactor: 1.12, fontSizeSetting: 19 }, 1.12],
    ['the factor wins over the px setting', { fontSizeScaleFactor: 1.4, fontSizeSetting: 20 }, 1.4],
    ['no factor: the px setting over standard 17px', { fontSizeSetting: 22 }, 1.29],
    ['smaller than standard never shrinks a page', { fontSizeScaleFactor: 0.9, fontSizeSetting: 15 }, 1],
    ['beyond the largest is held at MAX_SCALE', { fontSizeScaleFactor: 3.1 }, MAX_SCALE],
    ['a broken reading counts as standard', { fontSizeScaleFactor: Number.NaN, fontSizeSetting: -4 }, 1],
    ['nothing read (h5, old base library)', null, 1],
  ])('%s', (_, info, expected) => {
    expect(systemScale(info)).toBe(expected)
  })
})

test('pageScale: the switch makes type at least 1.25×, and never smaller than WeChat’s own', () => {
  expect(CARE_SCALE).toBe(1.25)
  expect(pageScale(1, false)).toBe(1)
  expect(pageScale(1, true)).toBe(1.25)
  expect(pageScale(1.12, true)).toBe(1.25)
  expect(pageScale(1.4, true)).toBe(1.4)
  expect(pageScale(1.4, false)).toBe(1.4)
})

function memoryStorage(initial = false): SwitchStorage & { value: boolean; writes: boolean[] } {
  const s = {
    value: initial,
    writes: [] as boolean[],
    read: () => s.value,
    write: (on: boolean) => {
      s.value = on
      s.writes.push(on)
    },
  }
  return s
}

test('the switch is kept: a later start of the app (a new store on the same storage) begins switched on', () => {
  const storage = memoryStorage()
  const first = createCareStore(() => ({ fontSizeScaleFactor: 1 }), storage)
  expect(first.getState()).toEqual({ on: false, system: 1, scale: 1 })

  first.setOn(true)
  expect(storage.writes).toEqual([true])
  expect(first.getState()).toEqual({ on: true, system: 1, scale: 1.25 })

  const restarted = createCareStore(() => ({ fontSizeScaleFactor: 1 }), storage)
  expect(restarted.getState()).toEqual({ on: true, system: 1, scale: 1.25 })
})

test('listeners hear the switch and a changed WeChat setting, and nothing when nothing changed', () => {
  let info: SystemFontInfo = { fontSizeScaleFactor: 1 }
  const store = createCareStore(() => info, memoryStorage())
  const heard: number[] = []
  const stop = store.subscribe(() => heard.push(store.getState().scale))

  store.refreshSystem()
  expect(heard).toEqual([])

  info = { fontSizeScaleFactor: 1.6 }
  store.refreshSystem()
  expect(heard).toEqual([1.6])
  // Same size, but the palette changes: heard.
  store.setOn(true)
  expect(heard).toEqual([1.6, 1.6])
  expect(store.getState()).toEqual({ on: true, system: 1.6, scale: 1.6 })

  info = { fontSizeScaleFactor: 1 }
  store.refreshSystem()
  expect(heard).toEqual([1.6, 1.6, 1.25])

  stop()
  store.setOn(false)
  expect(heard).toEqual([1.6, 1.6, 1.25])
})

test('a platform API that throws leaves the page at standard size', () => {
  const store = createCareStore(() => {
    throw new Error('getAppBaseInfo:fail')
  }, memoryStorage(true))
  expect(store.getState()).toEqual({ on: true, system: 1, scale: 1.25 })
})
