import type { WishSettings } from '@domain/wishes'
import { wishesArea } from '@domain/api/wishes'
import { areaCaller } from './transport'

const call = areaCaller(wishesArea)

/** 心愿设置: a community's release days and hours per wish (contract: domain/api/wishes.ts). */

export const getWishSettings = (communityId: string) => call('wishes', 'getSettings', { communityId })

/** `version` is the one the page read; another admin's save in between → WISH.SETTINGS_CHANGED. */
export const setWishSettings = (communityId: string, settings: WishSettings, version: number) => call('wishes', 'setSettings', { communityId, settings, version })

/** 各社区待审心愿: what waits in every community under a street or county (read-only, names masked). */
export const reviewOverview = (orgId: string, state?: 'submitted' | 'verified') => call('wishes', 'reviewQueue', { orgId, limit: 50, ...(state ? { state } : {}) })
