/**
 * A community's micro-wish settings (心愿设置: release days, hours per wish), kept on its org node
 * as `wishSettings`; the bounds and messages are in domain/wishes-labels.ts (WISH_SETTING_BOUNDS),
 * which the shared schema enforces.
 */
import { DomainError } from '../errors'
import { DEFAULT_WISH_SETTINGS, WISH_SETTING_BOUNDS, type WishSettingField, type WishSettings } from '../wishes-labels'

/** Out of a setting's bounds (whole days; hours in half hours), as the shared schema judges a community's settings. */
function outOfBounds(field: WishSettingField, value: unknown): boolean {
  const b = WISH_SETTING_BOUNDS[field]
  return typeof value !== 'number' || !Number.isFinite(value) || value < b.min || value > b.max || !Number.isInteger(value / b.step)
}

/** Hours the review sets for one wish: the same bounds as the community's hours per wish. */
export function checkServiceHours(hours: number): number {
  if (outOfBounds('hoursPerWish', hours)) throw new DomainError('REQUEST.INVALID', WISH_SETTING_BOUNDS.hoursPerWish.message, { field: 'serviceHours' })
  return hours
}

/** A community's settings as stored on its org node (`wishSettings`), or the defaults. */
export function wishSettingsOf(community: { wishSettings?: Partial<WishSettings> | null } | null | undefined): WishSettings {
  const s = community?.wishSettings
  return {
    claimReleaseDays: s?.claimReleaseDays ?? DEFAULT_WISH_SETTINGS.claimReleaseDays,
    hoursPerWish: s?.hoursPerWish ?? DEFAULT_WISH_SETTINGS.hoursPerWish,
  }
}
