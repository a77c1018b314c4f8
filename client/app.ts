import { createElement, Fragment, type PropsWithChildren } from 'react'
import { AppTabBar } from './custom-tab-bar/AppTabBar'
import { initPlatform } from './services/platform'
import { initPrivacy } from './services/privacy'
import './app.scss'

// Before any page mounts: on weapp this connects the cloud SDK (platform.weapp.ts).
initPlatform()
// WeChat's privacy authorization is answered by the app's own popup from the start (privacy.weapp.ts).
initPrivacy()

function App({ children }: PropsWithChildren) {
  // h5 draws the tab bar beside the pages (custom-tab-bar/AppTabBar); WeChat draws its own.
  return process.env.TARO_ENV === 'h5' ? createElement(Fragment, null, children, createElement(AppTabBar)) : children
}

export default App
