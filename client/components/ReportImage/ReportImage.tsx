import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { canSaveImage, saveImage } from '@/utils/saveImage'
import type { ReportView } from './draw'
import { renderReport } from './render'
import './ReportImage.scss'

/** What a screen reader says for the picture: what it is; the figures themselves are on the page in words. */
export function reportAlt(report: ReportView): string {
  return `${report.title}分享图，内容与本页文字相同`
}

const SHARE_TIP =
  process.env.TARO_ENV === 'weapp' ? '点「保存或分享图片」打开图片，长按可保存到相册或发送到工作群。' : '点「保存或分享图片」把图片存到本机，再发送到工作群。'

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; url: string } | { kind: 'none' }

/**
 * 生成分享图: the 进度通报 drawn as one picture (draw.ts) for the admins' group chat, then 保存图片
 * (WeChat: full screen, where a long press saves it or sends it to a chat; browser: a download).
 */
export function ReportImage({ report }: { report: ReportView }) {
  const [state, setState] = useState<State>({ kind: 'idle' })
  const make = async () => {
    if (state.kind === 'busy') return
    setState({ kind: 'busy' })
    const url = await renderReport(report).catch(() => null)
    setState(url ? { kind: 'done', url } : { kind: 'none' })
  }
  const fileName = `${report.title}.png`
  return (
    <View className='report-image' data-testid='report-image' data-state={state.kind}>
      {state.kind !== 'done' && (
        <View
          className='report-image__button'
          hoverClass='report-image__button--pressed'
          data-testid='report-image-make'
          aria-disabled={state.kind === 'busy' ? 'true' : 'false'}
          onClick={() => void make()}
        >
          {state.kind === 'busy' ? '正在生成…' : '生成分享图'}
        </View>
      )}
      {state.kind === 'none' && (
        <Text className='report-image__tip' data-testid='report-image-none'>
          这里不能生成图片，请截屏分享本页。
        </Text>
      )}
      {state.kind === 'done' && (
        <>
          <Image className='report-image__picture' src={state.url} mode='widthFix' data-testid='report-picture' nativeProps={{ alt: reportAlt(report) }} />
          {canSaveImage && (
            <View className='report-image__button' hoverClass='report-image__button--pressed' data-testid='report-image-save' onClick={() => void saveImage(state.url, fileName)}>
              保存或分享图片
            </View>
          )}
          <Text className='report-image__tip'>{SHARE_TIP}</Text>
        </>
      )}
    </View>
  )
}
