import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { HouseholdRow } from '@domain/api/households'
import { whoAmIStore } from '@/hooks/whoAmIStore'
import { stubFetch } from '@/test-support/fetchStub'
import { role, usersBackend, who } from '@/test-support/fixtures'
import { HouseholdPicker } from './HouseholdPicker'

let backend: ReturnType<typeof stubFetch>
beforeEach(() => whoAmIStore.reset())
afterEach(() => backend?.restore())

const GRID = who({ id: 'u-zhang', roles: [role('resident'), role('grid_worker', '北门第一网格')], activeRole: 'grid_worker' })
const row = (id: string, buildingId: string, door: string): HouseholdRow => ({
  id, buildingId, buildingName: buildingId === 'b1' ? '北门花园1栋' : '北门花园2栋', door, residentCount: 1, headline: '王**', tags: [], tagLabels: [], lastVisitAt: null, visitDueAt: null, overdue: false,
})

test('the places the person works, their doors masked a page at a time; a tap picks the household', async () => {
  backend = stubFetch({
    '/api/users': usersBackend(GRID),
    '/api/households': (req) => {
      const body = req.body as { action: string; placeId?: string; offset?: number }
      if (body.action === 'places') return { json: { code: 0, data: { places: [{ id: 'grid-1', name: '北门第一网格', kind: 'grid', parentName: null }, { id: 'b2', name: '北门花园2栋', kind: 'building', parentName: '北门第一网格' }] } } }
      const items = body.placeId === 'b2' ? [row('hh-3', 'b2', '1单元201')] : body.offset ? [row('hh-2', 'b1', '1单元302')] : [row('hh-1', 'b1', '1单元101')]
      return { json: { code: 0, data: { place: { id: body.placeId, name: 'x', kind: 'grid' }, items, total: 2, overdueCount: 0, nextOffset: body.placeId === 'grid-1' && !body.offset ? 1 : null } } }
    },
  })
  const onPick = jest.fn()
  const onClose = jest.fn()
  render(<HouseholdPicker onPick={onPick} onClose={onClose} />)
  const picker = screen.getByTestId('household-picker')
  await waitFor(() => expect(within(picker).getAllByTestId('household-row')).toHaveLength(1))
  expect(picker.textContent).toContain('王**')
  fireEvent.click(within(picker).getByTestId('household-picker-more'))
  await waitFor(() => expect(within(picker).getAllByTestId('household-row')).toHaveLength(2))

  fireEvent.click(within(picker).getAllByTestId('household-picker-place').find((p) => p.getAttribute('data-id') === 'b2')!)
  await waitFor(() => expect(within(picker).getAllByTestId('household-row').map((r) => r.getAttribute('data-id'))).toEqual(['hh-3']))
  fireEvent.click(within(picker).getByTestId('household-row'))
  expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ id: 'hh-3', buildingId: 'b2', door: '1单元201' }))
  fireEvent.click(within(picker).getByTestId('household-picker-close'))
  expect(onClose).toHaveBeenCalled()
})
