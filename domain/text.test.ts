import { stripInvisible, stripInvisibleDeep } from './text'

describe('stripInvisible', () => {
  test.each([
    // Kept: ordinary text, tabs and line feeds, other spaces, emoji, rare characters.
    ['想要一台收音机', '想要一台收音机'],
    ['第一行\n第二行\t完', '第一行\n第二行\t完'],
    ['全角　空格 和 non-breaking\u00a0space', '全角　空格 和 non-breaking\u00a0space'],
    ['𠀋大爷🙂', '𠀋大爷🙂'],
    ['', ''],
    // NUL and the other C0 controls, a carriage return, DEL and the C1 controls.
    ['a\u0000b', 'ab'],
    ['a\u0001\u0007\u0008\u000b\u000c\u001b\u001fb', 'ab'],
    ['第一行\r\n第二行', '第一行\n第二行'],
    ['a\u007f\u0080\u0085\u009fb', 'ab'],
    // Bidi marks, embeddings, overrides and isolates.
    ['\u202e4321\u202c', '4321'],
    ['a\u202a\u202b\u202c\u202d\u202eb', 'ab'],
    ['a\u2066\u2067\u2068\u2069b', 'ab'],
    ['a\u200e\u200f\u061cb', 'ab'],
    // Zero-width characters, the word joiner, invisible operators, the byte-order mark.
    ['1396\u200b631542', '1396631542'],
    ['\ufeff王\u200c秀\u200d英\u2060', '王秀英'],
    ['a\u2061\u2062\u2063\u2064b', 'ab'],
  ])('stripInvisible(%j) = %j', (text, out) => {
    expect(stripInvisible(text)).toBe(out)
  })
})

describe('stripInvisibleDeep', () => {
  test('cleans every string inside plain objects and arrays, and nothing else', () => {
    const at = new Date('2026-11-20T02:00:00.000Z')
    class Box {
      constructor(public text: string) {}
    }
    const box = new Box('a\u200bb')
    const input = {
      title: '暖手宝1396\u200b631542',
      nested: { details: ['有事\u0000请打', { note: '\u202e送达' }], n: 3, ok: true, none: null, missing: undefined },
      at,
      box,
    }
    const out = stripInvisibleDeep(input)
    expect(out).toEqual({ title: '暖手宝1396631542', nested: { details: ['有事请打', { note: '送达' }], n: 3, ok: true, none: null, missing: undefined }, at, box })
    // Dates and class instances are the same objects, untouched; the input is not changed.
    expect(out.at).toBe(at)
    expect(out.box).toBe(box)
    expect(box.text).toBe('a\u200bb')
    expect(input.title).toBe('暖手宝1396\u200b631542')
  })

  test.each([
    ['a\u200bb', 'ab'],
    [42, 42],
    [null, null],
    [undefined, undefined],
    [['x\u200b', 1], ['x', 1]],
  ])('stripInvisibleDeep(%j)', (value, out) => {
    expect(stripInvisibleDeep(value)).toEqual(out)
  })

  test('a __proto__ key from parsed JSON stays a plain key and does not become the prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": "x\u200b"}, "title": "t"}')
    const out = stripInvisibleDeep(parsed)
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect((out as { polluted?: unknown }).polluted).toBeUndefined()
    expect(Object.keys(out)).toEqual(['__proto__', 'title'])
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: 'x' })
  })

  test('an object without a prototype is cleaned and keeps having none', () => {
    const bare = Object.assign(Object.create(null), { t: 'a\u200bb' })
    const out = stripInvisibleDeep(bare)
    expect(Object.getPrototypeOf(out)).toBeNull()
    expect(out.t).toBe('ab')
  })
})
