import { Text, View } from '@tarojs/components'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { RulesEditor, RulesSummary, rulesSource } from '@/components/RequirementProgress/RulesEditor'
import { usePageParams } from '@/hooks/usePageParams'
import { useRules } from '@/hooks/useRequirements'
import { setRules } from '@/services/requirements'
import './index.scss'

/**
 * 年度要求: the county admin edits what the county asks of members and units each year; everyone
 * else in the county reads the same rules in words. `countyId` in the URL picks a county the
 * caller belongs to; without it, the caller's own.
 */
export default function RequirementsPage() {
  const params = usePageParams()
  const rules = useRules(params.countyId || undefined)
  const view = rules.data

  let body
  if (!view) body = <LoadPanel error={rules.error} onRetry={() => void rules.reload()} />
  else
    body = (
      <View>
        <View className='req-page__head'>
          <Text className='req-page__title' data-testid='requirements-title'>
            年度要求
          </Text>
          <Text className='req-page__scope' data-testid='requirements-county'>
            {view.county.name}
          </Text>
          <Text className='req-page__source' data-testid='requirements-source'>
            {rulesSource(view)}
          </Text>
        </View>
        {view.canEdit ? (
          <RulesEditor
            key={`${view.county.id}:${view.updatedAt ?? ''}`}
            view={view}
            onSave={async (next) => {
              const saved = await setRules(view.county.id, next)
              rules.set(saved)
              return saved
            }}
          />
        ) : (
          <RulesSummary view={view} />
        )}
        <Text className='req-page__note'>
          {view.canEdit
            ? '党员的活动次数和服务时长按自然年统计；单位共建活动可按季度或年度统计。保存后，党员报到证和单位党员名单上的进度立即按新要求计算。'
            : '年度要求由县委组织部设置。参加活动和服务后，进度自动累计。'}
        </Text>
      </View>
    )

  return (
    <Page className='page' data-testid='page-admin-requirements'>
      {body}
    </Page>
  )
}
