export interface PageFrameProps {
  scale: number
}

/**
 * Taro picks PageFrame.weapp.tsx (page-meta) or PageFrame.h5.tsx (<html> font size) by file
 * suffix; this fallback is what the type checker sees and other platforms get: no scaling.
 */
export function PageFrame(_: PageFrameProps) {
  return null
}
