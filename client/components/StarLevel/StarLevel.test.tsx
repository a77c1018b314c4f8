import { render, screen } from '@testing-library/react'
import { nextStarText, StarLevel, starGlyphs } from './StarLevel'

test('three of five stars: ★★★☆☆ with "3 星" in words, the glyphs hidden from screen readers', () => {
  render(<StarLevel stars={3} />)
  expect(screen.getByTestId('star-glyphs').textContent).toBe('★★★☆☆')
  expect(screen.getByTestId('star-glyphs').getAttribute('aria-hidden')).toBe('true')
  expect(screen.getByTestId('star-text').textContent).toBe('3 星')
  expect(screen.getByTestId('star-level').getAttribute('data-stars')).toBe('3')
})

test('glyphs stay within 0 and the maximum', () => {
  expect(starGlyphs(0)).toBe('☆☆☆☆☆')
  expect(starGlyphs(5)).toBe('★★★★★')
  expect(starGlyphs(9)).toBe('★★★★★')
  expect(starGlyphs(-1)).toBe('☆☆☆☆☆')
})

test('the next star in words, and the top reached', () => {
  expect(nextStarText({ stars: 3, next: 1000, toNext: 120 })).toBe('再服务 120 小时可达 4 星')
  expect(nextStarText({ stars: 0, next: 100, toNext: 12.5 })).toBe('再服务 12.5 小时可达 1 星')
  expect(nextStarText({ stars: 5, next: null, toNext: null })).toBe('已达到最高星级 5 星')
})
