import type { PropsWithChildren } from 'react'
import { initPlatform } from './services/platform'
import './app.scss'

// Before any page mounts: on weapp this connects the cloud SDK (platform.weapp.ts).
initPlatform()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
