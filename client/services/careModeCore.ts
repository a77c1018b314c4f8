/**
 * Care mode (关怀模式): how much bigger every page is drawn, and whether the higher-contrast
 * palette is on. Two inputs: the type size the person chose in WeChat itself (设置 → 通用 → 字体大小,
 * read from getAppBaseInfo on weapp) and the 关怀模式 switch on 我的, kept on the device.
 * The pages never read either: they take `scale` and `on` from here (docs/care-mode.md).
 */

/** What we read from `wx.getAppBaseInfo()` (Taro's typings lack the two font fields). */
export interface SystemFontInfo {
  /** 微信字体大小缩放比例: 1 at WeChat's standard size. */
  fontSizeScaleFactor?: number
  /** 微信字体大小, px (base library ≥ 2.23.4). */
  fontSizeSetting?: number
}

/** The switch makes type at least this much larger. */
export const CARE_SCALE = 1.25
/** WeChat's 标准 font size in px, where fontSizeScaleFactor is 1: used only when the factor is missing. */
export const STANDARD_FONT_PX = 17
/**
 * WeChat's largest setting is about 2×; beyond that the layouts (designed 750 wide) would
 * overflow sideways, so a bigger reading is held here.
 */
export const MAX_SCALE = 2
export const CARE_STORAGE_KEY = 'lianxin.careMode'

const round2 = (n: number) => Math.round(n * 100) / 100
const positive = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0

/**
 * WeChat's own type scale. A setting smaller than standard does not shrink the pages (text here
 * is never below 32 design px); a missing or broken reading counts as standard.
 */
export function systemScale(info: SystemFontInfo | null | undefined): number {
  const raw = positive(info?.fontSizeScaleFactor)
    ? info!.fontSizeScaleFactor!
    : positive(info?.fontSizeSetting)
      ? info!.fontSizeSetting! / STANDARD_FONT_PX
      : 1
  return round2(Math.min(MAX_SCALE, Math.max(1, raw)))
}

/** The page scale: WeChat's own, or at least CARE_SCALE while the switch is on. */
export function pageScale(system: number, switchedOn: boolean): number {
  return Math.max(system, switchedOn ? CARE_SCALE : 1)
}

export interface CareState {
  /** The 关怀模式 switch: bigger type and the higher-contrast palette. */
  on: boolean
  /** WeChat's own scale (1 outside WeChat). */
  system: number
  /** What every page is drawn at: pageScale(system, on). */
  scale: number
}

/** Where the switch is kept: Taro's storage on both platforms (localStorage on h5). */
export interface SwitchStorage {
  read(): boolean
  write(on: boolean): void
}

export function createCareStore(readSystem: () => SystemFontInfo | null, storage: SwitchStorage) {
  let state: CareState | null = null
  const listeners = new Set<() => void>()

  const make = (on: boolean, system: number): CareState => ({ on, system, scale: pageScale(system, on) })
  const readSystemScale = () => {
    try {
      return systemScale(readSystem())
    } catch {
      return 1
    }
  }
  const set = (next: CareState) => {
    const changed = !state || next.on !== state.on || next.scale !== state.scale
    state = next
    if (changed) listeners.forEach((l) => l())
  }

  /** Read lazily: the first page to draw asks, and by then the platform APIs are up. */
  const getState = (): CareState => {
    if (!state) state = make(storage.read(), readSystemScale())
    return state
  }

  return {
    getState,
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    /** The switch on 我的: kept on the device, and every page follows at once. */
    setOn(on: boolean): void {
      storage.write(on)
      set(make(on, getState().system))
    },
    /** WeChat's setting may have changed while the mini-program was in the background. */
    refreshSystem(): void {
      set(make(getState().on, readSystemScale()))
    },
    /** Forget what was read, as a fresh start of the mini-program would (tests). */
    reset(): void {
      state = null
    },
  }
}

export type CareStore = ReturnType<typeof createCareStore>
