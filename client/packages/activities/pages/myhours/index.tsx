import { Text, View } from '@tarojs/components'
import type { MyHours } from '@domain/api/activities'
import { CertificateImage } from '@/components/CertificateImage/CertificateImage'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { nextStarText, StarLevel, starText } from '@/components/StarLevel/StarLevel'
import { useIssueCertificate, useMyHours } from '@/hooks/useHours'
import { formatChinaTime } from '@/utils/time'
import './index.scss'

function Figure({ testId, label, value, unit }: { testId: string; label: string; value: number; unit: string }) {
  return (
    <View className='my-hours__figure' data-testid={testId} data-value={String(value)}>
      <Text className='my-hours__figure-value'>
        {value}
        <Text className='my-hours__figure-unit'> {unit}</Text>
      </Text>
      <Text className='my-hours__figure-label'>{label}</Text>
    </View>
  )
}

function Stars({ view }: { view: MyHours }) {
  return (
    <View className='my-hours__section' data-testid='hours-stars'>
      <Text className='my-hours__label'>我的星级</Text>
      <StarLevel stars={view.level.stars} max={view.thresholds.length} size='large' />
      <Text className='my-hours__next' data-testid='star-next'>
        {nextStarText(view.level)}
      </Text>
      <View className='my-hours__thresholds' data-testid='star-thresholds'>
        {view.thresholds.map((hours, i) => {
          const reached = view.totalHours >= hours
          return (
            <View key={i} className={`my-hours__threshold${reached ? ' my-hours__threshold--reached' : ''}`} data-testid='star-threshold' data-stars={String(i + 1)} data-reached={String(reached)}>
              <Text className='my-hours__threshold-name'>{starText(i + 1)}</Text>
              <Text className='my-hours__threshold-hours'>累计 {hours} 小时</Text>
              <Text className='my-hours__threshold-state'>{reached ? '✓ 已达到' : '未达到'}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}

function Recent({ view }: { view: MyHours }) {
  return (
    <View className='my-hours__section' data-testid='hours-recent'>
      <Text className='my-hours__label'>最近入账</Text>
      {view.recent.length === 0 ? (
        <Text className='my-hours__text' data-testid='hours-recent-empty'>
          还没有入账的服务时长。参加活动、送达心愿或完成服务单后，时长会自动记入。
        </Text>
      ) : (
        view.recent.map((r, i) => (
          <View key={i} className='my-hours__credit' data-testid='hours-credit' data-kind={r.kind}>
            <Text className='my-hours__credit-kind'>{r.kindLabel}</Text>
            <Text className='my-hours__credit-date'>{formatChinaTime(r.at, 'YYYY-MM-DD')}</Text>
            <Text className='my-hours__credit-hours'>+{r.hours} 小时</Text>
          </View>
        ))
      )}
    </View>
  )
}

/**
 * 服务时长: this year's hours and activities, all hours, the star level and what the next star
 * takes, the latest credits, and 开具服务证明, which draws the numbered certificate with its
 * verify code.
 */
export default function MyHoursPage() {
  const hours = useMyHours()
  const certificate = useIssueCertificate()
  const view = hours.data

  if (!view)
    return (
      <Page className='page' data-testid='page-my-hours'>
        <LoadPanel error={hours.error} onRetry={() => void hours.reload()} />
      </Page>
    )

  return (
    <Page className='page my-hours' data-testid='page-my-hours' data-year={String(view.year)}>
      <View className='my-hours__head'>
        <Text className='my-hours__title'>服务时长</Text>
        <Text className='my-hours__year' data-testid='hours-this-year'>
          今年指{view.year}年1月1日至今
        </Text>
        <View className='my-hours__figures'>
          <Figure testId='hours-year' label='今年服务时长' value={view.yearHours} unit='小时' />
          <Figure testId='hours-year-activities' label='今年参加活动' value={view.yearActivities} unit='次' />
          <Figure testId='hours-total' label='累计服务时长' value={view.totalHours} unit='小时' />
        </View>
      </View>
      <Stars view={view} />
      <Recent view={view} />
      <View className='my-hours__section' data-testid='hours-certificate'>
        <Text className='my-hours__label'>服务证明</Text>
        <Text className='my-hours__text'>开具一份带编号的服务证明，可保存图片、打印或发给需要的单位；对方扫码或输入编号即可核验。</Text>
        <View
          className={`my-hours__issue${certificate.issuing ? ' my-hours__issue--busy' : ''}`}
          hoverClass='my-hours__issue--pressed'
          data-testid='certificate-issue'
          onClick={() => void certificate.issue()}
        >
          {certificate.issuing ? '正在开具…' : certificate.certificate ? '重新开具服务证明' : '开具服务证明'}
        </View>
        {certificate.error ? (
          <Text className='my-hours__error' data-testid='certificate-error' data-code={certificate.error.code}>
            {certificate.error.message}
          </Text>
        ) : null}
      </View>
      {certificate.certificate ? <CertificateImage certificate={certificate.certificate} /> : null}
    </Page>
  )
}
