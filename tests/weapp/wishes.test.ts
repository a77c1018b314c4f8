/** The 心愿 tab (the wish wall) and a wish page as shipped in dist/, over wx.cloud. */
import { assertBuilt, bootApp, cloudDouble, COMMUNITY_ADMIN_WHOAMI, eventually, type CloudCall } from './harness'

const admin = COMMUNITY_ADMIN_WHOAMI

const card = {
  id: 'wish-reading-pen',
  title: '想要一台点读机',
  category: '留守儿童',
  communityId: 'org-beimen',
  communityName: '北门社区',
  beneficiary: '刘**（留守儿童）',
  estimatedValue: 200,
  state: 'published',
  stateLabel: '待点亮',
  progress: '待点亮',
  updatedAt: '2026-11-20T02:00:00.000Z',
}

const options = { communities: [{ id: 'org-beimen', name: '北门社区', streetName: '龙城街道' }], units: [], buildings: [], skills: [], freeTime: [] }

beforeAll(() => {
  assertBuilt()
})

beforeEach(() => {
  jest.resetModules()
  const wx = (globalThis as { wx?: Record<string, unknown> }).wx
  if (wx) delete wx.webpackJsonp
  document.body.innerHTML = ''
})

test('the wall: the admin’s community, 已审核 · 已点亮 · 已完成, the cards and 待审心愿', async () => {
  const cloud = cloudDouble((c: CloudCall) => {
    const action = (c.data as { action: string }).action
    if (c.name === 'users') return { code: 0, data: admin }
    if (c.name === 'registration' && action === 'options') return { code: 0, data: options }
    if (c.name === 'wishes' && action === 'wall') return { code: 0, data: { community: { id: 'org-beimen', name: '北门社区' }, counts: { reviewed: 2, lit: 1, done: 0 }, items: [card], next: null } }
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('pages/wishes/index')

  await eventually(() => expect(page.dom.textContent).toContain('想要一台点读机'))
  const text = page.dom.textContent
  expect(text).toContain('北门社区微心愿')
  expect(text).toContain('2已审核')
  expect(text).toContain('1已点亮')
  expect(text).toContain('0已完成')
  expect(text).toContain('刘**（留守儿童）')
  expect(text).toContain('待审心愿')
  // The local outbox link exists only in the h5 build.
  expect(text).not.toContain('本地演示')
  const wall = cloud.calls.find((c) => c.name === 'wishes')
  expect(wall?.data).toEqual({ action: 'wall', communityId: 'org-beimen', filter: 'all' })
})

test('a shared card opens the wish page with 点亮这个心愿', async () => {
  const member = { ...admin, id: 'user-demo-member', displayName: '李建国', roles: [{ kind: 'resident', label: '居民' }, { kind: 'member', label: '在职党员' }], activeRole: 'member' }
  const detail = {
    ...card,
    view: 'public',
    details: '孩子父母在外打工，希望有台点读机帮助学英语。',
    contact: null,
    claim: null,
    delivery: null,
    confirmation: null,
    rating: null,
    reason: null,
    serviceHours: null,
    private: null,
    history: [],
    claimDeadline: null,
    can: { light: true, giveUp: false, deliver: false, confirm: false, rate: false, edit: false, resubmit: false, verify: false, publish: false, reject: false, takeDown: false, revokeClaim: false },
    share: {
      title: '点亮微心愿：想要一台点读机',
      path: '/packages/wishes/pages/detail/index?id=wish-reading-pen&from=share',
      imageFields: { title: '想要一台点读机', category: '留守儿童', communityName: '北门社区', beneficiary: '刘**（留守儿童）', progress: '待点亮', action: '点亮这个心愿' },
    },
  }
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: member }
    if (c.name === 'wishes') return { code: 0, data: detail }
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
  const { openPage } = bootApp(cloud.api)
  const page = openPage('packages/wishes/pages/detail/index', { id: 'wish-reading-pen', from: 'share' })
  await eventually(() => expect(page.dom.textContent).toContain('点亮这个心愿'))
  expect(page.dom.textContent).toContain('刘**（留守儿童）')
  expect(cloud.calls.find((c) => c.name === 'wishes')?.data).toEqual({ action: 'get', id: 'wish-reading-pen' })
})

// ---------------------------------------------------------------------------------------------
// Sharing on WeChat: onShareAppMessage, the share image and the poster, from the built dist/.
//
// miniprogram-simulate's wx.createOffscreenCanvas answers a canvas whose getContext() is an empty
// object, so nothing could be drawn. The tests below put a recording 2D context in its place (the
// part of CanvasRenderingContext2D that components/WishShareImage/draw.ts uses, its Canvas2D), and a
// canvasToTempFilePath that answers a temp path. What this verifies: the built page draws on an
// offscreen canvas of 5:4 (1000×800), exactly the share card's fields, hands that canvas to
// canvasToTempFilePath, and shares the temp file it gets; the poster requests the code and draws it.
// What it cannot verify: WeChat's real canvas (pixels, fonts, measureText widths), the PNG that
// canvasToTempFilePath writes, and how the chat shows the card.

const NAME = '王秀英'
const PHONE = '13812341234'
const BUILDING = '北门花园1栋'
const ROOM = '2单元501'

/** A 2D context that records what is drawn; widths as a CJK font would give them. */
function recordingCanvas(width: number, height: number) {
  const texts: string[] = []
  const images: Array<{ src: string; x: number; y: number; w: number; h: number }> = []
  let fontPx = 10
  const ctx = {
    fillStyle: '#000',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    get font() {
      return `${fontPx}px`
    },
    set font(v: string) {
      fontPx = Number(/(\d+)px/.exec(v)?.[1] ?? 10)
    },
    fillRect: () => undefined,
    fillText: (t: string) => texts.push(t),
    measureText: (t: string) => ({ width: Array.from(t).length * fontPx }),
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    arcTo: () => undefined,
    closePath: () => undefined,
    fill: () => undefined,
    save: () => undefined,
    restore: () => undefined,
    scale: () => undefined,
    drawImage: (img: { src: string }, x: number, y: number, w: number, h: number) => images.push({ src: img.src, x, y, w, h }),
  }
  const canvas = {
    width,
    height,
    getContext: (kind: string) => (kind === '2d' ? ctx : null),
    // WeChat's canvas image: loads asynchronously, then onload.
    createImage: () => {
      const img = { src: '', onload: () => undefined as void, onerror: () => undefined as void }
      return new Proxy(img, {
        set(target, key, value) {
          ;(target as Record<string | symbol, unknown>)[key] = value
          if (key === 'src') setTimeout(() => target.onload(), 0)
          return true
        },
      })
    },
  }
  return { canvas, texts, images }
}

type Recorded = ReturnType<typeof recordingCanvas>

/** Replaces the simulator's canvas APIs on the wx object Taro was built over. */
function installCanvas() {
  const canvases: Array<Recorded & { options: { width: number; height: number; type: string } }> = []
  const exported: unknown[] = []
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  wx.createOffscreenCanvas = (options: { width: number; height: number; type: string }) => {
    const c = recordingCanvas(options.width, options.height)
    canvases.push({ ...c, options })
    return c.canvas
  }
  wx.canvasToTempFilePath = (options: { canvas: unknown; fileType?: string; success?: (r: unknown) => void }) => {
    exported.push(options.canvas)
    setTimeout(() => options.success?.({ tempFilePath: `wxfile://tmp/canvas-${exported.length}.png`, errMsg: 'canvasToTempFilePath:ok' }), 0)
  }
  return { canvases, exported }
}

function expectNoPrivateData(text: string) {
  expect(text).not.toContain(NAME)
  expect(text).not.toContain(BUILDING)
  expect(text).not.toContain(ROOM)
  expect(text).not.toContain('user-beneficiary')
  expect(text).not.toContain('cloud://')
  const digits = text.replace(/\D/g, '')
  for (let i = 0; i + 7 <= PHONE.length; i++) expect(digits).not.toContain(PHONE.slice(i, i + 7))
}

/** The grid worker's view: everything private is in the answer, which is what must not travel. */
const staffDetail = {
  ...card,
  id: 'wish-radio',
  title: '想要一台收音机',
  category: '孤寡老人',
  beneficiary: '王**（孤寡老人）',
  view: 'staff',
  details: '老人一个人住，想听戏曲频道。',
  contact: { name: '张敏', phone: '13900001111' },
  claim: null,
  delivery: null,
  confirmation: null,
  rating: null,
  reason: null,
  serviceHours: null,
  private: {
    beneficiary: { name: NAME, phone: PHONE, buildingId: 'org-beimen-b1', buildingName: BUILDING, room: ROOM, userId: 'user-beneficiary' },
    photos: ['cloud://env/wishes/door/1.jpg'],
    consent: { method: 'verbal', at: '2026-11-20T02:00:00.000Z' },
    visit: { at: '2026-11-20T03:00:00.000Z', note: `已入户，${NAME}确需收音机`, byName: '张敏' },
    author: { name: '张敏', as: 'grid_worker' },
  },
  history: [],
  claimDeadline: null,
  can: { light: false, giveUp: false, deliver: false, confirm: false, rate: false, edit: false, resubmit: false, verify: false, publish: false, reject: false, takeDown: true, revokeClaim: false },
  share: {
    title: '点亮微心愿：想要一台收音机',
    path: '/packages/wishes/pages/detail/index?id=wish-radio&from=share',
    imageFields: { title: '想要一台收音机', category: '孤寡老人', communityName: '北门社区', beneficiary: '王**（孤寡老人）', progress: '待点亮', action: '点亮这个心愿' },
  },
}

const gridWorker = { ...admin, id: 'user-demo-grid', displayName: '张敏', roles: [{ kind: 'resident', label: '居民' }, { kind: 'grid_worker', label: '网格员', scopeId: 'org-beimen-g1', scopeName: '北门第一网格' }], activeRole: 'grid_worker' }

test('the wish page shares title, path and a drawn 5:4 image, and none of them carries the beneficiary’s name, phone or address', async () => {
  const cloud = cloudDouble((c: CloudCall) => {
    if (c.name === 'users') return { code: 0, data: gridWorker }
    if (c.name === 'wishes') return { code: 0, data: staffDetail }
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
  const { openPage } = bootApp(cloud.api)
  const drawn = installCanvas()
  const page = openPage('packages/wishes/pages/detail/index', { id: 'wish-radio' })
  // The staff page shows the full name (that is its job); the share must not carry it.
  await eventually(() => expect(page.dom.textContent).toContain(NAME))

  const instance = page.instance as { onShareAppMessage: (o: unknown) => { title: string; path: string; imageUrl?: string } }
  const shared = await eventually(() => {
    const answer = instance.onShareAppMessage({ from: 'menu' })
    expect(answer.imageUrl).toBeTruthy()
    return answer
  })
  expect(shared).toEqual({ title: '点亮微心愿：想要一台收音机', path: '/packages/wishes/pages/detail/index?id=wish-radio&from=share', imageUrl: 'wxfile://tmp/canvas-1.png' })

  // The image: one offscreen 2d canvas at 2× of 500×400 (5:4), exported as drawn.
  expect(drawn.canvases).toHaveLength(1)
  const [share] = drawn.canvases
  expect(share.options).toEqual({ type: '2d', width: 1000, height: 800 })
  expect(drawn.exported).toEqual([share.canvas])
  expect(share.texts).toEqual(['微心愿', '北门社区', '想要一台收音机', '王**（孤寡老人）', '待点亮', '点亮这个心愿'])

  expectNoPrivateData(JSON.stringify(shared))
  expectNoPrivateData(share.texts.join('\n'))
})

test('the poster page requests the wish’s code, draws it under the card and shows the poster to save', async () => {
  const CODE = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
  const cloud = cloudDouble((c: CloudCall) => {
    const action = (c.data as { action: string }).action
    if (c.name === 'users') return { code: 0, data: gridWorker }
    if (c.name === 'wishes' && action === 'get') return { code: 0, data: staffDetail }
    if (c.name === 'wishes' && action === 'posterCode') return { code: 0, data: { scene: 'w:wish-radio', page: 'packages/wishes/pages/detail/index', imageBase64: CODE, contentType: 'image/png' } }
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
  const { openPage } = bootApp(cloud.api)
  const drawn = installCanvas()
  const page = openPage('packages/wishes/pages/poster/index', { id: 'wish-radio' })

  await eventually(() => expect(page.dom.textContent).toContain('保存海报'))
  expect(cloud.calls.filter((c) => c.name === 'wishes').map((c) => c.data)).toEqual([
    { action: 'get', id: 'wish-radio' },
    { action: 'posterCode', id: 'wish-radio' },
  ])
  expect(page.dom.textContent).not.toContain('正在生成海报')
  // The poster's <image> shows the exported file (its src lives in the page data Taro renders from).
  const poster = drawn.canvases.find((c) => c.options.height === 1520)!
  const file = `wxfile://tmp/canvas-${drawn.exported.indexOf(poster.canvas) + 1}.png`
  expect(page.dom.querySelector('wx-image.main--poster-page__image')).toBeTruthy()
  expect(JSON.stringify((page.instance as { data: unknown }).data)).toContain(file)

  expect(poster.options).toEqual({ type: '2d', width: 1000, height: 1520 })
  expect(poster.images).toEqual([{ src: `data:image/png;base64,${CODE}`, x: 130, y: 420, w: 240, h: 240 }])
  expect(poster.texts).toEqual(['微心愿', '北门社区', '想要一台收音机', '王**（孤寡老人）', '待点亮', '点亮这个心愿', '长按识别小程序码，一起点亮心愿'])
  expect(drawn.exported).toContain(poster.canvas)
  expectNoPrivateData(poster.texts.join('\n'))
})

test('点亮 on WeChat: the subscription panel (release, confirmation; the build’s ids) opens inside the tap, before the light call', async () => {
  const member = { ...admin, id: 'user-demo-member', displayName: '李建国', roles: [{ kind: 'resident', label: '居民' }, { kind: 'member', label: '在职党员' }], activeRole: 'member' }
  const events: string[] = []
  const publicDetail = { ...staffDetail, view: 'public', contact: null, private: null, can: { ...staffDetail.can, takeDown: false, light: true } }
  const cloud = cloudDouble((c: CloudCall) => {
    const action = (c.data as { action: string }).action
    if (c.name === 'users') return { code: 0, data: member }
    if (c.name === 'wishes') {
      events.push(`wishes.${action}`)
      if (action === 'light') return { code: 0, data: { ...publicDetail, view: 'claimer', state: 'lit', stateLabel: '已点亮', progress: '已点亮', can: { ...publicDetail.can, light: false } } }
      return { code: 0, data: publicDetail }
    }
    return { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' }
  })
  const { openPage } = bootApp(cloud.api)
  installCanvas()
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx
  wx.requestSubscribeMessage = (o: { tmplIds: string[]; success?: (r: unknown) => void }) => {
    events.push(`subscribe ${o.tmplIds.join(',')}`)
    // The person refuses: the light still goes through.
    setTimeout(() => o.success?.({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds.map((id) => [id, 'reject'])) }), 0)
  }
  const page = openPage('packages/wishes/pages/detail/index', { id: 'wish-radio' })
  await eventually(() => expect(page.dom.textContent).toContain('点亮这个心愿'))
  const button = page.querySelectorAll('.wish-detail__button--primary').find((b: { dom: Element }) => b.dom.textContent === '点亮这个心愿')
  button.dispatchEvent('tap')
  // j-component delivers the tap in the next microtask; the panel is asked for within that same
  // turn (WeChat opens it only from a user gesture), nothing awaited before it.
  await Promise.resolve()
  expect(events).toEqual(['wishes.get', 'subscribe lianxin-wish-released,lianxin-wish-confirmed'])
  await eventually(() => expect(page.dom.textContent).toContain('已点亮'))
  expect(events).toEqual(['wishes.get', 'subscribe lianxin-wish-released,lianxin-wish-confirmed', 'wishes.light'])
})
