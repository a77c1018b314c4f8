import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import type { IssuedCertificate } from '@domain/api/activities'
import { canSaveImage, saveImage } from '@/utils/saveImage'
import { renderCertificate } from './render'
import './CertificateImage.scss'

/** What a screen reader says for the picture: the same facts as the picture, in one sentence. */
export function certificateAlt(c: IssuedCertificate): string {
  return `服务证明，编号${c.number}，${c.maskedName}，累计服务${c.totalHours}小时，${c.year}年服务${c.yearHours}小时，${c.stars}星，${c.issuer}出具`
}

export interface CertificateImageProps {
  certificate: IssuedCertificate
}

/**
 * The issued 服务证明 as a picture (drawn on a canvas with its verify code), 保存图片 where the
 * platform can save, and the number in words under it for someone who types it in to verify.
 */
export function CertificateImage({ certificate }: CertificateImageProps) {
  const [image, setImage] = useState<{ number: string; url: string | null } | null>(null)

  useEffect(() => {
    let live = true
    // A code that fails to load still gives a certificate: it then says where to type the number.
    renderCertificate(certificate, certificate.qr.imageBase64 || null)
      .catch(() => null)
      .then((url) => {
        if (live) setImage({ number: certificate.number, url })
      })
    return () => {
      live = false
    }
  }, [certificate.number])

  const url = image?.number === certificate.number ? image.url : null
  const drawn = image?.number === certificate.number

  return (
    <View className='certificate-image' data-testid='certificate-image' data-number={certificate.number} data-drawn={String(drawn && url !== null)}>
      {url ? (
        <Image className='certificate-image__picture' src={url} mode='widthFix' data-testid='certificate-picture' nativeProps={{ alt: certificateAlt(certificate) }} />
      ) : (
        <Text className='certificate-image__wait'>{drawn ? '这里不能生成图片，证明内容见下方文字。' : '正在生成证明图片…'}</Text>
      )}
      <Text className='certificate-image__number' data-testid='certificate-number'>
        证明编号：{certificate.number}
      </Text>
      {url && canSaveImage ? (
        <View
          className='certificate-image__save'
          hoverClass='certificate-image__save--pressed'
          data-testid='certificate-save'
          onClick={() => void saveImage(url, `服务证明-${certificate.number}.png`)}
        >
          保存图片
        </View>
      ) : null}
      <Text className='certificate-image__tip'>证明上只有姓氏和服务时长。他人扫描图中的小程序码，或输入编号，即可核验真伪。</Text>
    </View>
  )
}
