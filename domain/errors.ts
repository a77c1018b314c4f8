import type { ActivityErrorCode } from './activities/errors'
import type { GridErrorCode } from './grid/errors'
import type { ProblemErrorCode } from './problems/errors'
import type { ProposalErrorCode } from './proposals/errors'
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
  'REGISTRATION.PHONE_TAKEN': '这个手机号已登记在另一位党员名下，请联系社区核实',
  'REGISTRATION.ALREADY_CLAIMED': '这份导入的报到刚刚已被另一个微信账号认领，请联系社区核实',
  'REGISTRATION.PHONE_NOT_VERIFIED': '请点击「微信手机号快速填写」，使用微信绑定的手机号报到',
  'REGISTRATION.PHONE_CODE_INVALID': '微信手机号授权已失效，请重新点击「微信手机号快速填写」',
  'REGISTRATION.PHONE_UNSUPPORTED': '暂只支持中国大陆手机号报到，请联系社区登记',
  'ORG.UNKNOWN_COMMUNITY': '找不到这个社区',
  'ORG.UNKNOWN_UNIT': '找不到这个单位',
  'ORG.UNKNOWN_NODE': '找不到这个组织节点',
  'STATS.UNKNOWN_SCOPE': '找不到这个统计范围',
  'STATS.NOT_A_SCOPE': '统计只按县、街道、社区和单位查看',
  'STATS.NO_SCOPE': '您没有可查看统计的管理身份',
  'STATS.REPORT_NOT_FOUND': '找不到这份进度通报',
  'ORG.DUPLICATE_NAME': '同一上级下已有同名的组织，请换一个名称',
  'ORG.INVITE_EXPIRED': '这个邀请码已失效，请向社区或单位重新索取',
  'IMPORT.INVALID_ROWS': '表格中有错误的行，没有导入任何数据，请改正后重新导入',
  'IMPORT.BAD_FILE': '无法读取这个文件，请使用下载的模板（.xlsx 格式）',
  'IMPORT.FILE_TOO_LARGE': '文件太大，请分成几个文件分别导入',
  'IMPORT.EMPTY': '表格里没有可导入的数据',
  'IMPORT.BUSY': '本县正在进行另一项导入，请稍后再试',
  'IMPORT.FAILED': '导入时出错，已撤销本次导入的全部数据，请稍后重试',
  'REQUIREMENTS.NO_COUNTY': '您还没有所属的县（区），报到或获得身份后才能查看年度要求',
  'REQUIREMENTS.CHANGED': '年度要求刚刚被其他人修改过，请刷新后再试',
  'ORDER.NOT_FOUND': '找不到这个服务单',
  'ORDER.INVALID_TRANSITION': '当前状态不能进行这个操作',
  'ORDER.CHANGED': '这个服务单刚刚被其他人处理过，请刷新后再试',
  'ORDER.NOT_OWNER': '这不是您的服务单，不能进行这个操作',
  'ORDER.ALREADY_CLAIMED': '这个服务单已经被其他党员领走了',
  'ORDER.NOT_IN_POOL': '这个服务单不在待领单列表中',
  'ORDER.OUTSIDE_POOL': '这个服务单不在您可以领取的网格范围内',
  'ORDER.OUTSIDE_COMMUNITY': '不在这个服务单所在的社区范围内',
  'ORDER.UNIT_NOT_PAIRED': '这个单位没有和本社区结对，不能派单',
  'ORDER.ALREADY_STARTED': '服务已经开始，不能取消，如有问题请联系社区',
  'ORDER.MERGE_TARGET_INVALID': '只能合并到本社区另一个仍在办理的服务单',
  'ORDER.REASON_REQUIRED': '请填写原因（至少2个字）',
  'ORDER.REASON_TOO_LONG': '原因不能超过200个字',
  'ORDER.DESCRIPTION_REQUIRED': '请说明需要什么帮助（至少2个字）',
  'ORDER.DESCRIPTION_TOO_LONG': '描述不能超过500个字',
  'ORDER.TIME_IN_PAST': '期望时间已经过去了，请重新选择',
  'ORDER.TIME_TOO_FAR': '期望时间不能晚于90天以后',
  'ORDER.NOTE_REQUIRED': '请简单说明服务情况（至少2个字）',
  'ORDER.NOTE_TOO_LONG': '服务情况不能超过500个字',
  'ORDER.TOO_MANY_PHOTOS': '照片最多9张',
  'ORDER.HOURS_INVALID': '服务时长应在0.5到24小时之间，按半小时填写',
  'ORDER.RATING_INVALID': '请选择1到5星的评价',
  'ORDER.COMMENT_REQUIRED': '评价2星及以下时请写明原因，帮助我们改进',
  'ORDER.COMMENT_TOO_LONG': '评价不能超过200个字',
  'ORDER.CATEGORY_UNKNOWN': '请选择服务类别',
  'ORDER.ITEM_TITLE_REQUIRED': '请填写服务项目名称（2到30个字）',
  'ORDER.SKILL_UNKNOWN': '请从列表中选择需要的特长',
  'ORDER.EXPECTED_HOURS_INVALID': '预计时长应在0.5到200小时之间，按半小时填写',
  'ORDER.CAPACITY_INVALID': '名额应为1到1000之间的整数',
  'ORDER.CAPACITY_BELOW_CLAIMED': '名额不能少于已认领的人数',
  'ORDER.CAPACITY_FULL': '这个服务项目的名额已满',
  'ORDER.ITEM_CLOSED': '这个服务项目已停止认领',
  'ORDER.ITEM_ALREADY_JOINED': '您已经认领了这个服务项目',
  'ORDER.SKILL_MISMATCH': '这个服务项目需要的特长与您登记的特长不符',
  'ORDER.ITEM_NOT_FOUND': '找不到这个服务项目',
  'ORDER.SETTINGS_INVALID': '时限应在1到720小时之间，紧急单系数应在0.1到1之间',
  'WISH.NOT_FOUND': '找不到这个心愿',
  'WISH.INVALID_TRANSITION': '当前状态不能进行这个操作',
  'WISH.CHANGED': '这个心愿刚刚被其他人处理过，请刷新后再试',
  'WISH.NOT_PUBLISHED': '这个心愿还没有发布，暂时不能点亮',
  'WISH.ALREADY_CLAIMED': '这个心愿已经被其他人点亮了，去看看别的心愿吧',
  'WISH.NOT_ELIGIBLE': '只有在职党员或爱心市民可以点亮心愿',
  'WISH.OWN_WISH': '不能点亮自己提交或为自己许下的心愿',
  'WISH.NOT_CLAIMER': '只有点亮这个心愿的人可以进行这个操作',
  'WISH.NOT_RELATED': '只有受助人或负责的网格员可以确认和评价',
  'WISH.REASON_REQUIRED': '请填写原因（至少两个字）',
  'WISH.TEXT_EMPTY': '请把内容填写完整',
  'WISH.TEXT_TOO_LONG': '内容太长了，请精简后再提交',
  'WISH.PRIVATE_INFO': '标题和详情里不能写受助人的姓名、电话或住址，联系人是网格员',
  'WISH.BAD_CATEGORY': '请选择受助人类别：孤寡老人、留守儿童、低保户、残疾家庭或其他',
  'WISH.VALUE_OUT_OF_RANGE': '预估价值需为1到2000元的整数',
  'WISH.BAD_PHOTO': '照片格式或大小不符合要求',
  'WISH.TOO_MANY_PHOTOS': '照片太多了',
  'WISH.PHOTO_REQUIRED': '请上传送达照片',
  'WISH.BAD_RATING': '评分需为1到5星',
  'WISH.CONSENT_REQUIRED': '需要先记录受助人同意公开心愿',
  'WISH.VISIT_REQUIRED': '请先记录走访核实的情况',
  'WISH.CONTENT_RISKY': '内容未通过安全检查，请修改后再提交',
  'WISH.BAD_KEY': '离线提交的编号格式不正确，请更新小程序后重试',
  'WISH.SETTINGS_CHANGED': '心愿设置刚刚被其他人修改过，请刷新后再试',
  'WISH.DEVICE_FULL': '手机上等待发送的照片太多了，请连上网络发送后再添加',
  'SYSTEM.BUSY': '系统繁忙，请稍后再试',
  'SYSTEM.INTERNAL': '系统出了点问题，请稍后再试',
  'NETWORK.UNAVAILABLE': '网络不给力，请检查网络后重试',
} as const

/**
 * Codes of areas whose messages live with the area (domain/<area>/errors.ts) and are
 * registered when that code loads, so the mini-program's main package does not carry them.
 */
export type ErrorCode = keyof typeof ERROR_MESSAGES | ActivityErrorCode | GridErrorCode | ProblemErrorCode | ProposalErrorCode

const messages: Record<string, string> = { ...ERROR_MESSAGES }

/** An area's messages, added when its module loads (before anything of the area can throw). */
export function registerMessages(table: Readonly<Record<string, string>>): void {
  Object.assign(messages, table)
}

/** A domain or request failure that is part of normal operation, not a bug. */
export class DomainError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? messageFor(code))
    this.name = 'DomainError'
    this.code = code
    this.details = details
  }
}

export function messageFor(code: string): string {
  return messages[code] ?? ERROR_MESSAGES['SYSTEM.INTERNAL']
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'DomainError')
}
