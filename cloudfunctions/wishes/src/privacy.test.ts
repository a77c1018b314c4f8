/**
 * Issue 10, defect 1, end to end through the built wishes function against the emulator (seeded
 * demo county, docs/demo-identities.md): a title or details carrying 7 or more consecutive digits
 * of the beneficiary's phone, any mobile, the spaced-out name or the door number is refused at
 * submit, resubmit and edit (WISH.PRIVATE_INFO, naming the field, nothing written); a wish already
 * stored with such a title (written before the rule) is shown redacted to everyone who is not
 * staff: `get` (card, details, share title and image), the wall and the street's overview. Invisible
 * characters are removed from every input before anything else (server/kit/area.ts).
 */
import { startTestStack, type TestStack } from '../../../server/testing/stack'

jest.setTimeout(120_000)

let stack: TestStack

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
  DOOR_PHOTO = stack.emulator.storage.put('wishes/privacy-door.jpg', JPEG, { contentType: 'image/jpeg' }).fileID
  // A registered member of 北门社区, to look at a wish as its claimer.
  const now = new Date()
  await stack.emulator.db.collection('registrations').insertMany([
    { _id: 'reg-pv0', userId: 'user-pv0', name: '党员甲', phone: '13600009990', state: 'registered', unitId: 'unit-water-bureau', unitName: '县水利局', communityId: 'org-beimen', communityName: '北门社区', history: [], createdAt: now, updatedAt: now },
  ])
  await stack.emulator.db.collection('users').insertMany([
    { _id: 'user-pv0', openid: 'pv0', name: '党员甲', phone: '13600009990', roles: [], liveRegistrationId: 'reg-pv0', createdAt: now, updatedAt: now },
  ])
}, 180_000)

afterAll(async () => {
  await stack?.close()
})

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(2000)])
let DOOR_PHOTO = ''

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('wishes', { action, ...input }, openid)
const wishes = () => stack.emulator.db.collection('wishes')
const wishDoc = (id: string) => wishes().findOne({ _id: id }) as any
const wishCount = () => (wishes().find({}) as unknown[]).length

let keyCounter = 0
const newKey = () => `privacydev01-${++keyCounter}`

// The beneficiaries.
const PHONE_A = '13966315424'
const PHONE_B = '13911112222'

const intake = (over: Record<string, unknown> = {}) => ({
  key: newKey(),
  for: 'household',
  title: '想要一个暖手宝',
  details: '冬天手脚冰凉，想要一个暖手宝。',
  estimatedValue: 60,
  category: '孤寡老人',
  beneficiaryName: '周桂芳',
  beneficiaryPhone: PHONE_A,
  buildingId: 'org-beimen-b1',
  room: '2单元501',
  photos: [{ fileId: DOOR_PHOTO, mime: 'image/jpeg', bytes: 2010 }],
  consent: { method: 'verbal', at: '2026-11-20T02:00:00.000Z' },
  ...over,
})

async function submitted(over: Record<string, unknown> = {}): Promise<string> {
  const s = await call('submit', intake(over), 'demo-grid')
  expect(s.result).toMatchObject({ code: 0 })
  return s.result.data.id
}

async function published(over: Record<string, unknown> = {}): Promise<string> {
  const id = await submitted(over)
  expect((await call('verify', { id, visit: { at: new Date(Date.now() - 60_000).toISOString(), note: '入户走访，情况属实' } }, 'demo-grid')).result.code).toBe(0)
  expect((await call('publish', { id }, 'demo-community-admin')).result.code).toBe(0)
  return id
}

describe('the intake refuses personal data in the title and details', () => {
  test.each([
    // The exact strings: the first 10 digits of 13966315424, and 7 digits from the middle of 13911112222.
    ['title', { title: '暖手宝1396631542' }, ['phone']],
    ['details', { details: '有事请打1396631542找家属' }, ['phone']],
    ['details', { details: '请打9111122找家属', beneficiaryPhone: PHONE_B }, ['phone']],
    // A zero-width space between the digits does not hide them (removed before the check).
    ['title', { title: '暖手宝1396\u200b631542' }, ['phone']],
    ['title', { title: '暖手宝1\u200d3\u200d9\u200d6\u200d631542' }, ['phone']],
    // Any mobile at all, even with no beneficiary phone on record.
    ['details', { details: '家属电话150 0000 1111，请联系', beneficiaryPhone: '' }, ['phone']],
    // The name spaced out, the door number.
    ['title', { title: '周 桂 芳想要暖手宝' }, ['name']],
    ['details', { details: '请送到501室，老人腿脚不便。' }, ['address']],
  ])('%s %j is refused with WISH.PRIVATE_INFO and nothing is written', async (field, over, kinds) => {
    const before = wishCount()
    const input = intake(over)
    const { result } = await call('submit', input, 'demo-grid')
    const label = field === 'title' ? '心愿标题' : '心愿详情'
    const named = kinds.map((k) => ({ phone: '电话', name: '姓名', address: '住址' })[k]).join('、')
    expect(result).toEqual({ code: 'WISH.PRIVATE_INFO', message: `${label}里不能写受助人的${named}，联系人是网格员`, details: { field, kinds } })
    expect(wishCount()).toBe(before)
    expect(wishes().find({ intakeKey: input.key })).toEqual([])
  })

  test('everyday numbers pass: 3件, 2026年, a price', async () => {
    const id = await submitted({ title: '3件毛衣和暖手宝', details: '2026年冬天想要3件毛衣，约300元，送到楼下即可。' })
    expect(wishDoc(id)).toMatchObject({ title: '3件毛衣和暖手宝', state: 'submitted' })
  })

  test('resubmit and edit check the words again', async () => {
    const rejected = await submitted()
    expect((await call('reject', { id: rejected, reason: '请写清楚需要什么' }, 'demo-community-admin')).result.code).toBe(0)
    const again = await call('resubmit', { id: rejected, title: '暖手宝1396631542' }, 'demo-grid')
    expect(again.result).toMatchObject({ code: 'WISH.PRIVATE_INFO', details: { field: 'title', kinds: ['phone'] } })
    expect(wishDoc(rejected)).toMatchObject({ state: 'rejected', title: '想要一个暖手宝' })

    const waiting = await submitted({ beneficiaryPhone: PHONE_B })
    const edit = await call('edit', { id: waiting, details: '请打9111122找家属' }, 'demo-community-admin')
    expect(edit.result).toMatchObject({ code: 'WISH.PRIVATE_INFO', details: { field: 'details', kinds: ['phone'] } })
    expect(wishDoc(waiting).details).toBe('冬天手脚冰凉，想要一个暖手宝。')
  })
})

describe('invisible characters are removed from the input before anything else', () => {
  test('a title with a bidi override and details with NUL and zero-width characters are stored without them', async () => {
    const id = await submitted({ title: '想要\u202e一个暖手宝\u202c', details: '冬天\u0000手脚\u200b冰凉，\u2066想要\u2069一个暖手宝。\ufeff', beneficiaryName: '\u200b周桂芳' })
    const doc = wishDoc(id)
    expect(doc.title).toBe('想要一个暖手宝')
    expect(doc.details).toBe('冬天手脚冰凉，想要一个暖手宝。')
    expect(doc.beneficiary.name).toBe('周桂芳')
    expect(JSON.stringify(doc)).not.toMatch(/[\u0000\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/)
  })
})

describe('a wish stored before the rule is shown redacted to everyone who is not staff', () => {
  const LEAKY_TITLE = '暖手宝1396631542'
  const LEAKY_DETAILS = '有事请打1396631542找家属，周 桂 芳，501室'
  // What must not appear, in any shape: the phone parts, the name, the door.
  const SECRETS = ['1396631542', '9111122', '13966315424', '周桂芳', '周 桂 芳', '2单元501', '501室']
  let publishedId = ''
  let waitingId = ''
  let otherId = ''

  beforeAll(async () => {
    // Clean wishes made through the function, then copies with the leaky words as old data would hold them.
    const clean = await published()
    const waiting = await submitted()
    publishedId = `${clean}leak`
    waitingId = `${waiting}leak`
    otherId = `${clean}leakb`
    await wishes().insertMany([
      { ...wishDoc(clean), _id: publishedId, intakeKey: `copy-${publishedId}`, title: LEAKY_TITLE, details: LEAKY_DETAILS },
      { ...wishDoc(waiting), _id: waitingId, intakeKey: `copy-${waitingId}`, title: LEAKY_TITLE, details: LEAKY_DETAILS },
      // The other beneficiary (13911112222), 7 digits from the middle of the phone in the details.
      { ...wishDoc(clean), _id: otherId, intakeKey: `copy-${otherId}`, beneficiary: { ...wishDoc(clean).beneficiary, phone: PHONE_B }, details: '请打9111122找家属' },
    ])
  })

  const expectClean = (value: unknown) => {
    const text = JSON.stringify(value)
    for (const secret of SECRETS) expect(text).not.toContain(secret)
  }

  test.each(['never-seen-privacy', 'demo-resident', 'demo-member', 'demo-unit-admin', 'demo-chengnan-admin', 'demo-street-admin'])('get as %s: the card, details and share title and image are redacted', async (openid) => {
    const { result } = await call('get', { id: publishedId }, openid)
    expect(result.code).toBe(0)
    expect(result.data).toMatchObject({
      view: 'public',
      title: '暖手宝********',
      details: '有事请打********找家属，周**，***室',
      share: { title: '点亮微心愿：暖手宝********', imageFields: { title: '暖手宝********' } },
    })
    expectClean(result.data)
    const other = await call('get', { id: otherId }, openid)
    expect(other.result.data).toMatchObject({ view: 'public', details: '请打*******找家属' })
    expect(JSON.stringify(other.result.data)).not.toContain('9111122')
  })

  test('the claimer sees it redacted too', async () => {
    expect((await call('light', { id: publishedId }, 'pv0')).result.code).toBe(0)
    const { result } = await call('get', { id: publishedId }, 'pv0')
    expect(result.data).toMatchObject({ view: 'claimer', title: '暖手宝********', share: { imageFields: { title: '暖手宝********' } } })
    expectClean(result.data)
    // Staff see the words as written: they are the ones who correct them.
    const staff = await call('get', { id: publishedId }, 'demo-community-admin')
    expect(staff.result.data).toMatchObject({ view: 'staff', title: LEAKY_TITLE, details: LEAKY_DETAILS })
  })

  test('the wall card', async () => {
    const { result } = await call('wall', { communityId: 'org-beimen', limit: 50 }, 'never-seen-privacy')
    expect(result.code).toBe(0)
    const card = result.data.items.find((i: { id: string }) => i.id === publishedId)
    expect(card).toMatchObject({ title: '暖手宝********', beneficiary: '周**（孤寡老人）' })
    expectClean(result.data)
  })

  test('the street overview row', async () => {
    const { result } = await call('reviewQueue', { orgId: 'org-longcheng', limit: 50 }, 'demo-street-admin')
    expect(result.code).toBe(0)
    const row = result.data.items.find((i: { id: string }) => i.id === waitingId)
    expect(row).toMatchObject({ title: '暖手宝********', beneficiaryName: '周**', buildingName: '' })
    expectClean(result.data)
  })
})
