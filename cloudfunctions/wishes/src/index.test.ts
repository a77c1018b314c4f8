/**
 * The wishes function through the runner against the emulator, on the seeded demo county
 * (server/local/demo.ts): 张敏 (demo-grid) is the grid worker of 北门第一网格 (北门花园1栋, 2栋),
 * 陈书记 (demo-community-admin) the 北门社区 admin, 李建国 (demo-member) a registered member,
 * 王秀英 (demo-resident) a resident of 北门花园1栋, 周书记 (demo-chengnan-admin) admin of 城南社区.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { startTestStack, type TestStack } from '../../../server/testing/stack'
import { wxacodeText } from '../../../server/emulator/openapi'
import { wishIdFromScene, wishQrScene } from '../../../domain/wishes/qr'

jest.setTimeout(120_000)

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
  // Members and a caring citizen of our own, so the demo's 李建国 is not used up.
  await addMembers('m', 5)
  DOOR_PHOTO = upload('wishes/door-1.jpg', JPEG)
  DELIVERY_PHOTO = upload('wishes/delivered.jpg', JPEG)
  await stack.emulator.db.collection('users').insertMany([
    { _id: 'user-citizen', openid: 'citizen', name: '孙爱心', phone: '13700000001', roles: [{ kind: 'caring_citizen' }], createdAt: new Date(), updatedAt: new Date() },
  ])
}, 180_000)

afterAll(async () => {
  await stack?.close()
})

/** A real JPEG header (the function reads the first bytes of every photo from storage). */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(2000)])
let DOOR_PHOTO = ''
let DELIVERY_PHOTO = ''

function upload(cloudPath: string, bytes: Buffer, contentType = 'image/jpeg'): string {
  return stack.emulator.storage.put(cloudPath, bytes, { contentType }).fileID
}

const photo = (fileId = DELIVERY_PHOTO) => ({ fileId, mime: 'image/jpeg', bytes: 2010 })
const outboxFor = (openid: string) => stack.outbox({ touser: openid })

/** `n` registered members of 北门社区 (县水利局), openids `${prefix}0…`. */
async function addMembers(prefix: string, n: number) {
  const now = new Date()
  const users = []
  const regs = []
  for (let i = 0; i < n; i++) {
    users.push({ _id: `user-${prefix}${i}`, openid: `${prefix}${i}`, name: `党员${prefix}${i}`, phone: `1360000${String(i).padStart(4, '0')}`, roles: [], liveRegistrationId: `reg-${prefix}${i}`, createdAt: now, updatedAt: now })
    regs.push({
      _id: `reg-${prefix}${i}`, userId: `user-${prefix}${i}`, name: `党员${prefix}${i}`, phone: `1360000${String(i).padStart(4, '0')}`, state: 'registered',
      unitId: 'unit-water-bureau', unitName: '县水利局', communityId: 'org-beimen', communityName: '北门社区', history: [], createdAt: now, updatedAt: now,
    })
  }
  await stack.emulator.db.collection('registrations').insertMany(regs)
  await stack.emulator.db.collection('users').insertMany(users)
}

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('wishes', { action, ...input }, openid)
const wishDoc = (id: string) => stack.emulator.db.collection('wishes').findOne({ _id: id }) as any

let keyCounter = 0
const newKey = () => `testdevice01-${++keyCounter}`

const intake = (over: Record<string, unknown> = {}) => ({
  key: newKey(),
  for: 'household',
  title: '想要一个电饭煲',
  details: '家里的电饭煲坏了很久，老人做饭不方便。',
  estimatedValue: 150,
  category: '孤寡老人',
  beneficiaryName: '李秀兰',
  beneficiaryPhone: '13912345678',
  buildingId: 'org-beimen-b1',
  room: '2单元301',
  photos: [photo(DOOR_PHOTO)],
  consent: { method: 'verbal', at: '2026-11-20T02:00:00.000Z' },
  ...over,
})

/** A wish taken from intake to `published` by the right people; answers its id. */
async function published(over: Record<string, unknown> = {}): Promise<string> {
  const s = await call('submit', intake(over), 'demo-grid')
  expect(s.result.code).toBe(0)
  const id = s.result.data.id
  const v = await call('verify', { id, visit: { at: new Date(Date.now() - 60_000).toISOString(), note: '入户走访，情况属实' } }, 'demo-grid')
  expect(v.result.code).toBe(0)
  const p = await call('publish', { id }, 'demo-community-admin')
  expect(p.result).toMatchObject({ code: 0 })
  return id
}

async function lit(openid = 'm0'): Promise<string> {
  const id = await published()
  const l = await call('light', { id }, openid)
  expect(l.result.code).toBe(0)
  return id
}

describe('submit', () => {
  test('the grid worker submits for a household: stored submitted with the private sub-document and the first history entry', async () => {
    const { result, roundTrips } = await call('submit', intake(), 'demo-grid')
    expect(result).toMatchObject({ code: 0, data: { state: 'submitted', replayed: false } })
    // caller + building, community, photo check in storage, insert
    expect(roundTrips).toBe(4)
    const doc = wishDoc(result.data.id)
    expect(doc).toMatchObject({
      communityId: 'org-beimen',
      communityName: '北门社区',
      lineage: ['org-longmen', 'org-longcheng', 'org-beimen', 'org-beimen-garden', 'org-beimen-grid-1', 'org-beimen-b1'],
      beneficiary: { name: '李秀兰', phone: '13912345678', category: '孤寡老人', buildingId: 'org-beimen-b1', buildingName: '北门花园1栋', room: '2单元301' },
      author: { userId: 'user-demo-grid', name: '张敏', as: 'grid_worker' },
      contact: { userId: 'user-demo-grid', name: '张敏', phone: '13800001003' },
      state: 'submitted',
      onWall: false,
      photos: [{ fileId: DOOR_PHOTO, mime: 'image/jpeg', bytes: JPEG.length }],
    })
    expect(doc.history).toEqual([expect.objectContaining({ verb: 'submit', from: 'draft', to: 'submitted', by: 'user-demo-grid', byName: '张敏' })])
  })

  test('the same key delivered five times (one at a time and at once) makes one wish and answers the first', async () => {
    const input = intake()
    const first = await call('submit', input, 'demo-grid')
    const again = await call('submit', input, 'demo-grid')
    const burst = await Promise.all([1, 2, 3].map(() => call('submit', { ...input, title: '内容变了也一样' }, 'demo-grid')))
    for (const r of [again, ...burst]) expect(r.result).toEqual({ code: 0, data: { id: first.result.data.id, state: 'submitted', replayed: true } })
    expect(stack.emulator.db.collection('wishes').count({ intakeKey: input.key })).toBe(1)
    expect(wishDoc(first.result.data.id).title).toBe('想要一个电饭煲')
  })

  test('a resident writes their own wish; the grid worker of the building is the contact', async () => {
    const { result } = await call('submit', intake({ for: 'self', beneficiaryName: '王秀英', beneficiaryPhone: undefined, consent: { method: 'self', at: '2026-11-20T02:00:00.000Z' } }), 'demo-resident')
    expect(result.code).toBe(0)
    const doc = wishDoc(result.data.id)
    expect(doc.author).toMatchObject({ userId: 'user-demo-resident', as: 'beneficiary' })
    expect(doc.beneficiary).toMatchObject({ name: '王秀英', userId: 'user-demo-resident' })
    expect(doc.contact).toMatchObject({ userId: 'user-demo-grid', name: '张敏' })
  })

  test('refusals: precise code, nothing written', async () => {
    const before = stack.emulator.db.collection('wishes').count({})
    const cases: [Record<string, unknown>, string, string][] = [
      [{ key: 'bad key!' }, 'demo-grid', 'WISH.BAD_KEY'],
      [{ title: '   ' }, 'demo-grid', 'WISH.TEXT_EMPTY'],
      [{ title: '长'.repeat(31) }, 'demo-grid', 'WISH.TEXT_TOO_LONG'],
      [{ details: '太短' }, 'demo-grid', 'WISH.TEXT_EMPTY'],
      [{ details: '详'.repeat(501) }, 'demo-grid', 'WISH.TEXT_TOO_LONG'],
      [{ title: '请打13912345678' }, 'demo-grid', 'WISH.PRIVATE_INFO'],
      [{ details: '李秀兰老人想要一个电饭煲' }, 'demo-grid', 'WISH.PRIVATE_INFO'],
      [{ estimatedValue: 5000 }, 'demo-grid', 'WISH.VALUE_OUT_OF_RANGE'],
      [{ category: '富人' }, 'demo-grid', 'WISH.BAD_CATEGORY'],
      [{ photos: [{ fileId: DOOR_PHOTO, mime: 'application/pdf', bytes: 100 }] }, 'demo-grid', 'WISH.BAD_PHOTO'],
      [{ photos: [{ fileId: DOOR_PHOTO, mime: 'image/jpeg', bytes: 6 * 1024 * 1024 }] }, 'demo-grid', 'WISH.BAD_PHOTO'],
      // What the device claims does not count: a PDF renamed .jpg, a file that was never uploaded, one really over 5 MB.
      [{ photos: [photo(upload('wishes/fake.jpg', Buffer.from('%PDF-1.4 not an image at all')))] }, 'demo-grid', 'WISH.BAD_PHOTO'],
      [{ photos: [photo(DOOR_PHOTO.replace('door-1', 'never-uploaded'))] }, 'demo-grid', 'WISH.BAD_PHOTO'],
      [{ photos: [photo(upload('wishes/huge.jpg', Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)])))] }, 'demo-grid', 'WISH.BAD_PHOTO'],
      [{ photos: Array.from({ length: 7 }, () => photo(DOOR_PHOTO)) }, 'demo-grid', 'WISH.TOO_MANY_PHOTOS'],
      [{ consent: null }, 'demo-grid', 'WISH.CONSENT_REQUIRED'],
      [{ buildingId: 'org-nowhere' }, 'demo-grid', 'ORG.UNKNOWN_NODE'],
      [{ buildingId: 'org-chengnan-b1' }, 'demo-grid', 'AUTH.FORBIDDEN'],
      [{}, 'demo-member', 'AUTH.FORBIDDEN'],
      [{}, 'never-seen', 'AUTH.FORBIDDEN'],
    ]
    for (const [over, openid, code] of cases) {
      const { result } = await call('submit', intake(over), openid)
      expect({ over, code: result.code }).toEqual({ over, code })
      expect(typeof result.message).toBe('string')
    }
    expect(stack.emulator.db.collection('wishes').count({})).toBe(before)
  })
})

describe('review', () => {
  test('queue, edit, verify, publish: each by the right person, each step in the history', async () => {
    const { result: s } = await call('submit', intake(), 'demo-grid')
    const id = s.data.id
    const queue = await call('reviewQueue', { communityId: 'org-beimen' }, 'demo-community-admin')
    expect(queue.roundTrips).toBe(1)
    expect(queue.result.data.items.map((i: { id: string }) => i.id)).toContain(id)
    expect(queue.result.data.items.find((i: { id: string }) => i.id === id)).toMatchObject({ beneficiaryName: '李秀兰', authorName: '张敏', hasVisit: false })
    expect((await call('reviewQueue', { communityId: 'org-beimen' }, 'demo-chengnan-admin')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('reviewQueue', { communityId: 'org-beimen' }, 'm0')).result.code).toBe('AUTH.FORBIDDEN')

    const edited = await call('edit', { id, title: '想要一个新电饭煲' }, 'demo-community-admin')
    expect(edited.result).toMatchObject({ code: 0, data: { title: '想要一个新电饭煲', state: 'submitted' } })
    expect((await call('edit', { id, title: '改' }, 'demo-community-admin')).result.code).toBe('WISH.TEXT_EMPTY')
    expect((await call('edit', { id, title: '改个标题吧' }, 'demo-grid')).result.code).toBe('AUTH.FORBIDDEN')

    expect((await call('publish', { id }, 'demo-community-admin')).result.code).toBe('WISH.INVALID_TRANSITION')
    expect((await call('verify', { id, visit: { at: new Date(Date.now() + 3_600_000).toISOString(), note: '入户走访' } }, 'demo-grid')).result.code).toBe('WISH.VISIT_REQUIRED')
    expect((await call('verify', { id, visit: { at: new Date().toISOString(), note: '入户走访' } }, 'demo-chengnan-admin')).result.code).toBe('AUTH.FORBIDDEN')
    const verified = await call('verify', { id, visit: { at: new Date(Date.now() - 60_000).toISOString(), note: '入户走访，情况属实' } }, 'demo-grid')
    expect(verified.result).toMatchObject({ code: 0, data: { state: 'verified', view: 'staff' } })
    expect(verified.roundTrips).toBe(2)

    expect((await call('publish', { id }, 'demo-grid')).result.code).toBe('AUTH.FORBIDDEN')
    const sentBefore = outboxFor('demo-grid').length
    const pub = await call('publish', { id, serviceHours: 3 }, 'demo-community-admin')
    expect(pub.result).toMatchObject({ code: 0, data: { state: 'published', serviceHours: 3 } })
    // The writer (张敏) is told; nobody tells the admin about their own act.
    expect(outboxFor('demo-grid')).toHaveLength(sentBefore + 1)
    expect(outboxFor('demo-grid')[0]).toMatchObject({ templateId: 'lianxin-wish-published', data: { thing1: { value: '想要一个新电饭煲' } } })
    expect(outboxFor('demo-community-admin')).toHaveLength(0)
    const doc = wishDoc(id)
    expect(doc).toMatchObject({ state: 'published', onWall: true, wallTab: 'open', serviceHours: 3 })
    expect(doc.history.map((h: { verb: string }) => h.verb)).toEqual(['submit', 'edit', 'verify', 'publish'])
    expect(doc.history[3]).toMatchObject({ from: 'verified', to: 'published', by: 'user-demo-community-admin', byName: '陈红' })
  })

  test('publish refuses risky text (msgSecCheck) with WISH.CONTENT_RISKY and changes nothing', async () => {
    const { result: s } = await call('submit', intake({ details: '家里缺一个电饭煲，测试违规词。' }), 'demo-grid')
    const id = s.data.id
    await call('verify', { id, visit: { at: new Date(Date.now() - 60_000).toISOString(), note: '入户走访' } }, 'demo-grid')
    const before = wishDoc(id)
    const { result } = await call('publish', { id }, 'demo-community-admin')
    expect(result).toMatchObject({ code: 'WISH.CONTENT_RISKY', details: { field: 'details' } })
    expect(result.message).toContain('心愿详情')
    expect(wishDoc(id)).toEqual(before)
  })

  test('reject with a reason; the writer resubmits it corrected', async () => {
    const { result: s } = await call('submit', intake(), 'demo-grid')
    const id = s.data.id
    expect((await call('reject', { id, reason: '' }, 'demo-community-admin')).result.code).toBe('WISH.REASON_REQUIRED')
    expect((await call('reject', { id, reason: '原因'.repeat(101) }, 'demo-community-admin')).result.code).toBe('WISH.TEXT_TOO_LONG')
    const r = await call('reject', { id, reason: '请写清楚需要什么型号' }, 'demo-community-admin')
    expect(r.result).toMatchObject({ code: 0, data: { state: 'rejected', reason: '请写清楚需要什么型号' } })
    const mineAuthor = await call('get', { id }, 'demo-grid')
    expect(mineAuthor.result.data).toMatchObject({ reason: '请写清楚需要什么型号', can: { resubmit: true } })
    expect((await call('get', { id }, 'm0')).result.code).toBe('WISH.NOT_FOUND')
    const again = await call('resubmit', { id, title: '想要一个三升电饭煲' }, 'demo-grid')
    expect(again.result).toMatchObject({ code: 0, data: { state: 'submitted', title: '想要一个三升电饭煲' } })
    expect(wishDoc(id).history.map((h: { verb: string }) => h.verb)).toEqual(['submit', 'reject', 'resubmit'])
  })

  test('take down: only the community admin, with a reason; then off the wall', async () => {
    const id = await published()
    expect((await call('takeDown', { id, reason: '重复' }, 'demo-grid')).result.code).toBe('AUTH.FORBIDDEN')
    const t = await call('takeDown', { id, reason: '与另一条心愿重复' }, 'demo-community-admin')
    expect(t.result).toMatchObject({ code: 0, data: { state: 'taken_down' } })
    expect(wishDoc(id)).toMatchObject({ onWall: false, wallTab: null, reason: '与另一条心愿重复' })
    expect((await call('light', { id }, 'm1')).result.code).toBe('WISH.NOT_PUBLISHED')
  })
})

describe('lighting', () => {
  test('a member lights it in 2 database round trips (+1 message to the grid worker); the claim names the registration', async () => {
    const id = await published()
    const { result, roundTrips } = await call('light', { id }, 'm0')
    expect(result).toMatchObject({ code: 0, data: { state: 'lit', view: 'claimer', claim: { name: '党员m0', kind: 'member', mine: true }, contact: { name: '张敏', phone: '13800001003' } } })
    expect(roundTrips).toBe(3)
    const message = outboxFor('demo-grid')[0]
    expect(message).toMatchObject({ templateId: 'lianxin-wish-lit', page: `packages/wishes/pages/detail/index?id=${id}`, data: { phrase2: { value: '已被点亮' } } })
    const doc = wishDoc(id)
    expect(doc.claim).toMatchObject({ userId: 'user-m0', kind: 'member', openid: 'm0', registration: { id: 'reg-m0', communityId: 'org-beimen', unitId: 'unit-water-bureau' } })
    expect(doc.history.filter((h: { verb: string }) => h.verb === 'light')).toHaveLength(1)
    // The claimer never gets the beneficiary's phone or address.
    const text = JSON.stringify(result.data)
    expect(text).not.toContain('13912345678')
    expect(text).not.toContain('2单元301')
    expect(text).not.toContain('李秀兰')
  })

  test('refusals: own wish, unpublished, not eligible, already claimed; nothing written', async () => {
    const id = await published()
    const { result: own } = await call('submit', intake({ for: 'self', beneficiaryName: '王秀英', beneficiaryPhone: undefined }), 'demo-resident')
    const submittedOnly = own.data.id
    expect((await call('light', { id: submittedOnly }, 'm1')).result.code).toBe('WISH.NOT_PUBLISHED')
    expect((await call('light', { id }, 'demo-resident')).result.code).toBe('WISH.NOT_ELIGIBLE')
    expect((await call('light', { id }, 'never-seen')).result.code).toBe('WISH.NOT_ELIGIBLE')
    expect((await call('light', { id: 'nope' }, 'm1')).result.code).toBe('WISH.NOT_FOUND')
    expect(wishDoc(id).state).toBe('published')
    await call('light', { id }, 'm1')
    const second = await call('light', { id }, 'm2')
    expect(second.result).toMatchObject({ code: 'WISH.ALREADY_CLAIMED', message: '这个心愿已经被其他人点亮了，去看看别的心愿吧' })
    expect(wishDoc(id).claim.userId).toBe('user-m1')
  })

  test('a member cannot light a wish written for themself', async () => {
    // 党员m4 writes their own wish as a resident; once published they may not light it.
    const { result } = await call('submit', intake({ for: 'self', beneficiaryName: '党员本人', beneficiaryPhone: undefined }), 'm4')
    const id = result.data.id
    await call('verify', { id, visit: { at: new Date(Date.now() - 60_000).toISOString(), note: '入户走访' } }, 'demo-grid')
    await call('publish', { id }, 'demo-community-admin')
    expect((await call('light', { id }, 'm4')).result.code).toBe('WISH.OWN_WISH')
    expect(wishDoc(id).state).toBe('published')
  })

  test('contention: 200 different members light one wish at once: exactly one wins, 199 get WISH.ALREADY_CLAIMED', async () => {
    await addMembers('race', 200)
    const id = await published()
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => call('light', { id }, `race${i}`)))
    const winners = results.filter((r) => r.result.code === 0)
    const losers = results.filter((r) => r.result.code === 'WISH.ALREADY_CLAIMED')
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(199)
    const doc = wishDoc(id)
    expect(doc.state).toBe('lit')
    expect(doc.claim.userId).toBe(`user-${winners[0].result.data.claim.name.replace('党员', '')}`)
    expect(doc.history.filter((h: { verb: string }) => h.verb === 'light')).toHaveLength(1)
    // The ledger stays consistent: delivered and confirmed once, one row for the one winner.
    const winner = doc.claim.userId.replace('user-', '')
    await call('deliver', { id, photos: [photo()] }, winner)
    await Promise.all([call('confirm', { id }, 'demo-grid'), call('confirm', { id }, 'demo-grid')])
    expect(stack.emulator.db.collection('service_hours').find({ 'source.id': id })).toEqual([expect.objectContaining({ userId: doc.claim.userId, hours: 2 })])
  })
})

describe('after lighting', () => {
  test('give up: only the claimer; back on the wall without a claimer', async () => {
    const id = await lit('m1')
    expect((await call('giveUp', { id }, 'm2')).result.code).toBe('WISH.NOT_CLAIMER')
    const g = await call('giveUp', { id, reason: '临时出差' }, 'm1')
    expect(g.result).toMatchObject({ code: 0, data: { state: 'published', claim: null } })
    expect(wishDoc(id)).toMatchObject({ state: 'published', claim: null, wallTab: 'open' })
    expect((await call('light', { id }, 'm2')).result.code).toBe(0)
  })

  test('revoke: the community admin with a reason; the claimer is told', async () => {
    const id = await lit('m1')
    expect((await call('revokeClaim', { id, reason: '长期未联系' }, 'demo-grid')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('revokeClaim', { id, reason: '' }, 'demo-community-admin')).result.code).toBe('WISH.REASON_REQUIRED')
    const r = await call('revokeClaim', { id, reason: '长期未联系受助人' }, 'demo-community-admin')
    expect(r.result).toMatchObject({ code: 0, data: { state: 'published', claim: null } })
    const last = wishDoc(id).history.at(-1)
    expect(last).toMatchObject({ verb: 'revokeClaim', from: 'lit', to: 'published', reason: '长期未联系受助人', claimerId: 'user-m1' })
    expect(outboxFor('m1')[0]).toMatchObject({ templateId: 'lianxin-wish-released', data: { phrase2: { value: '认领已撤销' }, thing3: { value: '长期未联系受助人' } } })
  })

  test('deliver with a photo, confirm (ledger once), rate; strangers refused at each step', async () => {
    const id = await lit('m2')
    expect((await call('deliver', { id, photos: [] }, 'm2')).result.code).toBe('WISH.PHOTO_REQUIRED')
    expect((await call('deliver', { id, photos: [{ fileId: DELIVERY_PHOTO, mime: 'image/gif', bytes: 10 }] }, 'm2')).result.code).toBe('WISH.BAD_PHOTO')
    expect((await call('deliver', { id, photos: [photo()] }, 'm3')).result.code).toBe('WISH.NOT_CLAIMER')
    expect((await call('deliver', { id, photos: [photo(upload('wishes/fake2.jpg', Buffer.from('GIF89a pretending')))] }, 'm2')).result.code).toBe('WISH.BAD_PHOTO')
    expect(wishDoc(id).state).toBe('lit')
    const d = await call('deliver', { id, photos: [photo()], note: '已送到家中' }, 'm2')
    expect(d.result).toMatchObject({ code: 0, data: { state: 'delivered', delivery: { photos: [DELIVERY_PHOTO], note: '已送到家中' } } })
    // The grid worker hears of the delivery.
    expect(outboxFor('demo-grid')[0]).toMatchObject({ templateId: 'lianxin-wish-delivered', data: { thing1: { value: '想要一个电饭煲' }, phrase2: { value: '已送达' } } })

    for (const openid of ['m2', 'm3', 'demo-community-admin', 'demo-resident']) {
      expect((await call('confirm', { id }, openid)).result.code).toBe('WISH.NOT_RELATED')
    }
    expect(stack.emulator.db.collection('service_hours').count({ 'source.id': id })).toBe(0)
    const c = await call('confirm', { id }, 'demo-grid')
    expect(c.result).toMatchObject({ code: 0, data: { state: 'confirmed', confirmation: { as: 'grid_worker', byName: '张敏' } } })
    expect((await call('confirm', { id }, 'demo-grid')).result.code).toBe('WISH.INVALID_TRANSITION')
    const rows = stack.emulator.db.collection('service_hours').find({ 'source.id': id })
    expect(rows).toEqual([
      expect.objectContaining({ userId: 'user-m2', registrationId: 'reg-m2', communityId: 'org-beimen', unitId: 'unit-water-bureau', hours: 2, source: { kind: 'wish', id } }),
    ])

    expect((await call('rate', { id, stars: 6 }, 'demo-grid')).result.code).toBe('WISH.BAD_RATING')
    expect((await call('rate', { id, stars: 5 }, 'm2')).result.code).toBe('WISH.NOT_RELATED')
    const r = await call('rate', { id, stars: 5, thanks: '谢谢你们' }, 'demo-grid')
    expect(r.result).toMatchObject({ code: 0, data: { state: 'rated', rating: { stars: 5, thanks: '谢谢你们' } } })
    expect(wishDoc(id).history.map((h: { verb: string }) => h.verb)).toEqual(['submit', 'verify', 'publish', 'light', 'deliver', 'confirm', 'rate'])
  })

  test('没收到: the grid worker says the delivery did not arrive in 2 database round trips + 1 message to the claimer; the claimer delivers again', async () => {
    const id = await lit('m3')
    expect((await call('deliver', { id, photos: [photo()], note: '放在门口了' }, 'm3')).result.code).toBe(0)
    const releaseAt = wishDoc(id).claim.releaseAt
    const before = JSON.stringify(wishDoc(id))
    // Refused with precise codes, nothing written: the claimer, a resident who is not the
    // beneficiary, the community admin (not related), someone never seen; and no reason.
    for (const openid of ['m3', 'demo-resident', 'demo-community-admin']) {
      const refused = await call('disputeDelivery', { id, reason: '没有收到' }, openid)
      expect(refused.result).toMatchObject({ code: 'WISH.NOT_RELATED', message: '只有受助人或负责的网格员可以说明没有收到' })
    }
    expect((await call('disputeDelivery', { id, reason: '没有收到' }, 'never-seen')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('disputeDelivery', { id, reason: ' ' }, 'demo-grid')).result.code).toBe('WISH.REASON_REQUIRED')
    expect((await call('disputeDelivery', { id }, 'demo-grid')).result.code).toBe('REQUEST.INVALID')
    expect(JSON.stringify(wishDoc(id))).toBe(before)

    const sentBefore = outboxFor('m3').length
    const d = await call('disputeDelivery', { id, reason: '老人说没有收到电饭煲' }, 'demo-grid')
    expect(d.roundTrips).toBe(3)
    expect(d.result).toMatchObject({ code: 0, data: { state: 'lit', delivery: null, claim: { name: '党员m3' } } })
    expect(d.result.data.history.at(-1)).toMatchObject({ verb: 'disputeDelivery', label: '未收到', from: 'delivered', to: 'lit', byName: '张敏', reason: '老人说没有收到电饭煲' })
    const doc = wishDoc(id)
    // Same claim, same deadline: a dispute gives no extra days. The disputed delivery stays on record.
    expect(doc).toMatchObject({ state: 'lit', delivery: null, wallTab: 'lit', claim: { userId: 'user-m3' } })
    expect(doc.claim.releaseAt).toEqual(releaseAt)
    expect(doc.history.at(-1)).toMatchObject({ verb: 'disputeDelivery', by: 'user-demo-grid', reason: '老人说没有收到电饭煲', disputed: { note: '放在门口了', photos: [photo()] } })
    expect(outboxFor('m3')).toHaveLength(sentBefore + 1)
    expect(outboxFor('m3').at(-1)).toMatchObject({ templateId: 'lianxin-wish-confirmed', data: { thing1: { value: '想要一个电饭煲' }, phrase2: { value: '未收到' }, thing3: { value: '老人说没有收到电饭煲' } } })

    // The claimer sees why and delivers again; twice the same dispute is refused by the state.
    const seen = await call('get', { id }, 'm3')
    expect(seen.result.data.history.at(-1)).toMatchObject({ label: '未收到', reason: '老人说没有收到电饭煲' })
    expect(seen.result.data.can).toMatchObject({ deliver: true, disputeDelivery: false })
    expect((await call('disputeDelivery', { id, reason: '没有收到' }, 'demo-grid')).result.code).toBe('WISH.INVALID_TRANSITION')
    expect((await call('deliver', { id, photos: [photo()], note: '当面交给老人' }, 'm3')).result).toMatchObject({ code: 0, data: { state: 'delivered' } })
    expect((await call('confirm', { id }, 'demo-grid')).result.code).toBe(0)
    expect(wishDoc(id).history.map((h: { verb: string }) => h.verb)).toEqual(['submit', 'verify', 'publish', 'light', 'deliver', 'disputeDelivery', 'deliver', 'confirm'])
  })

  test('没收到 by the beneficiary with an account, on their own wish', async () => {
    const { result } = await call('submit', intake({ for: 'self', beneficiaryName: '王秀英', beneficiaryPhone: undefined, consent: { method: 'self', at: '2026-11-20T02:00:00.000Z' } }), 'demo-resident')
    const id = result.data.id
    await call('verify', { id, visit: { at: new Date(Date.now() - 60_000).toISOString(), note: '入户走访' } }, 'demo-grid')
    expect((await call('publish', { id }, 'demo-community-admin')).result.code).toBe(0)
    expect((await call('light', { id }, 'm4')).result.code).toBe(0)
    expect((await call('deliver', { id, photos: [photo()] }, 'm4')).result.code).toBe(0)
    expect((await call('get', { id }, 'demo-resident')).result.data.can).toMatchObject({ confirm: true, disputeDelivery: true })
    expect((await call('get', { id }, 'm4')).result.data.can).toMatchObject({ confirm: false, disputeDelivery: false })
    const sentBefore = outboxFor('m4').length
    const d = await call('disputeDelivery', { id, reason: '我没有收到' }, 'demo-resident')
    expect(d.result).toMatchObject({ code: 0, data: { state: 'lit', view: 'beneficiary' } })
    expect(wishDoc(id).history.at(-1)).toMatchObject({ verb: 'disputeDelivery', by: 'user-demo-resident', reason: '我没有收到' })
    expect(outboxFor('m4')).toHaveLength(sentBefore + 1)
  })

  test('a caring citizen lights and is confirmed: no ledger row', async () => {
    const id = await lit('citizen')
    await call('deliver', { id, photos: [photo()] }, 'citizen')
    expect((await call('confirm', { id }, 'demo-grid')).result.code).toBe(0)
    expect(stack.emulator.db.collection('service_hours').count({ 'source.id': id })).toBe(0)
  })
})

describe('reading', () => {
  test('posterCode: a wish on the wall gets a real mini-program code whose scene names the wish and nothing else; off the wall it does not exist', async () => {
    const id = await published()
    const { result, roundTrips } = await call('posterCode', { id }, 'never-seen-poster')
    const scene = wishQrScene(id)
    expect(wishIdFromScene(scene)).toBe(id)
    expect(result).toMatchObject({ code: 0, data: { scene, page: 'packages/wishes/pages/detail/index', contentType: 'image/png' } })
    // Someone never seen: the caller read finds nobody, the wish is read alone, then the code itself.
    expect(roundTrips).toBe(3)
    const img = PNG.sync.read(Buffer.from(result.data.imageBase64, 'base64'))
    const decoded = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? ''
    expect(decoded).toBe(wxacodeText('packages/wishes/pages/detail/index', scene))

    // Still in review: not for a poster, not even for the staff who can read it.
    const s = await call('submit', intake(), 'demo-grid')
    for (const openid of ['demo-grid', 'demo-community-admin', 'm1']) {
      expect((await call('posterCode', { id: s.result.data.id }, openid)).result).toMatchObject({ code: 'WISH.NOT_FOUND' })
    }
    expect((await call('posterCode', { id: 'no-such-wish' }, 'm1')).result).toMatchObject({ code: 'WISH.NOT_FOUND' })
    expect((await call('posterCode', { id: '' }, 'm1')).result).toMatchObject({ code: 'REQUEST.INVALID' })
  })

  test('get: the public sees no beneficiary name, phone, address, photos or contact; staff see the private sub-document', async () => {
    const id = await lit('m3')
    for (const openid of ['never-seen', 'demo-unit-admin', 'm1']) {
      const { result } = await call('get', { id }, openid)
      expect(result.code).toBe(0)
      expect(result.data).toMatchObject({ view: 'public', beneficiary: '李**（孤寡老人）', contact: null, private: null, delivery: null, history: [] })
      const text = JSON.stringify(result.data)
      for (const secret of ['李秀兰', '13912345678', '139****5678', '2单元301', 'door-1.jpg', 'delivered.jpg', 'user-', '13800001003']) expect(text).not.toContain(secret)
      expect(result.data.claim.name).toBe('党**')
    }
    const staff = await call('get', { id }, 'demo-community-admin')
    expect(staff.result.data).toMatchObject({
      view: 'staff',
      private: { beneficiary: { name: '李秀兰', phone: '13912345678', room: '2单元301' }, photos: [DOOR_PHOTO], visit: { note: '入户走访，情况属实' } },
    })
    expect((await call('get', { id }, 'demo-grid')).result.data.view).toBe('staff')
    expect((await call('get', { id }, 'demo-chengnan-admin')).result.data.view).toBe('public')
  })

  test('the wall: cards of published-and-later wishes, filters, counts from one aggregation, two round trips made together', async () => {
    const { result, roundTrips } = await call('wall', { communityId: 'org-beimen' }, 'never-seen')
    // The page and the community with its tally, together.
    expect(roundTrips).toBe(2)
    expect(result.code).toBe(0)
    const states = new Set(result.data.items.map((i: { state: string }) => i.state))
    for (const s of states) expect(['published', 'lit', 'delivered', 'confirmed', 'rated']).toContain(s)
    const all = stack.emulator.db.collection('wishes').find({ communityId: 'org-beimen' }) as { state: string }[]
    const n = (xs: string[]) => all.filter((w) => xs.includes(w.state)).length
    expect(result.data.counts).toEqual({
      reviewed: n(['published', 'lit', 'delivered', 'confirmed', 'rated']),
      lit: n(['lit', 'delivered', 'confirmed', 'rated']),
      done: n(['confirmed', 'rated']),
    })
    const text = JSON.stringify(result.data)
    expect(text).not.toContain('李秀兰')
    expect(text).not.toContain('13912345678')

    const open = await call('wall', { communityId: 'org-beimen', filter: 'open', category: '孤寡老人' }, 'm0')
    expect(open.result.data.items.length).toBeGreaterThan(0)
    for (const i of open.result.data.items) expect(i).toMatchObject({ state: 'published', category: '孤寡老人' })

    // Pages: the cursor continues where the last page ended, no duplicates, no gaps.
    const seen: string[] = []
    let after: unknown
    for (let page = 0; page < 50; page++) {
      const r = await call('wall', { communityId: 'org-beimen', limit: 3, ...(after ? { after } : {}) }, 'm0')
      seen.push(...r.result.data.items.map((i: { id: string }) => i.id))
      after = r.result.data.next
      if (!after) break
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(result.data.counts.reviewed)
    expect((await call('wall', { communityId: 'org-nowhere' }, 'm0')).result.code).toBe('ORG.UNKNOWN_COMMUNITY')
  })

  test('mine: what I wrote, what I lit', async () => {
    const id = await lit('m4')
    const litByMe = await call('mine', { kind: 'lit' }, 'm4')
    expect(litByMe.result.data.items.map((i: { id: string }) => i.id)).toContain(id)
    const written = await call('mine', { kind: 'submitted', limit: 50 }, 'demo-grid')
    expect(written.result.data.items.map((i: { id: string }) => i.id)).toContain(id)
    expect((await call('mine', { kind: 'lit' }, 'never-seen')).result.data.items).toEqual([])
  })
})

describe('automatic release', () => {
  test('a claim undelivered for more than 7 days is released by the timer; a delivered one stays; the claimer is told', async () => {
    const overdue = await lit('m0')
    const delivered = await lit('m1')
    await call('deliver', { id: delivered, photos: [photo()] }, 'm1')
    const s = stack as TestStack & { setClockOffset?: (ms: number) => void; fireTimer?: (fn: string, name: string) => Promise<any> }
    if (!s.fireTimer || !s.setClockOffset) throw new Error('the test stack has no fireTimer/setClockOffset yet (server/emulator/PLATFORM.md)')
    // Seven days and a minute later; a wish lit at that moment is within its deadline.
    s.setClockOffset(7 * 24 * 3600 * 1000 + 60_000)
    let run: any
    let fresh = ""
    try {
      fresh = await lit('m2')
      run = await s.fireTimer('wishes', 'releaseOverdueClaims')
    } finally {
      s.setClockOffset(0)
    }
    expect(run!.result.released).not.toContain(fresh)
    expect(wishDoc(fresh).state).toBe('lit')
    expect(run!.result.released).toEqual(expect.arrayContaining([overdue]))
    expect(run!.result.released).not.toContain(delivered)
    expect(wishDoc(overdue)).toMatchObject({ state: 'published', claim: null, wallTab: 'open' })
    expect(wishDoc(overdue).history.at(-1)).toMatchObject({ verb: 'autoRelease', from: 'lit', to: 'published', by: 'system', byName: '系统', claimerId: 'user-m0', reason: '超过7天未送达，系统自动释放' })
    expect(wishDoc(delivered).state).toBe('delivered')
    expect(outboxFor('m0')[0]).toMatchObject({ templateId: 'lianxin-wish-released', data: { phrase2: { value: '超时已释放' } } })
  })

  test('a confirm that died between the wish confirm and its service_hours row: the timer books the hours once', async () => {
    const id = await lit('m1')
    expect((await call('deliver', { id, photos: [photo()] }, 'm1')).result.code).toBe(0)
    // The confirmation's state write landed and the call died before the ledger row (as written by
    // confirm: the confirmed state, the confirmation, the wall tab, the history entry).
    const delivered = wishDoc(id)
    const at = new Date(Date.now() - 3_600_000)
    const crashed = `${id}crash`
    await stack.emulator.db.collection('wishes').insertMany([
      {
        ...delivered,
        _id: crashed,
        intakeKey: `crash-${id}`,
        state: 'confirmed',
        wallTab: 'done',
        serviceHours: 3,
        confirmation: { by: 'user-demo-grid', byName: '张敏', as: 'grid_worker', at },
        history: [...delivered.history, { verb: 'confirm', from: 'delivered', to: 'confirmed', by: 'user-demo-grid', byName: '张敏', at }],
      },
    ])
    const rows = () => stack.emulator.db.collection('service_hours').find({ 'source.id': crashed })
    expect(rows()).toEqual([])
    const first: any = await stack.fireTimer('wishes', 'releaseOverdueClaims')
    expect(first.result.booked).toContain(crashed)
    expect(rows()).toEqual([expect.objectContaining({ userId: 'user-m1', registrationId: 'reg-m1', communityId: 'org-beimen', unitId: 'unit-water-bureau', hours: 3, source: { kind: 'wish', id: crashed } })])
    // Twice: still one row, and nothing booked again.
    const second: any = await stack.fireTimer('wishes', 'releaseOverdueClaims')
    expect(second.result.booked).not.toContain(crashed)
    expect(rows()).toHaveLength(1)
  })

  test('a request shaped like a timer event from a person is not a timer run', async () => {
    const { result } = await stack.call('wishes', { Type: 'Timer', TriggerName: 'releaseOverdueClaims' }, 'm0')
    expect(result.code).toBe('REQUEST.INVALID')
  })
})

describe('settings per community', () => {
  const DAY = 24 * 3600 * 1000
  const node = (id: string) => stack.emulator.db.collection('org_nodes').findOne({ _id: id }) as any
  const settingAudits = () => stack.emulator.db.collection('audit').find({ entity: 'wish_settings' }) as any[]

  test('getSettings: the defaults until a community saves its own, in 1 round trip; set by the community admin, audited old → new', async () => {
    const g = await call('getSettings', { communityId: 'org-beimen' }, 'demo-community-admin')
    expect(g.result).toMatchObject({ code: 0, data: { community: { id: 'org-beimen', name: '北门社区' }, settings: { claimReleaseDays: 7, hoursPerWish: 2 }, isDefault: true, version: 0, canEdit: true } })
    expect(g.roundTrips).toBe(1)

    const s = await call('setSettings', { communityId: 'org-beimen', settings: { claimReleaseDays: 3, hoursPerWish: 1.5 }, version: 0 }, 'demo-community-admin')
    expect(s.result).toMatchObject({ code: 0, data: { settings: { claimReleaseDays: 3, hoursPerWish: 1.5 }, isDefault: false, version: 1, updatedByName: '陈红', changed: true } })
    // caller with the community, the guarded update, the audit record
    expect(s.roundTrips).toBe(3)
    expect(node('org-beimen').wishSettings).toMatchObject({ claimReleaseDays: 3, hoursPerWish: 1.5, version: 1, updatedBy: 'user-demo-community-admin' })
    expect(settingAudits()).toEqual([
      expect.objectContaining({
        entityId: 'org-beimen',
        action: 'wish.setSettings',
        from: JSON.stringify({ claimReleaseDays: 7, hoursPerWish: 2 }),
        to: JSON.stringify({ claimReleaseDays: 3, hoursPerWish: 1.5 }),
        by: 'user-demo-community-admin',
        reason: '此前使用默认设置',
      }),
    ])

    // An editor still holding version 0 is refused; nothing of theirs is written.
    const stale = await call('setSettings', { communityId: 'org-beimen', settings: { claimReleaseDays: 5, hoursPerWish: 2 }, version: 0 }, 'demo-community-admin')
    expect(stale.result.code).toBe('WISH.SETTINGS_CHANGED')
    expect(node('org-beimen').wishSettings).toMatchObject({ claimReleaseDays: 3, version: 1 })
    // Saving what is in force writes nothing.
    const same = await call('setSettings', { communityId: 'org-beimen', settings: { claimReleaseDays: 3, hoursPerWish: 1.5 }, version: 1 }, 'demo-community-admin')
    expect(same.result).toMatchObject({ code: 0, data: { changed: false, version: 1 } })
    expect(settingAudits()).toHaveLength(1)
  })

  test('bad values: REQUEST.INVALID naming the field with the Chinese message, nothing written', async () => {
    const before = JSON.stringify(node('org-beimen').wishSettings)
    const audits = settingAudits().length
    const cases: [Record<string, unknown>, string, string][] = [
      [{ claimReleaseDays: 0, hoursPerWish: 2 }, 'settings.claimReleaseDays', '自动释放天数需为1到90的整数'],
      [{ claimReleaseDays: 2.5, hoursPerWish: 2 }, 'settings.claimReleaseDays', '自动释放天数需为1到90的整数'],
      [{ claimReleaseDays: 91, hoursPerWish: 2 }, 'settings.claimReleaseDays', '自动释放天数需为1到90的整数'],
      [{ claimReleaseDays: '7', hoursPerWish: 2 }, 'settings.claimReleaseDays', '自动释放天数需为1到90的整数'],
      [{ claimReleaseDays: 7, hoursPerWish: 0.3 }, 'settings.hoursPerWish', '服务时长需在0.5到24小时之间，以半小时为单位'],
      [{ claimReleaseDays: 7, hoursPerWish: 25 }, 'settings.hoursPerWish', '服务时长需在0.5到24小时之间，以半小时为单位'],
      [{ claimReleaseDays: 7, hoursPerWish: 0 }, 'settings.hoursPerWish', '服务时长需在0.5到24小时之间，以半小时为单位'],
    ]
    for (const [settings, path, message] of cases) {
      const { result } = await call('setSettings', { communityId: 'org-beimen', settings, version: 1 }, 'demo-community-admin')
      expect(result.code).toBe('REQUEST.INVALID')
      expect(result.message).toContain(message)
      expect(result.details[0]).toMatchObject({ path, message })
    }
    expect(JSON.stringify(node('org-beimen').wishSettings)).toBe(before)
    expect(settingAudits()).toHaveLength(audits)
  })

  test('only wish.settings on the community: a member, a grid worker, another community\'s admin are refused; the street admin may', async () => {
    const before = JSON.stringify(node('org-chengnan').wishSettings ?? null)
    for (const openid of ['m0', 'demo-grid', 'demo-resident', 'demo-community-admin', 'never-seen']) {
      expect((await call('setSettings', { communityId: 'org-chengnan', settings: { claimReleaseDays: 10, hoursPerWish: 3 }, version: 0 }, openid)).result.code).toBe('AUTH.FORBIDDEN')
      expect((await call('getSettings', { communityId: 'org-chengnan' }, openid)).result.code).toBe('AUTH.FORBIDDEN')
    }
    // A building is not a community; an unknown id is not one either.
    expect((await call('getSettings', { communityId: 'org-beimen-b1' }, 'demo-street-admin')).result.code).toBe('ORG.UNKNOWN_COMMUNITY')
    expect((await call('getSettings', { communityId: 'org-nowhere' }, 'm0')).result.code).toBe('AUTH.FORBIDDEN')
    expect(JSON.stringify(node('org-chengnan').wishSettings ?? null)).toBe(before)
    const s = await call('setSettings', { communityId: 'org-chengnan', settings: { claimReleaseDays: 10, hoursPerWish: 3 }, version: 0 }, 'demo-street-admin')
    expect(s.result).toMatchObject({ code: 0, data: { settings: { claimReleaseDays: 10, hoursPerWish: 3 }, version: 1, updatedByName: '钱伟' } })
  })

  test('the timer applies each community\'s days: 北门 (3 days) releases on day 4, 城南 (10 days) does not; the claim shows its own deadline', async () => {
    expect(node('org-beimen').wishSettings).toMatchObject({ claimReleaseDays: 3 })
    expect(node('org-chengnan').wishSettings).toMatchObject({ claimReleaseDays: 10 })
    const beimen = await published()
    // 城南's wish: a published wish of 北门 moved to 城南 (城南 has no grid worker in the seeds).
    const chengnan = `${await published()}cn`
    const copy = { ...wishDoc(chengnan.slice(0, -2)), _id: chengnan, intakeKey: 'copy-chengnan', communityId: 'org-chengnan', communityName: '城南社区', lineage: ['org-longmen', 'org-longcheng', 'org-chengnan', 'org-chengnan-court', 'org-chengnan-grid-1', 'org-chengnan-b1'] }
    await stack.emulator.db.collection('wishes').insertMany([copy])

    const lb = await call('light', { id: beimen }, 'm3')
    const lc = await call('light', { id: chengnan }, 'm4')
    expect(lb.result.code).toBe(0)
    expect(lc.result.code).toBe(0)
    // Still two database round trips: the settings came with the caller and the wish.
    expect(lb.roundTrips).toBe(lc.roundTrips)
    const litAt = (id: string) => new Date(wishDoc(id).claim.at).getTime()
    expect(new Date(lb.result.data.claimDeadline).getTime()).toBe(litAt(beimen) + 3 * DAY)
    expect(new Date(lc.result.data.claimDeadline).getTime()).toBe(litAt(chengnan) + 10 * DAY)
    expect(new Date(wishDoc(beimen).claim.releaseAt).getTime()).toBe(litAt(beimen) + 3 * DAY)

    // Claims lit before deadlines were stamped keep the default 7 days (the rule they were lit under).
    const now = Date.now()
    const legacyOld = `${beimen}o`
    const legacyNew = `${beimen}n`
    const unstamped = (id: string, ago: number) => ({ ...wishDoc(beimen), _id: id, intakeKey: `copy-${id}`, history: [], claim: { userId: 'user-m0', name: '党员m0', kind: 'member', at: new Date(now - ago), openid: 'm0' } })
    await stack.emulator.db.collection('wishes').insertMany([unstamped(legacyOld, 5 * DAY), unstamped(legacyNew, 1 * DAY)])

    let run: any
    stack.setClockOffset(3 * DAY + 60_000)
    try {
      run = await stack.fireTimer('wishes', 'releaseOverdueClaims')
    } finally {
      stack.setClockOffset(0)
    }
    expect(run.result.released).toEqual(expect.arrayContaining([beimen, legacyOld]))
    expect(run.result.released).not.toContain(chengnan)
    expect(run.result.released).not.toContain(legacyNew)
    expect(wishDoc(beimen)).toMatchObject({ state: 'published', claim: null })
    expect(wishDoc(beimen).history.at(-1)).toMatchObject({ verb: 'autoRelease', claimerId: 'user-m3', reason: '超过3天未送达，系统自动释放' })
    expect(wishDoc(chengnan).state).toBe('lit')
    expect(wishDoc(legacyNew).state).toBe('lit')
    // What staff are shown agrees with the timer: the unstamped claim has the default 7 days, not 北门's 3.
    const shown = await call('get', { id: legacyNew }, 'demo-community-admin')
    expect(new Date(shown.result.data.claimDeadline).getTime()).toBe(new Date(wishDoc(legacyNew).claim.at).getTime() + 7 * DAY)
  })

  test('a confirmed wish credits the community\'s hours per wish (北门: 1.5)', async () => {
    const id = await lit('m1')
    expect((await call('deliver', { id, photos: [photo()] }, 'm1')).result.code).toBe(0)
    expect((await call('confirm', { id }, 'demo-grid')).result.code).toBe(0)
    expect(stack.emulator.db.collection('service_hours').find({ 'source.id': id })).toEqual([expect.objectContaining({ userId: 'user-m1', hours: 1.5 })])
  })
})

describe('lists asked for a scope the caller does not hold are refused, not empty (issue 10, defect 4)', () => {
  test('the review queue of a community: AUTH.FORBIDDEN to a grid worker of another community, members, residents, other admins, street admins and strangers', async () => {
    const now = new Date()
    await stack.emulator.db.collection('users').insertMany([
      { _id: 'user-scope-cn-grid', openid: 'scope-cn-grid', name: '城南网格员', roles: [{ kind: 'grid_worker', scopeId: 'org-chengnan-grid-1' }], createdAt: now, updatedAt: now },
    ])
    await call('submit', intake(), 'demo-grid')
    // A grid worker of 城南 asking for 北门's queue, and 北门's grid worker asking for 城南's: not theirs.
    for (const [openid, communityId] of [
      ['scope-cn-grid', 'org-beimen'],
      ['demo-grid', 'org-chengnan'],
      ['demo-chengnan-admin', 'org-beimen'],
      ['demo-community-admin', 'org-chengnan'],
      ['demo-street-admin', 'org-beimen'],
      ['m0', 'org-beimen'],
      ['demo-resident', 'org-beimen'],
      ['never-seen', 'org-beimen'],
    ]) {
      for (const state of [undefined, 'submitted', 'verified']) {
        const { result } = await call('reviewQueue', { communityId, ...(state ? { state } : {}) }, openid)
        expect({ openid, communityId, state, code: result.code }).toEqual({ openid, communityId, state, code: 'AUTH.FORBIDDEN' })
      }
    }
    // Their own still answer, in one round trip: the grid worker sees their grid's rows, the admin all.
    const own = await call('reviewQueue', { communityId: 'org-beimen' }, 'demo-grid')
    expect(own.roundTrips).toBe(1)
    expect(own.result.code).toBe(0)
    expect(own.result.data.items.length).toBeGreaterThan(0)
    expect((await call('reviewQueue', { communityId: 'org-chengnan' }, 'scope-cn-grid')).result).toMatchObject({ code: 0, data: { items: [] } })
    expect((await call('reviewQueue', { communityId: 'org-chengnan' }, 'demo-chengnan-admin')).result.code).toBe(0)
  })

  test('the overview of a street or county: AUTH.FORBIDDEN outside the caller\'s street or county; the wall is public; mine is the caller\'s own', async () => {
    for (const [openid, orgId] of [
      ['demo-street-admin', 'org-pingling'],
      ['demo-community-admin', 'org-chengnan'],
      ['demo-grid', 'org-beimen'],
      ['m0', 'org-longmen'],
      ['never-seen', 'org-longcheng'],
    ]) {
      expect({ openid, orgId, code: (await call('reviewQueue', { orgId }, openid)).result.code }).toEqual({ openid, orgId, code: 'AUTH.FORBIDDEN' })
    }
    // A community's wall is public, as its shared cards are: no scope to hold.
    for (const openid of ['never-seen', 'demo-chengnan-admin', 'm0']) expect((await call('wall', { communityId: 'org-beimen' }, openid)).result.code).toBe(0)
    // mine names no scope: it is the caller's own wishes, none for someone never seen.
    expect((await call('mine', { kind: 'submitted' }, 'never-seen')).result).toEqual({ code: 0, data: { items: [], next: null } })
  })
})

describe('review overview of a street or county', () => {
  test('the street admin sees what waits in each of its communities (masked, with the community), in 1 round trip; others are refused', async () => {
    const s = await call('submit', intake({ title: '想要一副老花镜' }), 'demo-grid')
    const beimen = s.result.data.id
    // Waiting wishes in 城南 (same street) and 平陵社区 (another street), moved there from 北门.
    const moved = (id: string, communityId: string, communityName: string, path: string[]) => ({ ...wishDoc(beimen), _id: id, intakeKey: `copy-${id}`, communityId, communityName, lineage: path })
    await stack.emulator.db.collection('wishes').insertMany([
      moved(`${beimen}cn`, 'org-chengnan', '城南社区', ['org-longmen', 'org-longcheng', 'org-chengnan', 'org-chengnan-court', 'org-chengnan-grid-1', 'org-chengnan-b1']),
      moved(`${beimen}pl`, 'org-pingling-sq', '平陵社区', ['org-longmen', 'org-pingling', 'org-pingling-sq']),
    ])

    const street = await call('reviewQueue', { orgId: 'org-longcheng', limit: 50 }, 'demo-street-admin')
    expect(street.roundTrips).toBe(1)
    expect(street.result).toMatchObject({ code: 0, data: { scope: { id: 'org-longcheng', name: '龙城街道', kind: 'street', readOnly: true } } })
    const items = street.result.data.items as { id: string; communityName: string; beneficiaryName: string; buildingName: string; state: string; createdAt: string }[]
    const ids = items.map((i) => i.id)
    expect(ids).toEqual(expect.arrayContaining([beimen, `${beimen}cn`]))
    expect(ids).not.toContain(`${beimen}pl`)
    expect(items.every((i) => ['submitted', 'verified'].includes(i.state))).toBe(true)
    expect(items.find((i) => i.id === `${beimen}cn`)).toMatchObject({ communityName: '城南社区', beneficiaryName: '李**', buildingName: '' })
    expect(items.find((i) => i.id === beimen)).toMatchObject({ communityName: '北门社区', beneficiaryName: '李**', buildingName: '' })
    // Oldest first, and nothing personal in the answer.
    expect(items.map((i) => i.createdAt)).toEqual([...items.map((i) => i.createdAt)].sort())
    const text = JSON.stringify(street.result.data)
    for (const secret of ['李秀兰', '13912345678', '2单元301', '北门花园1栋']) expect(text).not.toContain(secret)

    // Pages continue by keyset.
    const first = await call('reviewQueue', { orgId: 'org-longcheng', limit: 1 }, 'demo-street-admin')
    const second = await call('reviewQueue', { orgId: 'org-longcheng', limit: 1, after: first.result.data.next }, 'demo-street-admin')
    expect(second.result.data.items[0].id).toBe(ids[1])

    // The page's selection is the subtree's waiting wishes on the lineage index, nothing else.
    const plan = stack.emulator.db.collection('wishes').explain({ lineage: 'org-longcheng', state: { $in: ['submitted', 'verified'] } }) as { index?: string; docsScanned: number }
    expect(plan.index).toBe('lineage_state_time')
    expect(plan.docsScanned).toBe(stack.emulator.db.collection('wishes').count({ lineage: 'org-longcheng', state: { $in: ['submitted', 'verified'] } }))

    // The county sees every street's.
    const county = await call('reviewQueue', { orgId: 'org-longmen', limit: 50 }, 'demo-county-admin')
    expect(county.result.data.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([beimen, `${beimen}cn`, `${beimen}pl`]))

    for (const openid of ['demo-community-admin', 'demo-chengnan-admin', 'demo-grid', 'm0', 'never-seen']) {
      expect((await call('reviewQueue', { orgId: 'org-longcheng' }, openid)).result.code).toBe('AUTH.FORBIDDEN')
    }
    // Another street's admin does not reach this one; a community admin may look at their own community this way.
    expect((await call('reviewQueue', { orgId: 'org-pingling' }, 'demo-street-admin')).result.code).toBe('AUTH.FORBIDDEN')
    expect((await call('reviewQueue', { orgId: 'org-beimen' }, 'demo-community-admin')).result.code).toBe(0)
    expect((await call('reviewQueue', { orgId: 'org-nowhere' }, 'demo-street-admin')).result.code).toBe('ORG.UNKNOWN_NODE')
    expect((await call('reviewQueue', {}, 'demo-street-admin')).result.code).toBe('REQUEST.INVALID')
  })
})

// Last: it leaves many wishes in every state behind (lists above count what waits in review).
describe('the buttons (get → can) agree with what the actions allow', () => {
  const VISIT_AT = () => new Date(Date.now() - 60_000).toISOString()
  /** What each action needs besides the wish, as the page would send it. */
  const inputOf = (action: string): Record<string, unknown> =>
    (({
      deliver: { photos: [photo()] },
      disputeDelivery: { reason: '老人说没有收到' },
      rate: { stars: 5 },
      edit: { title: '想要一个新的电饭煲' },
      verify: { visit: { at: VISIT_AT(), note: '入户走访，情况属实' } },
      reject: { reason: '请补充情况说明' },
      takeDown: { reason: '与另一条心愿重复' },
      revokeClaim: { reason: '长期未联系受助人' },
    }) as Record<string, Record<string, unknown>>)[action] ?? {}
  const ACTIONS = ['light', 'giveUp', 'deliver', 'confirm', 'disputeDelivery', 'rate', 'edit', 'resubmit', 'verify', 'publish', 'reject', 'takeDown', 'revokeClaim']

  // Who looks: someone never seen, a resident, a member, a caring citizen, the grid worker who wrote
  // it, a colleague covering the same grid, a grid worker elsewhere, the community's admin, another
  // community's admin, the street's admin, the beneficiary (王秀英, with an account) and the claimer.
  const VIEWERS = ['btn-never-seen', 'btn-resident', 'btn1', 'citizen', 'demo-grid', 'btn-colleague', 'btn-elsewhere', 'demo-community-admin', 'demo-chengnan-admin', 'demo-street-admin', 'demo-resident', 'btn0']
  const claim = () => ({ userId: 'user-btn0', name: '党员btn0', kind: 'member', at: new Date(), openid: 'btn0', registration: { id: 'reg-btn0', communityId: 'org-beimen', unitId: 'unit-water-bureau' }, releaseAt: new Date(Date.now() + 7 * 24 * 3600 * 1000) })
  const delivery = () => ({ photos: [photo()], note: '已送到', at: new Date() })
  const confirmation = () => ({ by: 'user-demo-grid', byName: '张敏', as: 'grid_worker', at: new Date() })
  const wall = (tab: string | null) => ({ onWall: tab !== null, wallTab: tab, publishedAt: tab ? new Date() : null })
  const visit = () => ({ at: new Date(), note: '入户走访，情况属实', by: 'user-demo-grid', byName: '张敏' })
  // Each state as the lifecycle leaves it.
  const STATES: Record<string, Record<string, unknown>> = {
    submitted: { visit: null, claim: null, ...wall(null) },
    verified: { visit: visit(), claim: null, ...wall(null) },
    rejected: { visit: null, claim: null, reason: '请写清楚需要什么型号', ...wall(null) },
    published: { visit: visit(), claim: null, ...wall('open') },
    taken_down: { visit: visit(), claim: null, reason: '重复', ...wall(null) },
    lit: { visit: visit(), claim: claim(), ...wall('lit') },
    delivered: { visit: visit(), claim: claim(), delivery: delivery(), ...wall('lit') },
    confirmed: { visit: visit(), claim: claim(), delivery: delivery(), confirmation: confirmation(), ...wall('done') },
    rated: { visit: visit(), claim: claim(), delivery: delivery(), confirmation: confirmation(), rating: { stars: 5, by: 'user-demo-grid', at: new Date() }, ...wall('done') },
  }

  let template: Record<string, any>
  let n = 0
  beforeAll(async () => {
    await addMembers('btn', 2)
    const now = new Date()
    await stack.emulator.db.collection('users').insertMany([
      { _id: 'user-btn-resident', openid: 'btn-resident', name: '普通居民', roles: [], createdAt: now, updatedAt: now },
      { _id: 'user-btn-colleague', openid: 'btn-colleague', name: '同网格网格员', roles: [{ kind: 'grid_worker', scopeId: 'org-beimen-grid-1' }], createdAt: now, updatedAt: now },
      { _id: 'user-btn-elsewhere', openid: 'btn-elsewhere', name: '城南网格员', roles: [{ kind: 'grid_worker', scopeId: 'org-chengnan-grid-1' }], createdAt: now, updatedAt: now },
    ])
    // The beneficiary has an account: 王秀英 (demo-resident).
    template = { ...wishDoc(await published({ beneficiaryName: '王秀英', beneficiaryPhone: '13800001001' })), beneficiary: { name: '王秀英', phone: '13800001001', category: '孤寡老人', buildingId: 'org-beimen-b1', buildingName: '北门花园1栋', room: '1单元101', userId: 'user-demo-resident', openid: 'demo-resident' } }
  })
  /** A copy of the template in `state`, under a fresh id. */
  async function wishIn(state: string, over: Record<string, unknown> = {}) {
    const id = `btn-${state}-${++n}`
    await stack.emulator.db.collection('wishes').insertMany([{ ...template, _id: id, intakeKey: `btn-key-${n}`, state, delivery: null, confirmation: null, rating: null, reason: undefined, history: [], ...STATES[state], ...over }])
    return id
  }

  test.each(Object.keys(STATES))('%s: for every viewer, every action offered succeeds and every other is refused', async (state) => {
    const offered = new Set<string>()
    for (const openid of VIEWERS) {
      const shown = await call('get', { id: await wishIn(state) }, openid)
      // Someone who may not read it gets no buttons either; they are refused everything below.
      const can: string[] = shown.result.code === 0 ? Object.entries(shown.result.data.can as Record<string, boolean>).filter(([, v]) => v).map(([k]) => k) : []
      const outcomes = await Promise.all(
        ACTIONS.map(async (action) => {
          const id = await wishIn(state)
          const { result } = await call(action, { id, ...inputOf(action) }, openid)
          return [action, result.code === 0 ? 'ok' : result.code] as const
        }),
      )
      const allowed = outcomes.filter(([, r]) => r === 'ok').map(([a]) => a)
      expect({ openid, allowed: allowed.sort() }).toEqual({ openid, allowed: [...can].sort() })
      can.forEach((a) => offered.add(a))
    }
    // Every state but the closed ones has someone with a button, so the agreement is not only about refusals.
    if (state !== 'taken_down' && state !== 'rated') expect(offered.size).toBeGreaterThan(0)
  })

  test('resubmit: offered to, and done by, the grid workers covering the household and the beneficiary; not a writer who left the grid', async () => {
    const now = new Date()
    // Its writer has since moved to another grid: the household is no longer theirs.
    await stack.emulator.db.collection('users').insertMany([{ _id: 'user-btn-moved', openid: 'btn-moved', name: '调走的网格员', roles: [{ kind: 'grid_worker', scopeId: 'org-chengnan-grid-1' }], createdAt: now, updatedAt: now }])
    const id = await wishIn('rejected', { author: { userId: 'user-btn-moved', name: '调走的网格员', as: 'grid_worker' } })
    const shown = async (openid: string) => (await call('get', { id }, openid)).result
    expect((await shown('btn-moved')).data.can.resubmit).toBe(false)
    expect((await call('resubmit', { id }, 'btn-moved')).result.code).toBe('AUTH.FORBIDDEN')
    for (const openid of ['demo-grid', 'btn-colleague', 'demo-resident']) expect({ openid, can: (await shown(openid)).data.can.resubmit }).toEqual({ openid, can: true })
    expect((await call('resubmit', { id, title: '想要一个三升的电饭煲' }, 'btn-colleague')).result).toMatchObject({ code: 0, data: { state: 'submitted', title: '想要一个三升的电饭煲' } })
  })
})
