/**
 * The h5 build's tab bar, mounted once beside the pages (app.ts). Taro picks AppTabBar.h5.tsx
 * there; in WeChat the tab bar is custom-tab-bar/index.tsx, so this fallback renders nothing.
 */
export function AppTabBar() {
  return null
}
