/**
 * @jest-environment node
 */
// Node, not jsdom: sass reads the stylesheet and the tokens it uses from disk.
import path from 'path'
import * as sass from 'sass'

const css = sass.compile(path.join(__dirname, 'TabBar.scss'), { style: 'expanded' }).css
const rule = (selector: string) => {
  const m = new RegExp(`\\n${selector.replace(/[.]/g, '\\.')} \\{([^}]*)\\}`).exec(css)
  if (!m) throw new Error(`no rule ${selector} in TabBar.scss`)
  return m[1]
}

test('the selected tab is bold and underlined, not only another colour (TabBar.scss as built)', () => {
  const plain = rule('.tab-bar__item')
  const selected = rule('.tab-bar__item--selected')
  expect(plain).toMatch(/border-bottom: 6px solid transparent/)
  expect(selected).toMatch(/font-weight: bold/)
  expect(selected).toMatch(/border-bottom-color: var\(--lx-r\)/)
})

test('labels as large as page text (≥ 32 design px), tabs at least 88 tall, the care palette on .care', () => {
  const plain = rule('.tab-bar__item')
  expect(Number(/font-size: (\d+)px/.exec(plain)![1])).toBeGreaterThanOrEqual(32)
  expect(Number(/min-height: (\d+)px/.exec(plain)![1])).toBeGreaterThanOrEqual(88)
  expect(rule('.tab-bar.care')).toMatch(/--lx-t2: #1f1f1f/)
})
