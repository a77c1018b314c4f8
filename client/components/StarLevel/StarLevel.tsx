import { Text, View } from '@tarojs/components'
import type { StarLevel as Level } from '@domain/api/activities'
import './StarLevel.scss'

/** ★ for each star earned, ☆ for the rest: the shape differs, so it reads without colour too. */
export function starGlyphs(stars: number, max = 5): string {
  const n = Math.max(0, Math.min(max, Math.floor(stars)))
  return '★'.repeat(n) + '☆'.repeat(max - n)
}

export const starText = (stars: number) => `${stars} 星`

/** What the next star takes, in words: "再服务 120 小时可达 4 星", or that the top is reached. */
export function nextStarText(level: Level): string {
  if (level.next === null || level.toNext === null) return `已达到最高星级 ${starText(level.stars)}`
  return `再服务 ${level.toNext} 小时可达 ${starText(level.stars + 1)}`
}

export interface StarLevelProps {
  stars: number
  max?: number
  /** Large on 服务时长 and the verify page; inline in a row elsewhere. */
  size?: 'large' | 'normal'
}

/**
 * The star line: glyphs for the eye, "3 星" in words for everyone (a screen reader reads only
 * the words: the glyphs are hidden from it, so it never counts black stars aloud).
 */
export function StarLevel({ stars, max = 5, size = 'normal' }: StarLevelProps) {
  return (
    <View className={`star-level star-level--${size}`} data-testid='star-level' data-stars={String(stars)}>
      <Text className='star-level__glyphs' data-testid='star-glyphs' aria-hidden='true'>
        {starGlyphs(stars, max)}
      </Text>
      <Text className='star-level__text' data-testid='star-text'>
        {starText(stars)}
      </Text>
    </View>
  )
}
