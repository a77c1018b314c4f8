/**
 * Binding imported members (认领), as deployed: the county admin imports members with the real
 * `imports` function (registrations `registered`, `userId: null`), then people open the app and
 * register with those phones through the built `registration` bundle, against the emulator
 * seeded with the demo county. Round trips are the emulator's counts for each call.
 */
import { sdkEnv } from '../../../server/emulator'
import { startTestStack, type TestStack } from '../../../server/testing/stack'
import { buildWorkbook } from '../../../tests/fixtures/importWorkbook'

jest.setTimeout(60_000)

let stack: TestStack

const MEMBERS: Record<string, string>[] = [
  { name: '孙立', phone: '13912345001', unit: '县水利局', community: '北门社区', compound: '北门花园小区', building: '北门花园1栋', skills: '水电维修' },
  { name: '钱芳', phone: '13912345002', unit: '县水利局', community: '城南社区' },
  { name: '周强', phone: '13912345003', unit: '水务有限公司', community: '城南社区' },
  { name: '吴敏', phone: '13912345004', unit: '县水利局', community: '北门社区' },
  { name: '郑华', phone: '13912345005', unit: '县水利局', community: '北门社区' },
]

beforeAll(async () => {
  stack = await startTestStack({ seed: true })
  const fileBase64 = (await buildWorkbook({ members: MEMBERS })).toString('base64')
  const imported = await stack.call('imports', { action: 'importWorkbook', fileBase64, fileName: 'members.xlsx' }, 'demo-county-admin')
  if (imported.result.code !== 0) throw new Error(`import failed: ${JSON.stringify(imported.result)}`)
}, 120_000)

afterAll(async () => {
  await stack?.close()
})

const call = (action: string, input: Record<string, unknown>, openid: string) => stack.call('registration', { action, ...input }, openid)
const db = () => stack.emulator.db
const LIVE = { $in: ['pending_unit', 'pending_community', 'registered'] }

/** The 报到 form as the person fills it in, with the phone the community imported. */
const form = (name: string, phone: string, over: Record<string, unknown> = {}) => ({
  name,
  phone,
  unitId: 'unit-water-bureau',
  communityId: 'org-beimen',
  skills: [],
  freeTime: [],
  ...over,
})

const importedOf = (phone: string) => db().collection('registrations').findOne({ phone, source: 'import' })!

/** Everything a refused call must leave as it was. */
function snapshot() {
  return { registrations: db().collection('registrations').find({}), users: db().collection('users').find({}) }
}

describe('the import left members waiting for their person', () => {
  test('each imported member is registered with nobody behind it', () => {
    for (const m of MEMBERS) {
      expect(importedOf(m.phone)).toMatchObject({ name: m.name, state: 'registered', userId: null, source: 'import', history: [{ verb: 'import', from: null, to: 'registered' }] })
    }
  })
})

describe('same phone, same name: the person binds the imported registration', () => {
  let regId: string

  test('no second registration: the card is the imported one, 已报到, with its history and a bind entry', async () => {
    const imported = importedOf('13912345001')
    regId = imported._id
    const before = db().collection('registrations').count({})
    // The form names another community and building: binding keeps the imported place (a different one is a move).
    const { result, roundTrips } = await call(
      'register',
      form('孙立', '13912345001', { communityId: 'org-chengnan', buildingId: 'org-chengnan-b1', skills: ['驾驶'], skillNote: '周末可以开车', freeTime: ['周末白天'] }),
      'bind-sun',
    )
    expect(result.code).toBe(0)
    expect(result.data).toMatchObject({
      id: regId,
      state: 'registered',
      stateLabel: '已报到',
      name: '孙立',
      phoneMasked: '139****5001',
      unit: { id: 'unit-water-bureau', name: '县水利局' },
      community: { id: 'org-beimen', name: '北门社区' },
      building: { id: 'org-beimen-b1', name: '北门花园1栋' },
      skills: ['水电维修', '驾驶'],
      skillNote: '周末可以开车',
      freeTime: ['周末白天'],
      missing: [],
    })
    expect(result.data.history.map((h: { verb: string; from: string | null; to: string; byName: string }) => [h.verb, h.from, h.to, h.byName])).toEqual([
      ['import', null, 'registered', '赵志强'],
      ['bind', 'registered', 'registered', '孙立'],
    ])
    // Reads (person, unit, org nodes, imports with this phone) together; create the person; claim; bind.
    expect(roundTrips).toBe(7)

    expect(db().collection('registrations').count({})).toBe(before)
    const [person] = db().collection('users').find({ openid: 'bind-sun' })
    expect(person).toMatchObject({ name: '孙立', phone: '13912345001', liveRegistrationId: regId })
    const stored = db().collection('registrations').findOne({ _id: regId })!
    expect(stored).toMatchObject({ userId: person._id, state: 'registered', source: 'import', communityId: 'org-beimen' })
    expect(stored.history.at(-1)).toMatchObject({ verb: 'bind', by: person._id, byName: '孙立' })
    expect(new Date(stored.history.at(-1).at).getTime()).toBeGreaterThan(0)
    expect(db().collection('registrations').count({ phone: '13912345001', state: LIVE })).toBe(1)
  })

  test('the person is a member of the imported community at once, and their card comes in one round trip', async () => {
    const who = await stack.call('users', { action: 'whoami' }, 'bind-sun')
    expect(who.result.data.roles).toContainEqual({ kind: 'member', scopeId: 'org-beimen', scopeName: '北门社区', label: '在职党员' })
    const card = await call('myCard', {}, 'bind-sun')
    expect(card.result.data).toMatchObject({ id: regId, state: 'registered', stateLabel: '已报到' })
    expect(card.roundTrips).toBe(1)
  })

  test('registering again is ALREADY_REGISTERED after the reads, nothing written', async () => {
    const before = snapshot()
    const { result, roundTrips } = await call('register', form('孙立', '13912345001'), 'bind-sun')
    expect(result).toEqual({ code: 'REGISTRATION.ALREADY_REGISTERED', message: '您已有一份有效的报到，如需更换社区或单位请使用「迁移」' })
    expect(roundTrips).toBe(4)
    expect(snapshot()).toEqual(before)
  })

  test('once bound, the same name and phone from another WeChat account is ALREADY_CLAIMED, nothing written', async () => {
    const before = snapshot()
    const { result, roundTrips } = await call('register', form('孙立', '13912345001'), 'bind-sun-second-phone')
    expect(result).toEqual({ code: 'REGISTRATION.ALREADY_CLAIMED', message: '这份导入的报到刚刚已被另一个微信账号认领，请联系社区核实' })
    expect(roundTrips).toBe(4)
    expect(snapshot()).toEqual(before)
    expect(db().collection('registrations').findOne({ _id: regId })!.userId).toBe(db().collection('users').findOne({ openid: 'bind-sun' })!._id)
  })

  test('an existing person (seen before, nothing live) binds in 6 round trips', async () => {
    await stack.call('users', { action: 'whoami' }, 'bind-wu')
    const { result, roundTrips } = await call('register', form('吴敏', '13912345004'), 'bind-wu')
    expect(result.data).toMatchObject({ id: importedOf('13912345004')._id, state: 'registered' })
    expect(roundTrips).toBe(6)
  })
})

describe('same phone, another name: refused, nothing written', () => {
  test.each([
    ['someone never seen', 'impostor-new', '钱芳芳'],
    ['someone seen before', 'impostor-known', '钱方'],
  ])('%s gets REGISTRATION.PHONE_TAKEN after the reads', async (_label, openid, name) => {
    if (openid === 'impostor-known') await stack.call('users', { action: 'whoami' }, openid)
    const before = snapshot()
    const { result, roundTrips } = await call('register', form(name, '13912345002'), openid)
    expect(result).toEqual({ code: 'REGISTRATION.PHONE_TAKEN', message: '这个手机号已登记在另一位党员名下，请联系社区核实' })
    expect(roundTrips).toBe(4)
    expect(snapshot()).toEqual(before)
    expect(importedOf('13912345002').userId).toBeNull()
  })
})

describe('binds racing each other', () => {
  test('four WeChat accounts bind the same imported member at once: one wins, the others ALREADY_CLAIMED', async () => {
    const imported = importedOf('13912345003')
    const before = db().collection('registrations').count({})
    // Four warm instances (the runner's limit), so the calls really run side by side.
    await stack.runner.warm(['registration'], 4)
    const openids = Array.from({ length: 4 }, (_v, i) => `race-bind-${i}`)
    const results = await Promise.all(openids.map((openid) => call('register', form('周强', '13912345003'), openid)))
    const winners = results.filter((r) => r.result.code === 0)
    expect(winners).toHaveLength(1)
    for (const r of results.filter((x) => x.result.code !== 0)) {
      expect(r.result).toEqual({ code: 'REGISTRATION.ALREADY_CLAIMED', message: '这份导入的报到刚刚已被另一个微信账号认领，请联系社区核实' })
      // A loser that read after the winner bound is refused after the reads (4); one that raced it
      // made its person, claimed, lost the conditional bind, read why and gave its pointer back (9).
      expect([4, 9]).toContain(r.roundTrips)
    }
    console.log(`racing binds, round trips: ${results.map((r) => `${r.result.code}:${r.roundTrips}`).join(' ')}`)
    const winnerOpenid = openids[results.findIndex((r) => r.result.code === 0)]
    const stored = db().collection('registrations').findOne({ _id: imported._id })!
    const winner = db().collection('users').findOne({ openid: winnerOpenid })!
    expect(stored.userId).toBe(winner._id)
    expect(winner.liveRegistrationId).toBe(imported._id)
    expect(stored.history.filter((h: { verb: string }) => h.verb === 'bind')).toHaveLength(1)
    // The losers hold nothing: their pointers are back to null (or they were never created), and no registration was inserted.
    for (const openid of openids.filter((o) => o !== winnerOpenid)) {
      expect(db().collection('users').findOne({ openid })?.liveRegistrationId ?? null).toBeNull()
    }
    expect(db().collection('registrations').count({})).toBe(before)
  })

  test('binds held at the conditional update until all have read: exactly one changes the record', async () => {
    // The bind step of bind.ts in this process, through the unchanged wx-server-sdk against the
    // same emulator, with the real database except that each bind's update waits until every racer
    // has read and claimed: the interleaving a busy server can produce, made certain.
    Object.assign(process.env, sdkEnv(stack.emulator.adminUrl('bind-race-test')))
    const { bindImported, findImportedByPhone } = await import('./bind')
    const { database } = await import('../../../server/kit')
    const db = database()
    const RACERS = 3
    let arrived = 0
    let release: () => void = () => undefined
    const allArrived = new Promise<void>((resolve) => (release = resolve))
    const heldDb = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'collection') return Reflect.get(target, prop, receiver)
        return (name: string) => {
          const coll = target.collection(name)
          if (name !== 'registrations') return coll
          return new Proxy(coll, {
            get(c, p, r) {
              if (p !== 'where') return Reflect.get(c, p, r)
              return (q: object) => {
                const query = c.where(q)
                return new Proxy(query, {
                  get(qq, pp, rr) {
                    if (pp !== 'update') return Reflect.get(qq, pp, rr)
                    return async (options: never) => {
                      if (++arrived === RACERS) release()
                      await allArrived
                      return qq.update(options)
                    }
                  },
                })
              }
            },
          })
        }
      },
    }) as typeof db

    const fileBase64 = (await buildWorkbook({ members: [{ name: '陈静', phone: '13912345007', unit: '县水利局', community: '北门社区' }] })).toString('base64')
    expect((await stack.call('imports', { action: 'importWorkbook', fileBase64, fileName: 'race.xlsx' }, 'demo-county-admin')).result.code).toBe(0)
    const imported = importedOf('13912345007')
    const input = { ...form('陈静', '13912345007'), skills: [], freeTime: [] } as Parameters<typeof bindImported>[1]
    const outcomes = await Promise.allSettled(
      Array.from({ length: RACERS }, async (_v, i) => {
        const ctx = { identity: { openid: `held-race-${i}` }, db: heldDb, now: new Date() }
        return bindImported(ctx, input, null, null, await findImportedByPhone(ctx, '13912345007'))
      }),
    )
    const won = outcomes.filter((o) => o.status === 'fulfilled')
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost.map((o) => o.reason.code)).toEqual(Array(RACERS - 1).fill('REGISTRATION.ALREADY_CLAIMED'))
    const stored = importedOf('13912345007')
    expect(stored.history.filter((h: { verb: string }) => h.verb === 'bind')).toHaveLength(1)
    const owners = Array.from({ length: RACERS }, (_v, i) => stack.emulator.db.collection('users').findOne({ openid: `held-race-${i}` })!)
    // Every racer's person exists (each claimed its own pointer); only the winner still points at it.
    expect(owners.filter((u) => u.liveRegistrationId === imported._id)).toEqual([expect.objectContaining({ _id: stored.userId })])
    expect(owners.filter((u) => u.liveRegistrationId === null)).toHaveLength(RACERS - 1)
  })

  test('one person tapping 提交 five times at once binds once', async () => {
    await stack.call('users', { action: 'whoami' }, 'double-tap')
    const results = await Promise.all(Array.from({ length: 5 }, () => call('register', form('郑华', '13912345005'), 'double-tap')))
    const codes = results.map((r) => r.result.code)
    expect(codes.filter((c) => c === 0)).toHaveLength(1)
    expect(codes.filter((c) => c === 'REGISTRATION.ALREADY_REGISTERED')).toHaveLength(4)
    const stored = importedOf('13912345005')
    expect(stored.userId).toBe(db().collection('users').findOne({ openid: 'double-tap' })!._id)
    expect(stored.history.filter((h: { verb: string }) => h.verb === 'bind')).toHaveLength(1)
  })
})

describe('a bind cut short between the claim and the bind', () => {
  test('the next submission finishes it instead of refusing', async () => {
    const fileBase64 = (await buildWorkbook({ members: [{ name: '冯雪', phone: '13912345006', unit: '县水利局', community: '北门社区' }] })).toString('base64')
    expect((await stack.call('imports', { action: 'importWorkbook', fileBase64, fileName: 'one.xlsx' }, 'demo-county-admin')).result.code).toBe(0)
    const imported = importedOf('13912345006')
    // As if the instance died after claiming the pointer: it names the imported registration, still unbound.
    await db().collection('users').insertOne({ _id: 'user-cut-short', openid: 'cut-short', roles: [], liveRegistrationId: imported._id, createdAt: new Date(), updatedAt: new Date() })
    const { result, roundTrips } = await call('register', form('冯雪', '13912345006'), 'cut-short')
    expect(result.data).toMatchObject({ id: imported._id, state: 'registered' })
    expect(roundTrips).toBe(6)
    expect(importedOf('13912345006').userId).toBe('user-cut-short')
    expect(importedOf('13912345006').history.map((h: { verb: string }) => h.verb)).toEqual(['import', 'bind'])
  })
})
