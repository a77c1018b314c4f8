import { render, screen, waitFor } from '@testing-library/react'
import type { IssuedCertificate } from '@domain/api/activities'
import { renderCertificate } from './render'
import { CertificateImage, certificateAlt } from './CertificateImage'

jest.mock('./render', () => ({ renderCertificate: jest.fn() }))
const renderMock = renderCertificate as jest.MockedFunction<typeof renderCertificate>

const issued: IssuedCertificate = {
  number: 'LX2026-0000DE30',
  maskedName: '李**',
  totalHours: 320.5,
  yearHours: 42,
  year: 2026,
  stars: 2,
  issuer: '龙门县委组织部',
  issuedAt: '2026-11-20T02:00:00.000Z',
  qr: { scene: 'v:LX2026-0000DE30', page: 'packages/activities/pages/verify/index', imageBase64: 'iVBORw0KGgo=', contentType: 'image/png' },
}

afterEach(() => renderMock.mockReset())

test('draws with the verify code, shows the picture with its words for screen readers, the number and 保存图片', async () => {
  renderMock.mockResolvedValue('data:image/png;base64,AAAA')
  render(<CertificateImage certificate={issued} />)
  expect(screen.getByTestId('certificate-image').textContent).toContain('正在生成证明图片')
  await waitFor(() => expect(screen.getByTestId('certificate-image').getAttribute('data-drawn')).toBe('true'))
  expect(renderMock).toHaveBeenCalledWith(issued, 'iVBORw0KGgo=')
  expect(screen.getByTestId('certificate-number').textContent).toBe('证明编号：LX2026-0000DE30')
  expect(screen.getByTestId('certificate-save').textContent).toBe('保存图片')
  expect(certificateAlt(issued)).toBe('服务证明，编号LX2026-0000DE30，李**，累计服务320.5小时，2026年服务42小时，2星，龙门县委组织部出具')
})

test('where no picture can be drawn, it says so and keeps the number; nothing to save', async () => {
  renderMock.mockResolvedValue(null)
  render(<CertificateImage certificate={issued} />)
  await waitFor(() => expect(screen.getByTestId('certificate-image').textContent).toContain('这里不能生成图片'))
  expect(screen.getByTestId('certificate-number').textContent).toContain('LX2026-0000DE30')
  expect(screen.queryByTestId('certificate-save')).toBeNull()
})
