import { fireEvent, render, screen } from '@testing-library/react'
import { card } from '@/test-support/registration'
import { RegistrationCard } from './RegistrationCard'

afterEach(() => {
  document.body.innerHTML = ''
})

test('shows who, where, the state as a badge and what is still missing', () => {
  render(<RegistrationCard card={card('pending_unit', { skillNote: '会修自行车' })} onWithdraw={() => {}} />)
  expect(screen.getByTestId('card-name').textContent).toBe('马小兵')
  expect(screen.getByTestId('card-state').textContent).toBe('待单位确认')
  expect(screen.getByTestId('card-phone').textContent).toBe('139****5678')
  expect(screen.getByTestId('card-unit').textContent).toBe('县水利局')
  expect(screen.getByTestId('card-community').textContent).toBe('北门社区')
  expect(screen.getByTestId('card-building').textContent).toBe('北门花园2栋')
  expect(screen.getByTestId('card-skills').textContent).toBe('水电维修、会修自行车')
  expect(screen.getByTestId('card-missing').textContent).toBe('还需要：· 等待工作单位党组织确认· 等待社区党委确认')
  expect(screen.getByTestId('card-qr').textContent).toBe('LXREG:reg-1')
  expect(screen.queryByTestId('card-reason')).toBeNull()
})

test('the history reads who did what, in China time', () => {
  render(
    <RegistrationCard
      card={card('rejected', {
        reason: '不是本单位职工',
        history: [
          { verb: 'submit', from: null, to: 'pending_unit', byName: '马小兵', at: '2026-11-22T02:30:00.000Z' },
          { verb: 'rejectUnit', from: 'pending_unit', to: 'rejected', byName: '刘洋', at: '2026-11-22T16:05:00.000Z', reason: '不是本单位职工' },
          { verb: 'somethingNew', from: 'rejected', to: 'rejected', byName: '系统', at: '2026-11-23T00:00:00.000Z' },
        ],
      })}
    />,
  )
  const items = screen.getAllByTestId('card-history-item').map((i) => i.textContent)
  expect(items).toEqual([
    '提交报到（马小兵）2026-11-22 10:30',
    // 16:05 UTC is already the next day in China.
    '单位退回（刘洋）2026-11-23 00:05原因：不是本单位职工',
    '变为「已退回」（系统）2026-11-23 08:00',
  ])
  expect(screen.getByTestId('card-reason').textContent).toBe('退回原因不是本单位职工')
})

test('a live registration offers 撤回报到; a closed one offers 重新报到 instead', () => {
  const onWithdraw = jest.fn()
  const onRegisterAgain = jest.fn()
  const { unmount } = render(<RegistrationCard card={card('registered')} onWithdraw={onWithdraw} onRegisterAgain={onRegisterAgain} />)
  expect(screen.getByTestId('card-state').textContent).toBe('已报到')
  expect(screen.queryByTestId('card-missing')).toBeNull()
  fireEvent.click(screen.getByText('撤回报到'))
  expect(onWithdraw).toHaveBeenCalledTimes(1)
  expect(screen.queryByTestId('card-register-again')).toBeNull()
  unmount()

  render(<RegistrationCard card={card('withdrawn', { stateLabel: '已撤回' })} onWithdraw={onWithdraw} onRegisterAgain={onRegisterAgain} />)
  expect(screen.queryByTestId('card-withdraw')).toBeNull()
  fireEvent.click(screen.getByText('重新报到'))
  expect(onRegisterAgain).toHaveBeenCalledTimes(1)
})

test('while withdrawing the button says so and ignores more taps', () => {
  const onWithdraw = jest.fn()
  render(<RegistrationCard card={card('pending_community')} onWithdraw={onWithdraw} withdrawing />)
  fireEvent.click(screen.getByTestId('card-withdraw'))
  expect(screen.getByTestId('card-withdraw').textContent).toBe('正在撤回…')
  expect(onWithdraw).not.toHaveBeenCalled()
})

test('the QR code is an image once it comes; until then the card says it is loading; the payload stays in words', () => {
  const { unmount } = render(<RegistrationCard card={card('registered')} qrSrc={null} />)
  expect(screen.getByTestId('card-qr-waiting').textContent).toBe('二维码加载中…')
  expect(screen.queryByTestId('card-qr-image')).toBeNull()
  unmount()

  render(<RegistrationCard card={card('registered')} qrSrc='data:image/png;base64,iVBORw0KGgo=' />)
  const image = screen.getByTestId('card-qr-image')
  expect(image.getAttribute('src') ?? image.querySelector('img')?.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=')
  expect(screen.getByTestId('card-qr').textContent).toBe('LXREG:reg-1')
  expect(screen.queryByTestId('card-qr-waiting')).toBeNull()
})

test('已报到 offers 迁移 beside 撤回; 已退回 offers 修改后重新提交 in place of 重新报到', () => {
  const onMove = jest.fn()
  const onResubmit = jest.fn()
  const onRegisterAgain = jest.fn()
  const { unmount } = render(<RegistrationCard card={card('registered')} onWithdraw={() => {}} onMove={onMove} onResubmit={onResubmit} onRegisterAgain={onRegisterAgain} />)
  fireEvent.click(screen.getByTestId('card-move'))
  expect(onMove).toHaveBeenCalledTimes(1)
  expect(screen.getByTestId('card-move').textContent).toBe('迁移（换社区或单位）')
  expect(screen.queryByTestId('card-resubmit')).toBeNull()
  unmount()

  const { unmount: unmount2 } = render(<RegistrationCard card={card('rejected', { reason: '请填写楼栋' })} onMove={onMove} onResubmit={onResubmit} onRegisterAgain={onRegisterAgain} />)
  expect(screen.queryByTestId('card-move')).toBeNull()
  expect(screen.queryByTestId('card-register-again')).toBeNull()
  fireEvent.click(screen.getByText('修改后重新提交'))
  expect(onResubmit).toHaveBeenCalledTimes(1)
  unmount2()

  // Waiting: neither (a pending registration is withdrawn, not moved).
  render(<RegistrationCard card={card('pending_unit')} onMove={onMove} onResubmit={onResubmit} />)
  expect(screen.queryByTestId('card-move')).toBeNull()
  expect(screen.queryByTestId('card-resubmit')).toBeNull()
})

test('after a move: 迁移自 in the head, the carried-over confirmation, and the earlier registration with its history', () => {
  render(
    <RegistrationCard
      card={card('pending_community', {
        community: { id: 'org-chengnan', name: '城南社区' },
        building: null,
        history: [
          { verb: 'moveIn', from: null, to: 'pending_unit', byName: '马小兵', at: '2026-11-22T02:30:00.000Z', place: { unitName: '县水利局', communityName: '北门社区', buildingName: '北门花园2栋' } },
          { verb: 'confirmUnit', from: 'pending_unit', to: 'pending_community', byName: '刘洋', at: '2026-10-09T02:00:00.000Z', carried: true },
        ],
        earlier: [
          {
            id: 'reg-0',
            unitName: '县水利局',
            communityName: '北门社区',
            buildingName: '北门花园2栋',
            history: [
              { verb: 'submit', from: null, to: 'pending_unit', byName: '马小兵', at: '2026-10-08T01:00:00.000Z' },
              { verb: 'move', from: 'registered', to: 'moved', byName: '马小兵', at: '2026-11-22T02:30:00.000Z', place: { unitName: '县水利局', communityName: '城南社区' } },
            ],
          },
        ],
      })}
    />,
  )
  expect(screen.getByTestId('card-moved-from').textContent).toBe('迁移自 北门社区 北门花园2栋 · 县水利局')
  expect(screen.getAllByTestId('card-history-item').map((i) => i.textContent)).toEqual([
    '迁入（马小兵）2026-11-22 10:30迁自：北门社区 北门花园2栋 · 县水利局',
    '单位确认（沿用原报到）（刘洋）2026-10-09 10:00',
  ])
  expect(screen.getByTestId('card-earlier').textContent).toContain('迁移前的报到：北门社区 北门花园2栋 · 县水利局')
  expect(screen.getAllByTestId('card-earlier-item').map((i) => i.textContent)).toEqual([
    '提交报到（马小兵）2026-10-08 09:00',
    '迁出（马小兵）2026-11-22 10:30迁往：城南社区 · 县水利局',
  ])
})

test('a card not started by a move has no 迁移自 line and no earlier section', () => {
  render(<RegistrationCard card={card('registered')} />)
  expect(screen.queryByTestId('card-moved-from')).toBeNull()
  expect(screen.queryByTestId('card-earlier')).toBeNull()
})

test('the buttons are the card\'s `can`, not its state: someone else\'s registered card offers nothing', () => {
  render(<RegistrationCard card={card('registered', { can: [] })} onWithdraw={() => {}} onMove={() => {}} onResubmit={() => {}} />)
  expect(screen.queryByTestId('card-withdraw')).toBeNull()
  expect(screen.queryByTestId('card-move')).toBeNull()
  expect(screen.queryByTestId('card-resubmit')).toBeNull()
})
