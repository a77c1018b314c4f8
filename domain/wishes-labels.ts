/**
 * The names, labels and bounds of micro-wishes that screens need without the lifecycle: the
 * mini-program's tab pages (in the main package) import these, and this module alone, so the
 * transition table and guards of domain/wishes/ stay in the subpackages that use them.
 * domain/wishes (index.ts) re-exports everything here.
 */

export const WISH_STATES = ['draft', 'submitted', 'verified', 'published', 'rejected', 'taken_down', 'lit', 'delivered', 'confirmed', 'rated'] as const
export type WishState = (typeof WISH_STATES)[number]

export const WISH_STATE_LABELS: Record<WishState, string> = {
  draft: '草稿',
  submitted: '待核实',
  verified: '待发布',
  published: '待点亮',
  rejected: '已退回',
  taken_down: '已下架',
  lit: '已点亮',
  delivered: '已送达',
  confirmed: '已完成',
  rated: '已评价',
}

/** What the record's `reason` explains, by the states it is kept for: the heading a page shows above it. */
export const WISH_REASON_LABELS: Partial<Record<WishState, string>> = {
  rejected: '退回原因',
  taken_down: '下架原因',
}

export const WISH_CATEGORIES = ['孤寡老人', '留守儿童', '低保户', '残疾家庭', '其他'] as const
export type WishCategory = (typeof WISH_CATEGORIES)[number]

export interface WishSettings {
  /** A claim not delivered within this many days (24-hour periods from lighting) is released. */
  claimReleaseDays: number
  /** Service hours a member earns for a confirmed wish when the review set none for it. */
  hoursPerWish: number
}

export const DEFAULT_WISH_SETTINGS: WishSettings = { claimReleaseDays: 7, hoursPerWish: 2 }

/**
 * What a community may set (docs/wishes.md "Settings"). The shared schema (domain/api/wishes.ts
 * `wishSettingsInput`) enforces these bounds with these messages, so the settings page and the
 * function refuse the same values with the same words.
 */
export const WISH_SETTING_BOUNDS = {
  claimReleaseDays: { min: 1, max: 90, step: 1, label: '自动释放天数', message: '自动释放天数需为1到90的整数' },
  hoursPerWish: { min: 0.5, max: 24, step: 0.5, label: '每个心愿记服务时长', message: '服务时长需在0.5到24小时之间，以半小时为单位' },
} as const satisfies Record<keyof WishSettings, { min: number; max: number; step: number; label: string; message: string }>

export type WishSettingField = keyof WishSettings

/** The wall's state filter: what a person means by each tab. */
export const WALL_FILTERS = {
  open: { label: '待点亮', states: ['published'] },
  lit: { label: '已点亮', states: ['lit', 'delivered'] },
  done: { label: '已完成', states: ['confirmed', 'rated'] },
} as const satisfies Record<string, { label: string; states: readonly WishState[] }>

export type WallTab = keyof typeof WALL_FILTERS
