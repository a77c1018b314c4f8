import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { renderReport } from './render'
import { ReportImage, reportAlt } from './ReportImage'
import { reportFixture } from './fixture'

jest.mock('./render', () => ({ renderReport: jest.fn() }))
const renderMock = renderReport as jest.MockedFunction<typeof renderReport>

afterEach(() => {
  renderMock.mockReset()
  jest.restoreAllMocks()
})

test('生成分享图 draws the report, shows the picture (with words for a screen reader) and offers to save or share it', async () => {
  let done!: (url: string) => void
  renderMock.mockReturnValue(new Promise((resolve) => (done = resolve)))
  const report = reportFixture()
  render(<ReportImage report={report} />)
  expect(screen.queryByTestId('report-picture')).toBeNull()
  fireEvent.click(screen.getByTestId('report-image-make'))
  await waitFor(() => expect(screen.getByTestId('report-image-make').textContent).toBe('正在生成…'))
  // A second tap while drawing draws nothing more.
  fireEvent.click(screen.getByTestId('report-image-make'))
  done('data:image/png;base64,AAAA')
  await waitFor(() => expect(screen.getByTestId('report-image').getAttribute('data-state')).toBe('done'))
  expect(renderMock).toHaveBeenCalledTimes(1)
  expect(renderMock).toHaveBeenCalledWith(report)
  expect(screen.getByTestId('report-picture')).toBeTruthy()
  expect(reportAlt(report)).toBe('龙门县2026年11月党员双报到工作进度通报分享图，内容与本页文字相同')

  const clicked: Array<{ href: string; download: string }> = []
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download })
  })
  fireEvent.click(screen.getByTestId('report-image-save'))
  await waitFor(() => expect(clicked).toEqual([{ href: 'data:image/png;base64,AAAA', download: '龙门县2026年11月党员双报到工作进度通报.png' }]))
})

test('where no picture can be drawn it says so; the report stays on the page in words', async () => {
  renderMock.mockResolvedValue(null)
  render(<ReportImage report={reportFixture()} />)
  fireEvent.click(screen.getByTestId('report-image-make'))
  expect((await screen.findByTestId('report-image-none')).textContent).toContain('这里不能生成图片')
  expect(screen.queryByTestId('report-image-save')).toBeNull()
})
