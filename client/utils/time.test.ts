import { formatChinaTime } from './time'

test('shows an instant in China time whatever the machine zone is', () => {
  expect(formatChinaTime('2026-11-22T06:05:00.000Z')).toBe('2026-11-22 14:05')
  // Past midnight in China while still the previous day in UTC.
  expect(formatChinaTime('2026-11-30T17:30:00Z')).toBe('2026-12-01 01:30')
  expect(formatChinaTime('2026-11-22T09:00:00+08:00', 'M月D日 HH:mm')).toBe('11月22日 09:00')
})

test('a value that is not a time shows nothing rather than "Invalid Date"', () => {
  expect(formatChinaTime('not a date')).toBe('')
})
