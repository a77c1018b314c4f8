import { TAB_PAGES } from '@/navigation'

/** The tab bar's entries, in app.config.ts tabBar.list order. */
export const TABS = [
  { path: TAB_PAGES.home, text: '首页' },
  { path: TAB_PAGES.wishes, text: '心愿' },
  { path: TAB_PAGES.services, text: '服务' },
  { path: TAB_PAGES.mine, text: '我的' },
] as const

export type TabPath = (typeof TABS)[number]['path']

export function tabOf(path: string | undefined): TabPath | null {
  const bare = `/${(path ?? '').split('?')[0].replace(/^\/+/, '')}`
  return TABS.find((t) => t.path === bare)?.path ?? null
}

/**
 * Which tab page is showing (null: a page outside the tab bar). Each page reports itself when it
 * shows (components/Page). On weapp each tab page has its own tab bar instance (WeChat's custom
 * tabBar), and all read this one value; on h5 the one app-level bar hides outside tab pages.
 */
function createSelection() {
  let selected: TabPath | null = null
  const listeners = new Set<() => void>()
  return {
    get: () => selected,
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    show(path: string | undefined): void {
      const next = tabOf(path)
      if (next === selected) return
      selected = next
      listeners.forEach((l) => l())
    },
  }
}

export const tabSelection = createSelection()
