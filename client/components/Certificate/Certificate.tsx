import { Text, View } from '@tarojs/components'
import type { CertificateView } from '@domain/api/activities'
import { StarLevel } from '@/components/StarLevel/StarLevel'
import { certificateLines, CERTIFICATE_TITLE } from './lines'
import './Certificate.scss'

export interface CertificateProps {
  certificate: CertificateView
  /** The verify page's bigger type: it is read on someone else's phone, often by an older person. */
  large?: boolean
}

/** A 服务证明 in words: the number, the masked name, the hours, the stars, who issued it and when. */
export function Certificate({ certificate, large = false }: CertificateProps) {
  return (
    <View className={`certificate${large ? ' certificate--large' : ''}`} data-testid='certificate' data-number={certificate.number}>
      <Text className='certificate__title'>{CERTIFICATE_TITLE}</Text>
      {certificateLines(certificate).map((line) => (
        <View key={line.key} className='certificate__row' data-testid={`certificate-${line.key}`}>
          <Text className='certificate__label'>{line.label}</Text>
          {line.key === 'stars' ? (
            <StarLevel stars={certificate.stars} size={large ? 'large' : 'normal'} />
          ) : (
            <Text className='certificate__value' data-testid={`certificate-${line.key}-value`}>
              {line.value}
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}
