import Taro from '@tarojs/taro'
import { PRIVACY_PAGE } from './services/privacyCore'

/** The four tab pages; tiles and links may only point at these with switchTab. */
export const TAB_PAGES = {
  home: '/pages/home/index',
  wishes: '/pages/wishes/index',
  services: '/pages/services/index',
  mine: '/pages/mine/index',
} as const

export type TabName = keyof typeof TAB_PAGES

export function openTab(tab: TabName): void {
  void Taro.switchTab({ url: TAB_PAGES[tab] })
}

export const COMING_SOON = '该功能即将上线'

/** For entries whose feature is not built yet: say so, never pretend. */
export function showComingSoon(): void {
  void Taro.showToast({ title: COMING_SOON, icon: 'none', duration: 2000 })
}

/** A subpackage page's path: every page is `pages/<name>/index` under its package's root. */
const sub = (pkg: string, page: string) => `/packages/${pkg}/pages/${page}/index`

/** Pages outside the tab bar, in subpackages; opened with navigateTo. */
export const SUB_PAGES = {
  register: sub('registration', 'register'),
  card: sub('registration', 'card'),
  pending: sub('registration', 'pending'),
  invite: sub('registration', 'invite'),
  members: sub('registration', 'members'),
  tree: sub('admin', 'tree'),
  roles: sub('admin', 'roles'),
  import: sub('admin', 'import'),
  requirements: sub('admin', 'requirements'),
  stats: sub('admin', 'stats'),
  statsReports: sub('admin', 'reports'),
  statsReport: sub('admin', 'report'),
  wishIntake: sub('wishes', 'intake'),
  wishReview: sub('wishes', 'review'),
  wishDetail: sub('wishes', 'detail'),
  wishPoster: sub('wishes', 'poster'),
  wishOutbox: sub('wishes', 'outbox'),
  wishSettings: sub('wishes', 'settings'),
  orderNew: sub('orders', 'order'),
  orderDetail: sub('orders', 'detail'),
  orderItems: sub('orders', 'items'),
  orderSettings: sub('orders', 'settings'),
  activities: sub('activities', 'list'),
  activityDetail: sub('activities', 'detail'),
  activityNew: sub('activities', 'create'),
  activityConsole: sub('activities', 'console'),
  activityHours: sub('activities', 'hours'),
  myHours: sub('activities', 'myhours'),
  certificateVerify: sub('activities', 'verify'),
  activityThemes: sub('activities', 'themes'),
  households: sub('grid', 'households'),
  household: sub('grid', 'household'),
  visitNew: sub('grid', 'visit'),
  visits: sub('grid', 'visits'),
  problems: sub('grid', 'problems'),
  problem: sub('grid', 'problem'),
  problemNew: sub('grid', 'report'),
  proposals: sub('grid', 'proposals'),
  proposal: sub('grid', 'proposal'),
  projects: sub('grid', 'projects'),
  householdEdit: sub('grid', 'household-edit'),
  visitRules: sub('grid', 'visit-rules'),
  projectNew: sub('grid', 'project-new'),
  privacy: PRIVACY_PAGE,
}

export type SubPageName = keyof typeof SUB_PAGES

export function pageUrl(name: SubPageName, query: Record<string, string | undefined> = {}): string {
  const pairs = Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
  const search = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
  return search ? `${SUB_PAGES[name]}?${search}` : SUB_PAGES[name]
}

export function openPage(name: SubPageName, query?: Record<string, string | undefined>): void {
  void Taro.navigateTo({ url: pageUrl(name, query) })
}

/** Leave this page for another without keeping it in the back stack (after a form is sent). */
export function replacePage(name: SubPageName, query?: Record<string, string | undefined>): void {
  void Taro.redirectTo({ url: pageUrl(name, query) })
}
