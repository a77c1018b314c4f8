import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ServiceItemSaveInput, ServiceItemView } from '@domain/api/orders'
import { OrderItemForm } from './OrderItemForm'

afterEach(() => {
  document.body.innerHTML = ''
})

const lamp: ServiceItemView = {
  id: 'si-lamp',
  communityId: 'org-beimen',
  category: '维修',
  title: '楼道灯每月巡检',
  description: '每月初检查楼道灯',
  skills: ['水电维修'],
  expectedHours: 2,
  capacity: 3,
  standing: true,
  active: true,
  joined: 2,
  seatsLeft: 1,
  mine: false,
}

function setup(item: ServiceItemView | null, answer: (input: ServiceItemSaveInput) => Promise<void> = async () => undefined) {
  const saved: ServiceItemSaveInput[] = []
  render(
    <OrderItemForm
      communityId='org-beimen'
      item={item}
      newId='si-new-1'
      onSave={async (input) => {
        saved.push(input)
        await answer(input)
      }}
      onCancel={() => undefined}
    />,
  )
  return saved
}

const pick = (field: string, value: string) => {
  fireEvent.click(screen.getByTestId(field))
  fireEvent.click(within(screen.getByTestId(`${field}-sheet`)).getAllByTestId('select-option').find((o) => o.getAttribute('data-value') === value)!)
}

test('a new item: every field goes out under the id made when the form opened', async () => {
  const saved = setup(null)
  expect(screen.getByTestId('item-form').getAttribute('data-mode')).toBe('new')
  pick('item-category', '助老')
  fireEvent.input(screen.getByTestId('item-title'), { target: { value: ' 陪老人去医院 ' } })
  fireEvent.input(screen.getByTestId('item-description'), { target: { value: '挂号、取药、陪诊' } })
  fireEvent.click(within(screen.getByTestId('item-skills')).getAllByTestId('choice-tag')[0])
  fireEvent.click(screen.getByTestId('item-hours-more'))
  fireEvent.click(screen.getByTestId('item-hours-more'))
  expect(screen.getByTestId('item-hours').textContent).toBe('2小时')
  fireEvent.input(screen.getByTestId('item-capacity'), { target: { value: '5' } })
  fireEvent.click(within(screen.getByTestId('item-standing')).getAllByTestId('item-chip')[0])
  // A new item is offered; 停用 is only for an existing one.
  expect(screen.queryByTestId('item-active')).toBeNull()
  fireEvent.click(screen.getByTestId('item-save'))
  const skill = within(screen.getByTestId('item-skills')).getAllByTestId('choice-tag')[0].getAttribute('data-value')
  await waitFor(() =>
    expect(saved).toEqual([
      { id: 'si-new-1', communityId: 'org-beimen', category: '助老', title: '陪老人去医院', description: '挂号、取药、陪诊', skills: [skill], expectedHours: 2, capacity: 5, standing: true, active: true },
    ]),
  )
})

test('checked on the phone with the domain rule: the message sits under its field and nothing is sent', async () => {
  const saved = setup(null)
  fireEvent.click(screen.getByTestId('item-save'))
  expect((await screen.findByTestId('item-category-error')).textContent).toBe('请选择服务类别')
  pick('item-category', '维修')
  fireEvent.input(screen.getByTestId('item-title'), { target: { value: '修' } })
  fireEvent.click(screen.getByTestId('item-save'))
  expect((await screen.findByTestId('item-title-error')).textContent).toBe('请填写服务项目名称（2到30个字）')
  fireEvent.input(screen.getByTestId('item-title'), { target: { value: '修水管' } })
  fireEvent.input(screen.getByTestId('item-capacity'), { target: { value: '0' } })
  fireEvent.click(screen.getByTestId('item-save'))
  expect((await screen.findByTestId('item-capacity-error')).textContent).toBe('名额应为1到1000之间的整数')
  expect(saved).toEqual([])
})

test('editing: the item as it is; a capacity below those who joined is refused before sending; 停用 goes out', async () => {
  const saved = setup(lamp)
  expect(screen.getByTestId('item-form').getAttribute('data-mode')).toBe('edit')
  expect((screen.getByTestId('item-title') as HTMLInputElement).getAttribute('value') ?? (screen.getByTestId('item-title') as HTMLInputElement).value).toBe('楼道灯每月巡检')
  fireEvent.input(screen.getByTestId('item-capacity'), { target: { value: '1' } })
  fireEvent.click(screen.getByTestId('item-save'))
  expect((await screen.findByTestId('item-capacity-error')).textContent).toBe('名额不能少于已认领的人数')
  fireEvent.input(screen.getByTestId('item-capacity'), { target: { value: '4' } })
  fireEvent.click(within(screen.getByTestId('item-active')).getAllByTestId('item-chip')[1])
  fireEvent.click(screen.getByTestId('item-save'))
  await waitFor(() => expect(saved).toHaveLength(1))
  expect(saved[0]).toMatchObject({ id: 'si-lamp', capacity: 4, active: false, standing: true, skills: ['水电维修'] })
})

test('a refusal from the function shows its Chinese message (under the field when it names one)', async () => {
  setup(lamp, async () => {
    throw { code: 'ORDER.CAPACITY_BELOW_CLAIMED', message: '名额不能少于已认领的人数' }
  })
  fireEvent.click(screen.getByTestId('item-save'))
  expect((await screen.findByTestId('item-capacity-error')).textContent).toBe('名额不能少于已认领的人数')
  document.body.innerHTML = ''
  setup(lamp, async () => {
    throw { code: 'AUTH.FORBIDDEN', message: '您没有权限进行这个操作' }
  })
  fireEvent.click(screen.getByTestId('item-save'))
  const problem = await screen.findByTestId('item-error')
  expect([problem.getAttribute('data-code'), problem.textContent]).toEqual(['AUTH.FORBIDDEN', '您没有权限进行这个操作'])
})
