import { findPhones, maskName, maskPhone, privateKindsIn, redactText } from './privacy'

describe('masking', () => {
  test.each([
    ['王秀英', '王**'],
    ['李娜', '李**'],
    ['欧阳娜娜', '欧**'],
    ['  张三  ', '张**'],
    ['𠀋大爷', '𠀋**'],
    ['Alice', 'A**'],
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
