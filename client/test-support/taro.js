// `@tarojs/taro` under jest: the h5 API implementation plus the React page hooks, as the h5
// build assembles it (plugin-platform-h5 alias + plugin-framework-react api-loader).
import * as React from 'react'
import * as ReactDOM from 'react-dom'
import Taro, * as api from '@tarojs/taro-h5'
import * as runtime from '@tarojs/plugin-framework-react/dist/runtime'

// Wires the reconciler so the use* hooks below can find React.
runtime.createH5NativeComponentConfig(null, React, ReactDOM)

// The h5 build rewrites `Taro.showToast` into a named import (babel-plugin-transform-taroapi);
// here the default export simply carries every named API, plus the hooks.
const hooks = Object.fromEntries(Object.entries(runtime).filter(([name]) => /^use[A-Z]/.test(name)))
for (const [name, value] of Object.entries(api)) {
  if (name !== 'default' && !(name in Taro)) Taro[name] = value
}
Object.assign(Taro, hooks)

export * from '@tarojs/taro-h5'
export const {
  useDidHide,
  useDidShow,
  useLaunch,
  useLoad,
  usePageScroll,
  usePullDownRefresh,
  useReachBottom,
  useReady,
  useRouter,
  useTabItemTap,
  useUnload,
} = runtime
export default Taro
