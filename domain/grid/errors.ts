/**
 * Households and visits: error messages, registered with domain/errors.ts when this module loads, so they travel
 * only with the code that can throw them (the grid subpackage, the functions), not in the
 * mini-program's main package.
 */
import { registerMessages } from '../errors'

export const GRID_MESSAGES = {
  'HOUSEHOLD.NOT_FOUND': '找不到这户居民',
  'HOUSEHOLD.BAD_DOOR': '门牌号格式不正确，例如：1单元102',
  'HOUSEHOLD.NO_RESIDENT': '请至少填写一位居民',
  'HOUSEHOLD.BAD_PHONE': '手机号格式不正确',
  'HOUSEHOLD.DUPLICATE_DOOR': '这栋楼已经有这个门牌号的住户了',
  'HOUSEHOLD.NOT_BUILDING': '请选择一栋楼',
  'HOUSEHOLD.CHANGED': '这户的信息刚刚被其他人修改过，请刷新后再试',
  'VISIT.NO_HOUSEHOLD': '请先选择走访的住户',
  'VISIT.BAD_KEY': '离线记录的编号格式不正确，请更新小程序后重试',
  'VISIT.BAD_TIME': '走访时间不正确',
  'VISIT.SEEN_REQUIRED': '请填写走访看到的情况（至少两个字）',
  'VISIT.NEED_EMPTY': '请把发现的需求写清楚（至少两个字）',
  'VISIT.NOT_FOUND': '找不到这条走访记录',
  'VISIT.BAD_PHOTO': '走访照片没有上传成功或不是 JPG、PNG 图片，请重新拍摄',
  'VISIT.RULES_CHANGED': '走访频次刚刚被其他人修改过，请刷新后再试',
} as const

export type GridErrorCode = keyof typeof GRID_MESSAGES

registerMessages(GRID_MESSAGES)
