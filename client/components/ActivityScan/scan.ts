/**
 * Scanning a code with the camera. Taro picks scan.weapp.ts (Taro.scanCode) by file suffix at
 * build time; this fallback (h5 and others) has no camera scan, so pages offer typing instead.
 */
export const canScan: boolean = false

/** What a scan read: the text of a QR code, or a mini-program code's path. Null when cancelled. */
export interface Scanned {
  result: string
  path: string
}

export async function scan(): Promise<Scanned | null> {
  return null
}
