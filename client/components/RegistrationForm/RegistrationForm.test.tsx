import { useState } from 'react'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { register } from '@/services/registration'
import { stubFetch } from '@/test-support/fetchStub'
import { card, registrationBackend, registrationOptions } from '@/test-support/registration'
import { RegistrationForm } from './RegistrationForm'

let backend: ReturnType<typeof stubFetch>
let showToast: jest.SpyInstance

beforeEach(() => {
  showToast = jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
})
afterEach(() => {
  backend?.restore()
  jest.restoreAllMocks()
})

/** The form as the page holds it: the community lives outside, and its buildings follow it. */
function Harness({ initialCommunity, onDone = () => {}, onOpenCard }: { initialCommunity?: string; onDone?: () => void; onOpenCard?: () => void }) {
  const [communityId, setCommunityId] = useState(initialCommunity)
  return (
    <RegistrationForm
      options={registrationOptions(communityId)}
      communityId={communityId}
      onCommunityChange={setCommunityId}
      onSubmit={async (input) => {
        // A first 报到 always carries the phone (no keepPhone here); the schema refuses it empty.
        await register({ ...input, phone: input.phone ?? '' })
        onDone()
      }}
      onOpenCard={onOpenCard}
    />
  )
}

const type = (testId: string, value: string) => fireEvent.input(screen.getByTestId(testId), { target: { value } })

function choose(field: string, optionText: string) {
  fireEvent.click(screen.getByTestId(field))
  fireEvent.click(within(screen.getByTestId(`${field}-sheet`)).getByText(optionText))
}

test('a person fills the form and it is sent as the contract says', async () => {
  const fake = registrationBackend()
  backend = stubFetch({ '/api/registration': fake.handler })
  const onDone = jest.fn()
  render(<Harness initialCommunity='org-beimen' onDone={onDone} />)

  // Prefilled from the invitation.
  expect(screen.getByTestId('reg-community').textContent).toContain('北门社区')

  type('reg-name', '马小兵')
  type('reg-phone', '13912345678')
  choose('reg-unit', '县水利局')
  choose('reg-building', '北门花园2栋')
  fireEvent.click(screen.getByText('水电维修'))
  fireEvent.click(screen.getByText('助老陪护'))
  type('reg-skill-note', '会修自行车')
  fireEvent.click(screen.getByText('周末白天'))
  fireEvent.click(screen.getByTestId('reg-submit'))

  await waitFor(() => expect(onDone).toHaveBeenCalled())
  expect(backend.to('/api/registration').map((c) => c.body)).toEqual([
    {
      action: 'register',
      name: '马小兵',
      phone: '13912345678',
      unitId: 'unit-water-bureau',
      communityId: 'org-beimen',
      buildingId: 'org-beimen-b2',
      skills: ['水电维修', '助老陪护'],
      skillNote: '会修自行车',
      freeTime: ['周末白天'],
    },
  ])
  expect(fake.card?.state).toBe('pending_unit')
})

test('changing the community clears the building, whose list follows the community', () => {
  backend = stubFetch({})
  render(<Harness initialCommunity='org-beimen' />)
  choose('reg-building', '北门花园1栋')
  expect(screen.getByTestId('reg-building').getAttribute('data-value')).toBe('org-beimen-b1')

  choose('reg-community', '城南社区')
  expect(screen.getByTestId('reg-building').getAttribute('data-value')).toBe('')
  fireEvent.click(screen.getByTestId('reg-building'))
  const sheet = screen.getByTestId('reg-building-sheet')
  expect(within(sheet).getByText('城南雅苑1栋')).toBeTruthy()
  expect(within(sheet).queryByText('北门花园1栋')).toBeNull()
})

test('the shared schema refuses bad input before anything is sent, and each field says why', async () => {
  backend = stubFetch({ '/api/registration': registrationBackend().handler })
  render(<Harness />)
  type('reg-name', '马')
  type('reg-phone', '1391234')
  fireEvent.click(screen.getByTestId('reg-submit'))

  expect((await screen.findByTestId('reg-phone-error')).textContent).toBe('请填写11位手机号')
  expect(screen.getByTestId('reg-name-error').textContent).toBe('请填写真实姓名（至少两个字）')
  expect(screen.getByTestId('reg-unit-error').textContent).toBe('请选择工作单位')
  expect(screen.getByTestId('reg-community-error').textContent).toBe('请选择居住社区')
  expect(screen.getByTestId('reg-error').getAttribute('data-code')).toBe('REQUEST.INVALID')
  expect(screen.getByTestId('reg-error').textContent).toBe('请填写真实姓名（至少两个字）')
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请填写真实姓名（至少两个字）' }))
  expect(backend.calls).toHaveLength(0)

  // Fixing the fields and sending again clears the messages.
  type('reg-name', '马小兵')
  type('reg-phone', '13912345678')
  choose('reg-unit', '水务有限公司')
  choose('reg-community', '城南社区')
  fireEvent.click(screen.getByTestId('reg-submit'))
  await waitFor(() => expect(backend.calls).toHaveLength(1))
  await waitFor(() => expect(screen.queryByTestId('reg-error')).toBeNull())
  expect(screen.queryByTestId('reg-phone-error')).toBeNull()
})

test('a refusal from the backend is shown in its Chinese words, with the way to the card', async () => {
  backend = stubFetch({ '/api/registration': registrationBackend({ card: card('registered') }).handler })
  const onOpenCard = jest.fn()
  render(<Harness initialCommunity='org-beimen' onOpenCard={onOpenCard} />)
  type('reg-name', '马小兵')
  type('reg-phone', '13912345678')
  choose('reg-unit', '县水利局')
  fireEvent.click(screen.getByTestId('reg-submit'))

  const problem = await screen.findByTestId('reg-error')
  expect(problem.getAttribute('data-code')).toBe('REGISTRATION.ALREADY_REGISTERED')
  expect(problem.textContent).toContain('您已有一份有效的报到')
  fireEvent.click(screen.getByText('查看我的报到证 ›'))
  expect(onOpenCard).toHaveBeenCalled()
})

test('an unreachable backend says so and the form keeps what was typed', async () => {
  backend = stubFetch({ '/api/registration': () => ({ networkError: true }) })
  render(<Harness initialCommunity='org-beimen' />)
  type('reg-name', '马小兵')
  type('reg-phone', '13912345678')
  choose('reg-unit', '县水利局')
  fireEvent.click(screen.getByTestId('reg-submit'))

  expect((await screen.findByTestId('reg-error')).textContent).toBe('网络不给力，请检查网络后重试')
  expect((screen.getByTestId('reg-name') as HTMLInputElement).value).toBe('马小兵')
  expect(screen.getByTestId('reg-submit').textContent).toBe('提交报到')
})

describe('filled in already (迁移, 重新提交)', () => {
  function Prefilled({ onSubmit }: { onSubmit: (input: unknown) => Promise<void> }) {
    const [communityId, setCommunityId] = useState<string | undefined>('org-beimen')
    return (
      <RegistrationForm
        options={registrationOptions(communityId)}
        communityId={communityId}
        onCommunityChange={setCommunityId}
        initial={{ name: '李建国', unitId: 'unit-water-bureau', buildingId: 'org-beimen-b2', skills: ['水电维修'], skillNote: '会修水管', freeTime: ['周末白天'] }}
        keepPhone='138****1002'
        submitLabel='确认迁移'
        onSubmit={onSubmit}
      />
    )
  }

  test('every field shows what was there; an empty phone is left out to keep the one on record', async () => {
    const onSubmit = jest.fn(async () => {})
    render(<Prefilled onSubmit={onSubmit} />)
    expect((screen.getByTestId('reg-name') as HTMLInputElement).value).toBe('李建国')
    expect(screen.getByTestId('reg-unit').textContent).toContain('县水利局')
    expect(screen.getByTestId('reg-building').textContent).toContain('北门花园2栋')
    expect((screen.getByTestId('reg-skill-note') as HTMLInputElement).value).toBe('会修水管')
    expect(screen.getByTestId('reg-phone').getAttribute('placeholder')).toBe('不修改可不填（现为138****1002）')
    expect(screen.getByTestId('reg-submit').textContent).toBe('确认迁移')

    choose('reg-community', '城南社区')
    fireEvent.click(screen.getByTestId('reg-submit'))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(onSubmit).toHaveBeenCalledWith({
      name: '李建国',
      unitId: 'unit-water-bureau',
      communityId: 'org-chengnan',
      skills: ['水电维修'],
      skillNote: '会修水管',
      freeTime: ['周末白天'],
    })
  })

  test('a phone typed in is sent', async () => {
    const onSubmit = jest.fn(async () => {})
    render(<Prefilled onSubmit={onSubmit} />)
    type('reg-phone', '13912340000')
    fireEvent.click(screen.getByTestId('reg-submit'))
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ phone: '13912340000', buildingId: 'org-beimen-b2' }))
  })
})
