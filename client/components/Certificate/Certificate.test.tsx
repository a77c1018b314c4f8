import { render, screen } from '@testing-library/react'
import type { CertificateView } from '@domain/api/activities'
import { Certificate } from './Certificate'
import { certificateLines } from './lines'

const cert: CertificateView = {
  number: 'LX2026-0000DE30',
  maskedName: '李**',
  totalHours: 320.5,
  yearHours: 42,
  year: 2026,
  stars: 2,
  issuer: '龙门县委组织部',
  // 2026-11-20 23:30 in China: the date shown is China's.
  issuedAt: '2026-11-20T15:30:00.000Z',
}

test('every line of the certificate, in China time, the name as the function masked it', () => {
  expect(certificateLines(cert).map((l) => `${l.label}：${l.value}`)).toEqual([
    '证明编号：LX2026-0000DE30',
    '姓名：李**',
    '累计服务时长：320.5 小时',
    '2026年服务时长：42 小时',
    '星级：★★☆☆☆ 2 星',
    '出具单位：龙门县委组织部',
    '出具日期：2026年11月20日',
  ])
})

test('shown in words with the stars as text, the number on the root', () => {
  render(<Certificate certificate={cert} large />)
  const root = screen.getByTestId('certificate')
  expect(root.getAttribute('data-number')).toBe('LX2026-0000DE30')
  expect(root.textContent).toContain('服务证明')
  expect(screen.getByTestId('certificate-name-value').textContent).toBe('李**')
  expect(screen.getByTestId('certificate-total-value').textContent).toBe('320.5 小时')
  expect(screen.getByTestId('certificate-year').textContent).toContain('2026年服务时长')
  expect(screen.getByTestId('star-text').textContent).toBe('2 星')
  expect(screen.getByTestId('certificate-issuer-value').textContent).toBe('龙门县委组织部')
  expect(screen.getByTestId('certificate-date-value').textContent).toBe('2026年11月20日')
})
