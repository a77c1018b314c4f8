/**
 * What leaves the app about a wish: the share card (title, path, the fields the share image and
 * the poster draw). Nothing personal: the beneficiary masked, the title redacted.
 */
import { maskName, redactText } from '../privacy'
import type { WishCategory } from '../wishes-labels'
import { beneficiaryFacts } from './content'
import { isClaimable } from './lifecycle'
import type { Beneficiary, WishRecord } from './record'
import { progressLabel } from './wall'

export const WISH_DETAIL_PAGE = '/packages/wishes/pages/detail/index'

export interface WishShareCard {
  /** onShareAppMessage title. */
  title: string
  /** onShareAppMessage path: the wish id and nothing else. */
  path: string
  /** What the 5:4 share image and the poster draw. */
  imageFields: {
    title: string
    category: WishCategory
    communityName: string
    beneficiary: string
    progress: string
    action: string
  }
}

/** `王**（孤寡老人）`: the masked name and the category, never more. */
export function maskedBeneficiary(b: Pick<Beneficiary, 'name' | 'category'>): string {
  const masked = maskName(b.name)
  return masked ? `${masked}（${b.category}）` : b.category
}

/**
 * Built field by field from an explicit list, never by spreading the wish, so a field added to
 * the record later cannot leak into a share. The title is redacted against the beneficiary's
 * known facts and any phone-like number, as a second line behind the intake check (old or edited
 * titles). The beneficiary appears only masked (王**); no photo of any kind is carried.
 */
export function wishShareCard(wish: Pick<WishRecord, '_id' | 'title' | 'state' | 'beneficiary'>, community: { name: string }): WishShareCard {
  const facts = beneficiaryFacts(wish.beneficiary)
  const title = redactText(wish.title, facts)
  return {
    title: `点亮微心愿：${title}`,
    path: `${WISH_DETAIL_PAGE}?id=${encodeURIComponent(wish._id)}&from=share`,
    imageFields: {
      title,
      category: wish.beneficiary.category,
      communityName: redactText(community.name, facts),
      beneficiary: maskedBeneficiary(wish.beneficiary),
      progress: progressLabel(wish.state),
      action: isClaimable(wish.state) ? '点亮这个心愿' : '查看这个心愿',
    },
  }
}
