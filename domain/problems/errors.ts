/**
 * Patrol problems: error messages, registered with domain/errors.ts when this module loads, so they travel
 * only with the code that can throw them (the grid subpackage, the functions), not in the
 * mini-program's main package.
 */
import { registerMessages } from '../errors'

export const PROBLEM_MESSAGES = {
  'PROBLEM.NOT_FOUND': '找不到这个问题',
  'PROBLEM.INVALID_TRANSITION': '当前状态不能进行这个操作',
  'PROBLEM.CHANGED': '这个问题刚刚被其他人处理过，请刷新后再试',
  'PROBLEM.NO_PLACE': '请选择问题所在的位置',
  'PROBLEM.TEXT_EMPTY': '请描述发现的问题（至少两个字）',
  'PROBLEM.PHOTO_REQUIRED': '请上传现场照片',
  'PROBLEM.BAD_PHOTO': '现场照片没有上传成功或不是 JPG、PNG 图片，请重新拍摄',
  'PROBLEM.NOT_ASSIGNEE': '只有负责处理的人可以提交解决情况',
  'PROBLEM.REASON_REQUIRED': '请填写原因（至少两个字）',
  'PROBLEM.REASON_TOO_LONG': '原因不能超过200个字',
  'PROBLEM.MEETING_ATTENDEES': '请填写参加现场议事的人',
  'PROBLEM.MEETING_DECISION': '请填写现场议定的办法（至少两个字）',
  'PROBLEM.NO_ASSIGNEE': '请选择负责处理的单位、党员或社区',
  'PROBLEM.BAD_DEADLINE': '办结期限需晚于现在',
} as const

export type ProblemErrorCode = keyof typeof PROBLEM_MESSAGES

registerMessages(PROBLEM_MESSAGES)
