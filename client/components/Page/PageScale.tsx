export interface PageScaleProps {
  scale: number
  /** The navigation bar's title when the page sets its own (weapp). */
  title?: string
}

/**
 * Taro picks PageScale.weapp.tsx (page-meta) or PageScale.h5.tsx (<html> font size) by file
 * suffix; this fallback is what the type checker sees and other platforms get: no scaling.
 */
export function PageScale(_: PageScaleProps) {
  return null
}
