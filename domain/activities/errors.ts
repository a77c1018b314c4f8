/**
 * The activities' error messages, registered with domain/errors.ts when this module loads: they
 * travel only with the code that can throw them (the activities subpackage, the functions), not in
 * the mini-program's main package, which is at its size budget.
 */
import { registerMessages } from '../errors'

export const ACTIVITY_MESSAGES = {
  'ACTIVITY.NOT_FOUND': '找不到这个活动',
  'ACTIVITY.INVALID_TRANSITION': '当前状态不能进行这个操作',
  'ACTIVITY.CHANGED': '这个活动刚刚有变动，请刷新后再试',
  'ACTIVITY.NOT_ORGANISER': '只有活动的组织者可以进行这个操作',
  'ACTIVITY.BAD_TIME': '请选择活动的开始和结束时间',
  'ACTIVITY.ENDS_BEFORE_START': '结束时间必须晚于开始时间',
  'ACTIVITY.STARTS_IN_PAST': '开始时间已经过去了，请重新选择',
  'ACTIVITY.TOO_LONG': '一场活动不能超过24小时',
  'ACTIVITY.BAD_HOURS': '服务时长需大于0，最多保留一位小数',
  'ACTIVITY.HOURS_ABOVE_DURATION': '计入的服务时长不能超过活动本身的时长',
  'ACTIVITY.HOURS_ABOVE_CAP': '时长不能超过活动计划的时长',
  'ACTIVITY.PRIVATE_INFO': '活动信息会公开展示，请不要填写个人手机号码',
  'ACTIVITY.BAD_PLACE': '活动地点需在组织者所在或结对的社区内',
  'ACTIVITY.BAD_THEME': '找不到这个主题月活动',
  'ACTIVITY.MEMBERS_ONLY': '这个活动只面向已报到的在职党员',
  'ACTIVITY.NOT_ELIGIBLE': '报名需要先完成双报到，或成为爱心市民',
  'ACTIVITY.SIGNUP_CLOSED': '报名已经截止了',
  'ACTIVITY.ALREADY_SIGNED_UP': '您已经报名了这个活动',
  'ACTIVITY.NOT_SIGNED_UP': '您还没有报名这个活动，可以请组织者扫您的报到证签到',
  'ACTIVITY.ON_WAITLIST': '您在候补名单上，还没有名额，可以请组织者扫您的报到证签到',
  'ACTIVITY.WITHDRAW_CLOSED': '活动已经结束，不能取消报名了',
  'ACTIVITY.NOT_RUNNING': '活动不在进行中，不能签到或签退',
  'ACTIVITY.OUTSIDE_WINDOW': '现在不在签到时间内',
  'ACTIVITY.STALE_CODE': '签到码已过期，请扫描组织者手机上最新的签到码',
  'ACTIVITY.BAD_CODE': '这不是本活动的签到码',
  'ACTIVITY.BAD_CARD': '这不是有效的报到证二维码',
  'ACTIVITY.NOT_CHECKED_IN': '还没有签到',
  'ACTIVITY.ALREADY_CHECKED_OUT': '已经签退过了',
  'ACTIVITY.NOT_STARTED': '活动还没有开始',
  'ACTIVITY.NOT_HELD': '活动结束后才能核对时长',
  'ACTIVITY.ALREADY_BOOKED': '这个活动的时长已经入账了',
  'ACTIVITY.REASON_REQUIRED': '请填写原因（至少两个字）',
  'ACTIVITY.REASON_TOO_LONG': '原因不能超过200个字',
  'ACTIVITY.BAD_SETTINGS': '活动设置不正确',
  'ACTIVITY.SETTINGS_CHANGED': '活动设置刚刚被其他人修改过，请刷新后再试',
  'CERTIFICATE.NOT_FOUND': '找不到这份服务证明，请核对编号',
  'CERTIFICATE.NO_HOURS': '您还没有入账的服务时长，暂时不能开具服务证明',
} as const

export type ActivityErrorCode = keyof typeof ACTIVITY_MESSAGES

registerMessages(ACTIVITY_MESSAGES)
