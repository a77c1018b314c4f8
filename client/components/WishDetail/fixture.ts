import type { WishAbilities, WishDetail } from '@domain/api/wishes'
import { wishShareCard } from '@domain/wishes'

export const NO_ABILITIES: WishAbilities = {
  light: false,
  giveUp: false,
  deliver: false,
  confirm: false,
  disputeDelivery: false,
  rate: false,
  edit: false,
  resubmit: false,
  verify: false,
  publish: false,
  reject: false,
  takeDown: false,
  revokeClaim: false,
}

/** A wish as `wishes.get` answers it to the public, adjustable per test. */
export function wishDetail(over: Partial<WishDetail> = {}, can: Partial<WishAbilities> = {}): WishDetail {
  const state = over.state ?? 'published'
  return {
    id: 'w1',
    title: '想要一台收音机',
    category: '孤寡老人',
    communityId: 'org-beimen',
    communityName: '北门社区',
    beneficiary: '王**（孤寡老人）',
    estimatedValue: 120,
    state,
    stateLabel: '待点亮',
    progress: '待点亮',
    updatedAt: '2026-11-20T02:00:00.000Z',
    view: 'public',
    details: '一个人住，想听戏曲频道',
    contact: null,
    claim: null,
    delivery: null,
    confirmation: null,
    rating: null,
    reason: null,
    serviceHours: null,
    private: null,
    history: [],
    claimDeadline: null,
    share: wishShareCard({ _id: 'w1', title: '想要一台收音机', state, beneficiary: { name: '王秀英', category: '孤寡老人', buildingId: 'b1', buildingName: '北门花园1栋' } }, { name: '北门社区' }),
    ...over,
    can: { ...NO_ABILITIES, ...can },
  }
}
