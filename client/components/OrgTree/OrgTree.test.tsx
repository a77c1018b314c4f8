import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { OrgNodeView } from '@domain/api'
import { renameNode } from '@/services/org'
import { stubFetch } from '@/test-support/fetchStub'
import { orgAdminBackend, TREE } from '@/test-support/orgAdmin'
import { Breadcrumbs, NameForm, NodeList, PairingPanel } from './OrgTree'

let backend: ReturnType<typeof stubFetch> | undefined
let showToast: jest.SpyInstance
let showModal: jest.SpyInstance
beforeEach(() => {
  showToast = jest.spyOn(Taro, 'showToast').mockImplementation(async () => ({ errMsg: 'showToast:ok' }))
  showModal = jest.spyOn(Taro, 'showModal').mockImplementation(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
})
afterEach(() => {
  backend?.restore()
  backend = undefined
  jest.restoreAllMocks()
  document.body.innerHTML = ''
})

const node = (id: string) => TREE.find((x) => x.id === id)!
const inputOf = (testId: string) => screen.getByTestId(testId).querySelector('input') ?? screen.getByTestId(testId)

test('breadcrumbs: every node but the current one leads back up', () => {
  const onPick = jest.fn()
  render(<Breadcrumbs trail={[node('org-beimen'), node('org-beimen-garden'), node('org-beimen-grid-1')]} onPick={onPick} />)
  const crumbs = screen.getAllByTestId('org-crumb')
  expect(crumbs.map((c) => c.textContent)).toEqual(['北门社区', '北门花园小区', '北门第一网格'])
  fireEvent.click(crumbs[0])
  fireEvent.click(crumbs[2])
  expect(onPick.mock.calls).toEqual([[0]])
})

test('a node list opens a row; without rename rights there is no 改名; empty says so', () => {
  const onOpen = jest.fn()
  const { unmount } = render(<NodeList nodes={[node('org-beimen'), node('org-chengnan')]} onOpen={onOpen} emptyText='还没有社区（村）' />)
  expect(screen.getAllByTestId('org-node-name').map((x) => x.textContent)).toEqual(['北门社区', '城南社区'])
  expect(screen.queryByTestId('org-node-rename')).toBeNull()
  fireEvent.click(within(screen.getAllByTestId('org-node')[1]).getByTestId('org-node-open'))
  expect(onOpen).toHaveBeenCalledWith(node('org-chengnan'))
  unmount()
  render(<NodeList nodes={[]} onOpen={onOpen} emptyText='还没有社区（村）' />)
  expect(screen.getByTestId('org-nodes-empty').textContent).toBe('还没有社区（村）')
})

test('rename in place through org.renameNode; a duplicate name shows the Chinese message and keeps the form', async () => {
  const org = orgAdminBackend()
  backend = stubFetch({ '/api/org': org.handler })
  const renamed: OrgNodeView[] = []
  render(
    <NodeList
      nodes={[node('org-beimen'), node('org-chengnan')]}
      onOpen={() => undefined}
      onRename={async (n, name) => renamed.push(await renameNode(n.id, name))}
      emptyText=''
    />,
  )
  fireEvent.click(within(screen.getAllByTestId('org-node')[0]).getByTestId('org-node-rename'))
  fireEvent.input(inputOf('org-rename-form-input'), { target: { value: '城南社区' } })
  fireEvent.click(screen.getByTestId('org-rename-form-submit'))
  expect((await screen.findByTestId('org-rename-form-error')).textContent).toBe('同一上级下已有同名的组织，请换一个名称')
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '同一上级下已有同名的组织，请换一个名称' }))

  fireEvent.input(inputOf('org-rename-form-input'), { target: { value: '北门新社区' } })
  fireEvent.click(screen.getByTestId('org-rename-form-submit'))
  await waitFor(() => expect(screen.queryByTestId('org-rename-form')).toBeNull())
  expect(renamed).toEqual([{ ...node('org-beimen'), name: '北门新社区' }])
  expect(backend.to('/api/org').map((c) => c.body)).toEqual([
    { action: 'renameNode', id: 'org-beimen', name: '城南社区' },
    { action: 'renameNode', id: 'org-beimen', name: '北门新社区' },
  ])
})

test('bad input: the field message from REQUEST.INVALID details is what shows', async () => {
  render(
    <NameForm
      title='新增小区'
      submitText='保存'
      testId='f'
      onCancel={() => undefined}
      onSubmit={async () => {
        const { ApiError } = await import('@/services/ApiError')
        throw new ApiError('REQUEST.INVALID', '请求参数不正确', [{ path: 'name', message: '名称不能超过30个字' }])
      }}
    />,
  )
  fireEvent.click(screen.getByTestId('f-submit'))
  expect((await screen.findByTestId('f-error')).textContent).toBe('名称不能超过30个字')
})

describe('pairing panel', () => {
  const paired = [{ id: 'unit-water-bureau', name: '县水利局', kind: '机关', registered: 1 }]
  const units = [
    { id: 'unit-water-bureau', name: '县水利局', kind: '机关' },
    { id: 'unit-publicity', name: '县委宣传部', kind: '机关' },
  ]

  test('解除结对 asks first; cancelling changes nothing, confirming unpairs', async () => {
    const onUnpair = jest.fn(async () => undefined)
    render(<PairingPanel communityName='北门社区' paired={paired} units={units} onPair={async () => undefined} onUnpair={onUnpair} />)
    showModal.mockImplementationOnce(async () => ({ confirm: false, cancel: true, errMsg: 'showModal:ok' }))
    fireEvent.click(screen.getByTestId('pairing-unpair'))
    await waitFor(() => expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '解除结对', content: '确定解除「县水利局」与「北门社区」的结对吗？' })))
    expect(onUnpair).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('pairing-unpair'))
    await waitFor(() => expect(onUnpair).toHaveBeenCalledWith('unit-water-bureau'))
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已解除结对' }))
  })

  test('结对: the picker offers only units not yet paired; nothing is sent before a unit is chosen', async () => {
    const onPair = jest.fn(async () => undefined)
    render(<PairingPanel communityName='北门社区' paired={paired} units={units} onPair={onPair} onUnpair={async () => undefined} />)
    fireEvent.click(screen.getByTestId('pairing-pair'))
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先选择单位' }))
    fireEvent.click(screen.getByTestId('pairing-pick'))
    const options = within(screen.getByTestId('pairing-pick-sheet')).getAllByTestId('select-option')
    expect(options.map((o) => o.textContent)).toEqual(['县委宣传部'])
    fireEvent.click(options[0])
    fireEvent.click(screen.getByTestId('pairing-pair'))
    await waitFor(() => expect(onPair).toHaveBeenCalledWith('unit-publicity'))
  })

  test('an admin who may not pair sees the units without buttons', () => {
    render(<PairingPanel communityName='北门社区' paired={paired} units={units} />)
    expect(screen.getByTestId('pairing-unit').textContent).toContain('已报到 1 人')
    expect(screen.queryByTestId('pairing-unpair')).toBeNull()
    expect(screen.queryByTestId('pairing-pair')).toBeNull()
  })
})
