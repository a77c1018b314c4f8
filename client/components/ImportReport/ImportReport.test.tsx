import { render, screen } from '@testing-library/react'
import { ImportErrors, ImportSummaryView } from './ImportReport'

test('the summary names every kind, zeros included', () => {
  render(<ImportSummaryView title='将导入' summary={{ communities: 1, compounds: 2, units: 0, members: 3 }} />)
  expect(screen.getByTestId('import-summary-communities').textContent).toBe('新建社区1 个')
  expect(screen.getByTestId('import-summary-compounds').textContent).toBe('新建小区2 个')
  expect(screen.getByTestId('import-summary-units').textContent).toBe('新建单位0 个')
  expect(screen.getByTestId('import-summary-members').textContent).toBe('导入党员3 人')
})

test('every bad row is listed with its sheet, row, column and reason', () => {
  render(
    <ImportErrors
      message='表格中有2行有错误，没有导入任何数据，请改正后重新导入'
      errors={[
        { sheet: '党员', row: 3, column: '手机号', message: '手机号「1391234」格式不对，应为11位手机号' },
        { sheet: '单位', row: 1, message: '表格里没有可导入的数据' },
      ]}
    />,
  )
  expect(screen.getByTestId('import-errors-message').textContent).toBe('表格中有2行有错误，没有导入任何数据，请改正后重新导入')
  const rows = screen.getAllByTestId('import-error')
  expect(rows.map((r) => [r.getAttribute('data-sheet'), r.getAttribute('data-row')])).toEqual([['党员', '3'], ['单位', '1']])
  expect(rows[0].textContent).toBe('党员 第3行\n手机号手机号「1391234」格式不对，应为11位手机号')
  expect(rows[1].textContent).toBe('单位 第1行表格里没有可导入的数据')
})

test('when more errors exist than were sent, it says how many are not listed', () => {
  render(<ImportErrors message='表格中有600行有错误' errors={[{ sheet: '党员', row: 2, column: '手机号', message: '格式不对' }]} more={100} />)
  expect(screen.getByTestId('import-errors-more').textContent).toBe('另有 100 处错误未列出，请先改正以上各行后重新选择文件')
})
