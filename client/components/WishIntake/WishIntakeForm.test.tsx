import { fireEvent, render, screen } from '@testing-library/react'
import type { QueuedIntake } from '@/services/offlineQueue'
import { deviceFullError } from '@/services/photoStoreCore'
import type { LocalPhoto } from '@/services/uploadCheck'
import { WishIntakeForm } from './WishIntakeForm'
import { WishQueueList } from './WishQueueList'

afterEach(() => {
  document.body.innerHTML = ''
})

const inputOf = (testId: string) => screen.getByTestId(testId).querySelector('input, textarea') ?? screen.getByTestId(testId)
const type = (testId: string, value: string) => fireEvent.input(inputOf(testId), { target: { value } })
const NOW = new Date('2026-11-22T02:00:00.000Z')

function setup(photos: LocalPhoto[] = []) {
  const sent: Array<{ intake: QueuedIntake; photos: LocalPhoto[] }> = []
  render(
    <WishIntakeForm
      mode='household'
      buildings={[{ id: 'org-beimen-b1', name: '北门花园1栋', group: '北门第一网格' }]}
      choosePhotos={async () => photos}
      onSubmit={(intake, p) => sent.push({ intake, photos: p })}
      now={() => NOW}
    />,
  )
  return sent
}

function fillValid() {
  type('intake-beneficiaryName', '王秀英')
  type('intake-room', '2单元501')
  fireEvent.click(screen.getAllByTestId('wish-chip').find((c) => c.getAttribute('data-value') === '孤寡老人')!)
  type('intake-title', '想要一台收音机')
  type('intake-details', '一个人住，想听戏曲频道')
  type('intake-estimatedValue', '120')
  fireEvent.click(screen.getAllByTestId('intake-consent').find((c) => c.getAttribute('data-value') === 'verbal')!)
}

test('a complete card is handed over as the submit input, with the consent time', () => {
  const sent = setup()
  fillValid()
  fireEvent.click(screen.getByTestId('intake-submit'))
  expect(sent).toEqual([
    {
      intake: {
        for: 'household',
        title: '想要一台收音机',
        details: '一个人住，想听戏曲频道',
        estimatedValue: 120,
        category: '孤寡老人',
        beneficiaryName: '王秀英',
        buildingId: 'org-beimen-b1',
        room: '2单元501',
        photos: [],
        consent: { method: 'verbal', at: NOW.toISOString() },
      },
      photos: [],
    },
  ])
})

test('the domain rules are checked on the phone, with their Chinese messages, and nothing is handed over', () => {
  const sent = setup()
  fireEvent.click(screen.getByTestId('intake-submit'))
  expect(screen.getByTestId('intake-beneficiaryName-error').textContent).toBe('请填写受助人姓名')
  expect(screen.getByTestId('intake-consent-error').textContent).toBe('需要先记录受助人同意公开心愿')
  fillValid()
  type('intake-title', '给王秀英买收音机')
  fireEvent.click(screen.getByTestId('intake-submit'))
  expect(screen.getByTestId('intake-title-error').textContent).toContain('心愿标题里不能写受助人的姓名')
  type('intake-title', '想要一台收音机')
  type('intake-estimatedValue', '5000')
  fireEvent.click(screen.getByTestId('intake-submit'))
  expect(screen.getByTestId('intake-estimatedValue-error').textContent).toBe('预估价值需为1到2000元的整数')
  expect(sent).toEqual([])
})

test('photos: a wrong type or a too large one is refused at once with the message', async () => {
  setup([
    { path: 'blob:a', mime: 'image/jpeg', bytes: 1000 },
    { path: 'blob:b', mime: 'application/pdf', bytes: 1000 },
  ])
  fireEvent.click(screen.getByTestId('intake-add-photo'))
  expect((await screen.findByTestId('intake-photos-error')).textContent).toBe('只能上传 JPG、PNG 或 WebP 格式的照片')
  expect(screen.getAllByTestId('intake-photo')).toHaveLength(1)
})

test('photos are kept on the device once checked; a full device says so; a deleted photo is let go', async () => {
  const kept: LocalPhoto[][] = []
  const removed: LocalPhoto[] = []
  let full = false
  const sent: LocalPhoto[][] = []
  render(
    <WishIntakeForm
      mode='household'
      buildings={[{ id: 'org-beimen-b1', name: '北门花园1栋', group: '北门第一网格' }]}
      choosePhotos={async () => [
        { path: 'blob:a', mime: 'image/jpeg', bytes: 1000 },
        { path: 'blob:b', mime: 'application/pdf', bytes: 1000 },
      ]}
      keepPhotos={async (photos) => {
        if (full) throw deviceFullError({ maxCount: 24, maxBytes: 50 * 1024 * 1024 })
        kept.push(photos)
        return photos.map((p) => ({ ...p, path: `${p.path}-kept`, storeId: `s-${p.path}` }))
      }}
      onRemovePhoto={(p) => removed.push(p)}
      onSubmit={(_intake, p) => sent.push(p)}
      now={() => NOW}
    />,
  )
  fireEvent.click(screen.getByTestId('intake-add-photo'))
  await screen.findByTestId('intake-photo')
  // Only the photo that passed the checks is kept.
  expect(kept).toEqual([[{ path: 'blob:a', mime: 'image/jpeg', bytes: 1000 }]])

  full = true
  fireEvent.click(screen.getByTestId('intake-add-photo'))
  expect((await screen.findByText(/已经存满了/)).textContent).toBe('手机上等待发送的照片最多24张、共50MB，已经存满了，请连上网络把心愿发送出去后再拍照')
  expect(screen.getAllByTestId('intake-photo')).toHaveLength(1)

  fillValid()
  fireEvent.click(screen.getByTestId('intake-submit'))
  expect(sent).toEqual([[{ path: 'blob:a-kept', mime: 'image/jpeg', bytes: 1000, storeId: 's-blob:a' }]])
  expect(removed).toEqual([])

  full = false
  fireEvent.click(screen.getByTestId('intake-add-photo'))
  await screen.findByTestId('intake-photo')
  fireEvent.click(screen.getByTestId('intake-photo'))
  expect(screen.queryByTestId('intake-photo')).toBeNull()
  expect(removed).toEqual([{ path: 'blob:a-kept', mime: 'image/jpeg', bytes: 1000, storeId: 's-blob:a' }])
})

test('the queue list: 待发送 N 条, 已提交 and 需修改 with the reason', () => {
  const opened: string[] = []
  render(
    <WishQueueList
      items={[
        { key: 'dev12345-1', queuedAt: NOW.toISOString(), intake: { title: '收音机' } as QueuedIntake, attempts: 1, status: 'waiting' },
        { key: 'dev12345-2', queuedAt: NOW.toISOString(), intake: { title: '轮椅' } as QueuedIntake, attempts: 1, status: 'failed', error: { code: 'WISH.TEXT_EMPTY', message: '心愿详情至少写5个字' } },
      ]}
      sent={[{ key: 'dev12345-0', title: '棉被' }]}
      results={new Map([['dev12345-0', { id: 'w7', state: 'submitted', replayed: false }]])}
      onOpen={(id) => opened.push(id)}
      onDiscard={() => undefined}
      onRetry={() => undefined}
    />,
  )
  expect(screen.getByTestId('intake-waiting').textContent).toBe('待发送 1 条')
  expect(screen.getByTestId('intake-failed').textContent).toBe('需修改 1 条')
  const rows = screen.getAllByTestId('intake-item')
  expect(rows.map((r) => r.getAttribute('data-status'))).toEqual(['waiting', 'failed', 'sent'])
  expect(rows[1].textContent).toContain('心愿详情至少写5个字')
  fireEvent.click(rows[2])
  expect(opened).toEqual(['w7'])
})
