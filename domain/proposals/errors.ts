/**
 * 微提案 and 微实事: error messages, registered with domain/errors.ts when this module loads, so they travel
 * only with the code that can throw them (the grid subpackage, the functions), not in the
 * mini-program's main package.
 */
import { registerMessages } from '../errors'

export const PROPOSAL_MESSAGES = {
  'PROPOSAL.NOT_FOUND': '找不到这条微提案',
  'PROPOSAL.CHANGED': '这条微提案刚刚有变动，请刷新后再试',
  'PROPOSAL.TEXT_EMPTY': '请把提案的标题和内容写完整',
  'PROPOSAL.OWN': '不能为自己的提案点赞支持',
  'PROPOSAL.ALREADY_SUPPORTED': '您已经支持过这条提案了',
  'PROPOSAL.ALREADY_ANSWERED': '这条提案已经答复过了',
  'PROPOSAL.REASON_REQUIRED': '答复时请写明理由（至少两个字）',
  'PROPOSAL.REASON_TOO_LONG': '理由不能超过300个字',
  'PROPOSAL.NO_COMMUNITY': '您还没有所在社区，暂时不能提交微提案',
  'PROJECT.NOT_FOUND': '找不到这个微实事项目',
  'PROJECT.INVALID_TRANSITION': '当前状态不能进行这个操作',
  'PROJECT.CHANGED': '这个项目刚刚被其他人更新过，请刷新后再试',
  'PROJECT.BAD_COST': '费用需为0到1000万元的整数',
} as const

export type ProposalErrorCode = keyof typeof PROPOSAL_MESSAGES

registerMessages(PROPOSAL_MESSAGES)
