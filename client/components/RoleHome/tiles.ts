import type { RoleKind } from '@domain/roles'
import type { SubPageName, TabName } from '@/navigation'

/**
 * Where a tile leads: a tab that holds (or will hold) the feature, a page of its own (with
 * `review`, for the unit or community the person administers: its review list, its invitation
 * code, its statistics), or an honest "coming soon" (none at the moment).
 */
export type TileAction =
  | { kind: 'tab'; tab: TabName }
  | { kind: 'page'; page: SubPageName; review?: 'unit' | 'community' }
  | { kind: 'soon' }

export interface Tile {
  id: string
  title: string
  hint: string
  action: TileAction
}

const tab = (t: TabName): TileAction => ({ kind: 'tab', tab: t })
const page = (p: SubPageName, review?: 'unit' | 'community'): TileAction => (review ? { kind: 'page', page: p, review } : { kind: 'page', page: p })

/** The big task tiles on 首页, per role, most frequent task first. */
export const ROLE_TILES: Record<RoleKind, readonly Tile[]> = {
  resident: [
    { id: 'order-service', title: '我要点单', hint: '请党员志愿者上门帮忙', action: tab('services') },
    { id: 'my-wishes', title: '我的心愿', hint: '看看心愿办得怎么样', action: tab('wishes') },
    { id: 'activities', title: '社区活动', hint: '社区里最近的活动', action: page('activities') },
    { id: 'member-register', title: '党员报到', hint: '在职党员到社区报到', action: page('register') },
    { id: 'report-problem', title: '随手拍', hint: '发现问题告诉社区', action: page('problems') },
    { id: 'proposals', title: '微提案', hint: '为社区出主意', action: page('proposals') },
  ],
  member: [
    { id: 'my-registration', title: '我的报到', hint: '查看我的报到证', action: page('card') },
    { id: 'claim-wish', title: '认领心愿', hint: '点亮居民的微心愿', action: tab('wishes') },
    { id: 'take-order', title: '领单服务', hint: '领取居民点的服务', action: tab('services') },
    { id: 'activities', title: '社区活动', hint: '报名参加社区活动', action: page('activities') },
    { id: 'service-hours', title: '服务时长', hint: '时长、星级和服务证明', action: page('myHours') },
  ],
  caring_citizen: [
    { id: 'light-wish', title: '点亮心愿', hint: '帮居民实现一个小心愿', action: tab('wishes') },
    { id: 'my-lit-wishes', title: '我点亮的心愿', hint: '看看送达了没有', action: tab('wishes') },
    { id: 'activities', title: '社区活动', hint: '社区里最近的活动', action: page('activities') },
  ],
  building_head: [
    { id: 'report-need', title: '上报需求', hint: '替楼里的居民点单', action: tab('services') },
    { id: 'building-wishes', title: '楼栋心愿', hint: '本楼居民的心愿', action: tab('wishes') },
    { id: 'building-residents', title: '楼栋居民', hint: '本楼住户名单', action: page('households') },
  ],
  grid_worker: [
    { id: 'record-wish', title: '录入心愿', hint: '入户填写心愿卡', action: page('wishIntake') },
    { id: 'visit-records', title: '走访记录', hint: '记录入户走访情况', action: page('visits') },
    { id: 'grid-residents', title: '网格居民', hint: '本网格住户名单', action: page('households') },
    { id: 'patrol-problems', title: '步巡问题', hint: '发现问题、现场议事和解决', action: page('problems') },
  ],
  branch_admin: [
    { id: 'dispatch-orders', title: '待派订单', hint: '把订单派给党员', action: tab('services') },
    { id: 'wish-progress', title: '心愿进展', hint: '小区心愿办理情况', action: tab('wishes') },
    { id: 'branch-activities', title: '支部活动', hint: '组织小区党员活动', action: page('activities') },
    { id: 'branch-members', title: '支部党员', hint: '小区在职党员名单', action: page('members') },
  ],
  community_admin: [
    { id: 'review-registrations', title: '待审核报到', hint: '确认党员到社区报到', action: page('pending', 'community') },
    { id: 'community-members', title: '社区党员', hint: '已报到党员和结对单位', action: page('members', 'community') },
    { id: 'review-wishes', title: '待审心愿', hint: '审核后发布心愿', action: page('wishReview') },
    { id: 'wish-settings', title: '心愿设置', hint: '释放天数和服务时长', action: page('wishSettings') },
    { id: 'accept-orders', title: '待接订单', hint: '居民点的服务', action: tab('services') },
    { id: 'community-activities', title: '社区活动', hint: '发布活动、签到和核算时长', action: page('activities') },
    { id: 'community-problems', title: '步巡问题', hint: '议事、交办和督办', action: page('problems') },
    { id: 'community-proposals', title: '微提案', hint: '答复居民和党员的提案', action: page('proposals') },
    { id: 'community-projects', title: '微实事', hint: '本年度微实事项目', action: page('projects') },
    { id: 'community-households', title: '网格居民', hint: '各网格住户和走访情况', action: page('households') },
    { id: 'visit-rules', title: '走访周期', hint: '各类住户多少天走访一次', action: page('visitRules') },
    { id: 'household-import', title: '导入住户', hint: '用 Excel 批量登记住户', action: page('import') },
    { id: 'service-list', title: '服务清单', hint: '社区需要的服务项目', action: page('orderItems') },
    { id: 'invite-code', title: '报到邀请码', hint: '党员扫码到本社区报到', action: page('invite', 'community') },
    { id: 'org-tree', title: '组织架构', hint: '小区、网格和楼栋', action: page('tree') },
    { id: 'role-grants', title: '角色授权', hint: '网格员、楼栋长、支部管理员', action: page('roles') },
    { id: 'community-stats', title: '本社区统计', hint: '报到、活动、心愿和服务情况', action: page('stats', 'community') },
  ],
  unit_admin: [
    { id: 'unit-members', title: '本单位党员', hint: '谁已报到，谁还没有', action: page('members', 'unit') },
    { id: 'registration-status', title: '报到情况', hint: '党员到社区报到情况', action: page('pending', 'unit') },
    { id: 'invite-code', title: '报到邀请码', hint: '本单位党员扫码报到', action: page('invite', 'unit') },
    { id: 'co-building', title: '共建活动', hint: '与结对社区的活动', action: page('activities') },
    { id: 'unit-projects', title: '微实事', hint: '本单位认领的微实事', action: page('projects') },
    { id: 'unit-stats', title: '本单位统计', hint: '党员报到和服务情况', action: page('stats', 'unit') },
  ],
  street_admin: [
    { id: 'street-stats', title: '全街道统计', hint: '各社区报到和服务情况', action: page('stats') },
    { id: 'org-tree', title: '组织架构', hint: '社区和结对共建单位', action: page('tree') },
    { id: 'role-grants', title: '角色授权', hint: '社区管理员', action: page('roles') },
    { id: 'bulk-import', title: '批量导入', hint: '用 Excel 导入本街道的社区和党员', action: page('import') },
    { id: 'review-wishes', title: '各社区待审心愿', hint: '本街道各社区等待审核的心愿', action: page('wishReview') },
    { id: 'progress-report', title: '进度通报', hint: '按月通报工作进度', action: page('statsReports') },
    { id: 'data-export', title: '数据导出', hint: '导出统计表格', action: page('stats') },
  ],
  county_admin: [
    { id: 'county-stats', title: '全县统计', hint: '各街道、社区、单位情况', action: page('stats') },
    { id: 'org-tree', title: '组织架构', hint: '街道、社区和结对共建', action: page('tree') },
    { id: 'role-grants', title: '角色授权', hint: '街道和社区管理员', action: page('roles') },
    { id: 'bulk-import', title: '批量导入', hint: '用 Excel 导入社区、单位和党员', action: page('import') },
    { id: 'requirements', title: '年度要求', hint: '党员和单位每年的要求', action: page('requirements') },
    { id: 'activity-themes', title: '主题月活动', hint: '每月活动主题和星级标准', action: page('activityThemes') },
    { id: 'review-wishes', title: '各社区待审心愿', hint: '全县各社区等待审核的心愿', action: page('wishReview') },
    { id: 'progress-report', title: '进度通报', hint: '按月通报工作进度', action: page('statsReports') },
    { id: 'data-export', title: '数据导出', hint: '导出统计表格', action: page('stats') },
  ],
}
