import { findPhones, maskName, maskPhone, privateKindsIn, redactText } from './privacy'

describe('masking', () => {
  test.each([
    ['王秀英', '王**'],
    ['李娜', '李**'],
    ['欧阳娜娜', '欧**'],
    ['  张三  ', '张**'],
    ['𠀋大爷', '𠀋**'],
    ['Alice', 'A**'],
    ['\u200b王秀英', '王**'],
    ['', ''],
    ['   ', ''],
    [null, ''],
    [undefined, ''],
  ])('maskName(%p) = %p', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })

  test('the name mask does not tell how long the name is', () => {
    expect(maskName('李娜')).toHaveLength(maskName('欧阳娜娜').length)
  })

  test.each([
    ['13812341234', '138****1234'],
    ['1381234', '*******'],
    ['075512345678', '********'],
    ['', null],
    [null, null],
  ])('maskPhone(%p) = %p', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })
})

describe('phones in free text', () => {
  test.each([
    ['需要轮椅，电话13812341234', ['13812341234']],
    ['联系 138 1234 1234', ['13812341234']],
    ['联系138-1234-1234谢谢', ['13812341234']],
    ['全角１３８１２３４１２３４', ['13812341234']],
    ['座机0755-12345678', ['075512345678']],
    ['+86 13812341234', ['8613812341234']],
    ['两个：13812341234 和 13900001111', ['13812341234', '13900001111']],
    // A digit typed just before the number, with a space, does not hide it.
    ['需要2 13812341234', ['213812341234']],
    // Not phones: values, rooms, dates, a short number.
    ['预估价值300元', []],
    ['3栋2单元501', []],
    ['2026-11-22 上午', []],
    ['12345678901', []],
    ['1381234123', []],
  ])('findPhones(%p)', (text, phones) => {
    expect(findPhones(text)).toEqual(phones)
  })

  const facts = { name: '王秀英', phone: '13812341234', address: ['2单元501', '3栋'] }
  test.each([
    ['想要一台点读机', []],
    ['王奶奶想要一台新轮椅', []],
    ['王秀英想要一台新轮椅', ['name']],
    ['打13812341234找她', ['phone']],
    ['打1234-1234找她', ['phone']],
    ['住3栋2单元501', ['address']],
    ['王秀英 13812341234 3栋', ['phone', 'name', 'address']],
  ])('privateKindsIn(%p)', (text, kinds) => {
    expect(privateKindsIn(text, facts).sort()).toEqual([...kinds].sort())
  })

  test.each([
    ['王秀英想要轮椅', '王**想要轮椅'],
    ['电话13812341234', '电话138****1234'],
    ['电话 138 1234 1234 找我', '电话 138****1234 找我'],
    ['别人的13900001111也不行', '别人的139****1111也不行'],
    ['只写了后八位1234 1234', '只写了后八位********'],
    ['要2个 138 1234 1234', '要2个 138****1234'],
    ['需要2 13812341234', '需要********'],
    ['3栋2单元501的轮椅', '******的轮椅'],
    ['想要一台点读机', '想要一台点读机'],
  ])('redactText(%p) = %p', (text, out) => {
    expect(redactText(text, facts)).toBe(out)
  })
})

/**
 * Issue 10, defect 1: a title or details carrying part of the beneficiary's phone (any 7 or more
 * consecutive digits of it, not only the last 7), any mobile at all, the name spaced out or the door
 * number must be refused at the intake (privateKindsIn) and masked everywhere else (redactText).
 */
describe('parts of the phone, the name spaced out, the door number', () => {
  // The beneficiaries: 13966315424 and 13911112222.
  const a = { name: '王秀英', phone: '13966315424', address: ['2单元501', '北门花园1栋'] }
  const b = { name: '李建华', phone: '13911112222', address: ['3-1203室', '北门花园2栋'] }
  const none = {}

  test.each([
    // The exact strings.
    ['暖手宝1396631542', a, ['phone']],
    ['有事请打1396631542找家属', a, ['phone']],
    ['请打9111122找家属', b, ['phone']],
    // Every 7 consecutive digits of the phone, wherever they start.
    ['1396631', a, ['phone']],
    ['3966315', a, ['phone']],
    ['9663154', a, ['phone']],
    ['6631542', a, ['phone']],
    ['找6315424', a, ['phone']],
    ['9111122', b, ['phone']],
    ['1112222', b, ['phone']],
    // In any shape: spaced, dashed, full-width, with invisible characters between the digits.
    ['请打 911-1122 找家属', b, ['phone']],
    ['139 6631 542', a, ['phone']],
    ['138 - 1234 - 1234', none, ['phone']],
    ['暖手宝１３９６６３１５４２', a, ['phone']],
    ['暖手宝1396\u200b631542', a, ['phone']],
    ['暖手宝139\u202e6631542', a, ['phone']],
    ['1\u200d3\u200d9\u200d6\u200d6\u200d3\u200d1', a, ['phone']],
    // Any mobile at all, whoever's it is.
    ['家属15000001111', a, ['phone']],
    ['家属15000001111', none, ['phone']],
    // The full name, also spaced out or with invisible characters.
    ['王 秀 英想要一台轮椅', a, ['name']],
    ['王-秀-英想要一台轮椅', a, ['name']],
    ['王　秀　英想要一台轮椅', a, ['name']],
    ['王\u200b秀\ufeff英想要一台轮椅', a, ['name']],
    ['李 建 华', b, ['name']],
    // The door number standing alone, or with 室/号.
    ['送到501室', a, ['address']],
    ['501号的老人想要轮椅', a, ['address']],
    ['请送到501', a, ['address']],
    ['请送到５０１', a, ['address']],
    ['住1203', b, ['address']],
    ['住3-1203室', b, ['address']],
    // Everyday numbers pass.
    ['3件毛衣', a, []],
    ['2026年冬天想要一个暖手宝', a, []],
    ['想要1台取暖器（约300元）', a, []],
    ['价值501元的电暖器', a, []],
    ['¥501的电暖器', a, []],
    ['要501件', a, []],
    ['2026-11-22 上午送来', a, []],
    // Six digits of the phone are not enough, nor twelve digits that are no mobile.
    ['966315', a, []],
    ['暖手宝139663', a, []],
    ['12345678901', none, []],
    // A door number that is part of a longer number is not the door.
    ['编号15012', a, []],
    // The surname and the given name alone are how people speak of her.
    ['王奶奶想要暖手宝', a, []],
    ['秀英奶奶想要暖手宝', a, []],
  ])('privateKindsIn(%p)', (text, facts, kinds) => {
    expect(privateKindsIn(text, facts).sort()).toEqual([...kinds].sort())
  })

  test.each([
    ['暖手宝1396631542', a, '暖手宝********'],
    ['有事请打1396631542找家属', a, '有事请打********找家属'],
    ['请打9111122找家属', b, '请打*******找家属'],
    ['请打 911-1122 找家属', b, '请打 ******* 找家属'],
    ['暖手宝1396\u200b631542', a, '暖手宝********'],
    ['暖手宝１３９６６３１５４２', a, '暖手宝********'],
    ['家属15000001111', a, '家属150****1111'],
    ['王 秀 英想要一台轮椅', a, '王**想要一台轮椅'],
    ['王\u200b秀英想要一台轮椅', a, '王**想要一台轮椅'],
    ['送到501室，王秀英收', a, '送到***室，王**收'],
    ['请送到501', a, '请送到***'],
    ['住3-1203室', b, '住***'],
    // Invisible characters go, whatever else the text holds.
    ['想要\u202e暖手宝\u0000', a, '想要暖手宝'],
    // Everyday numbers stay.
    ['3件毛衣', a, '3件毛衣'],
    ['2026年冬天想要一个暖手宝', a, '2026年冬天想要一个暖手宝'],
    ['价值501元的电暖器', a, '价值501元的电暖器'],
    ['暖手宝139663', a, '暖手宝139663'],
  ])('redactText(%p) = %p', (text, facts, out) => {
    expect(redactText(text, facts)).toBe(out)
  })

  test('what redactText leaves has nothing privateKindsIn refuses', () => {
    for (const text of ['暖手宝1396631542', '有事请打1396631542找家属，王 秀 英，501室', '139 6631 542', '送到2单元501']) {
      expect(privateKindsIn(redactText(text, a), a)).toEqual([])
    }
  })
})
