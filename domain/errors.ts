/**
 * Expected failures carry a stable code (`AREA.REASON`) that clients and tests match on,
 * and a Chinese message for people. Messages live here, in one place, so every layer
 * (cloud function, client toast, docs) says the same thing.
 */
export const ERROR_MESSAGES = {
  'REQUEST.INVALID': '请求格式不正确',
  'REQUEST.UNKNOWN_FUNCTION': '没有这个服务接口',
  'REQUEST.UNKNOWN_ACTION': '没有这个操作',
  'AUTH.UNAUTHENTICATED': '无法识别您的身份，请在微信中重新打开小程序',
  'AUTH.FORBIDDEN': '您没有权限进行这个操作',
  'USER.ROLE_NOT_HELD': '您没有这个身份，无法切换',
  'USER.NOT_FOUND': '找不到这个用户',
  'USER.ROLE_ALREADY_HELD': '这个人已经有这个身份了',
  'REGISTRATION.INVALID_TRANSITION': '当前状态不能进行这个操作',
  'REGISTRATION.ALREADY_REGISTERED': '您已有一份有效的报到，如需更换社区或单位请使用「迁移」',
  'REGISTRATION.NOT_FOUND': '找不到这份报到记录',
  'REGISTRATION.CHANGED': '这份报到刚刚被其他人处理过，请刷新后再试',
  'REGISTRATION.REASON_REQUIRED': '退回时请填写原因',
  'REGISTRATION.SAME_PLACE': '迁入的社区和工作单位与现在的相同，无需迁移',
  'ORG.UNKNOWN_COMMUNITY': '找不到这个社区',
  'ORG.UNKNOWN_UNIT': '找不到这个单位',
  'ORG.UNKNOWN_NODE': '找不到这个组织节点',
  'ORG.DUPLICATE_NAME': '同一上级下已有同名的组织，请换一个名称',
  'ORG.INVITE_EXPIRED': '这个邀请码已失效，请向社区或单位重新索取',
  'SYSTEM.BUSY': '系统繁忙，请稍后再试',
  'SYSTEM.INTERNAL': '系统出了点问题，请稍后再试',
  'NETWORK.UNAVAILABLE': '网络不给力，请检查网络后重试',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

/** A domain or request failure that is part of normal operation, not a bug. */
export class DomainError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_MESSAGES[code])
    this.name = 'DomainError'
    this.code = code
    this.details = details
  }
}

export function messageFor(code: string): string {
  return (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES['SYSTEM.INTERNAL']
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'DomainError')
}
