import { Text, View } from '@tarojs/components'
import { reach, reachesAny } from '@domain/permissions'
import { HOUSEHOLD_COLUMNS, HOUSEHOLD_SHEET } from '@domain/householdImport'
import { COLUMNS, MAX_FILE_BYTES, SHEETS } from '@domain/imports'
import { LoadPanel } from '@/components/LoadPanel/LoadPanel'
import { Page } from '@/components/Page/Page'
import { canHandleFiles } from '@/components/ImportFile/files'
import { ImportErrors, ImportSummaryView } from '@/components/ImportReport/ImportReport'
import { useImport, type ImportKind } from '@/hooks/useImport'
import { useWhoAmI } from '@/hooks/useWhoAmI'
import './index.scss'

function Button({ testId, text, onClick, secondary, disabled }: { testId: string; text: string; onClick: () => void; secondary?: boolean; disabled?: boolean }) {
  const cls = `import-page__button${secondary ? ' import-page__button--secondary' : ''}${disabled ? ' import-page__button--disabled' : ''}`
  return (
    <View className={cls} hoverClass={disabled ? 'none' : 'import-page__button--pressed'} data-testid={testId} onClick={disabled ? undefined : onClick}>
      {text}
    </View>
  )
}

/** What each workbook is, for the page's words. */
const BOARDS: Record<ImportKind, { title: string; sub: string; sheets: string; done: string }> = {
  workbook: {
    title: '批量导入',
    sub: '用 Excel 表格一次导入社区、单位和党员',
    sheets: `模板有「${SHEETS.communities}」「${SHEETS.units}」「${SHEETS.members}」三页，第二行是填写说明。不需要的页可以空着。党员页的列：${COLUMNS.members.map((c) => c.header).join('、')}。`,
    done: '导入的党员状态为「已报到」，在「社区党员」「本单位党员」名单中可以看到。',
  },
  households: {
    title: '导入住户',
    sub: '用 Excel 表格一次登记多户居民',
    sheets: `模板只有「${HOUSEHOLD_SHEET}」一页，第二行是填写说明。列：${HOUSEHOLD_COLUMNS.map((c) => c.header).join('、')}。一户有几位居民就写几行，楼栋和门牌号相同。`,
    done: '导入的住户在「网格居民」名单中可以看到，按标签计算走访周期。',
  },
}

function ImportBoard({ kind }: { kind: ImportKind }) {
  const { step, choose, confirm, downloadTemplate, templateBusy, templateError } = useImport(kind)
  const busy = step.kind === 'checking' || step.kind === 'importing'
  const words = BOARDS[kind]
  return (
    <View data-testid='import-board' data-kind={kind}>
      <View className='import-page__head'>
        <Text className='import-page__title'>{words.title}</Text>
        <Text className='import-page__sub'>{words.sub}</Text>
      </View>

      <Text className='import-page__section'>第一步：下载模板，按说明填写</Text>
      <Text className='import-page__hint'>{words.sheets}</Text>
      <Button testId='import-template' text={templateBusy ? '正在生成模板…' : '下载导入模板'} onClick={() => void downloadTemplate()} secondary disabled={templateBusy} />
      {templateError && (
        <Text className='import-page__error' data-testid='import-template-error'>
          {templateError.message}
        </Text>
      )}

      <Text className='import-page__section'>第二步：选择填好的表格</Text>
      <Text className='import-page__hint'>
        只接受 .xlsx 文件，最大 {MAX_FILE_BYTES / 1024 / 1024} MB。选择后先检查，全部正确才能导入；有任何一行错误，都不会导入。
      </Text>
      <Button testId='import-choose' text={step.kind === 'idle' ? '选择表格文件' : '重新选择文件'} onClick={() => void choose()} disabled={busy} />

      <View className='import-page__result' data-testid='import-result' data-step={step.kind}>
        {step.kind !== 'idle' && step.fileName && (
          <Text className='import-page__file' data-testid='import-file-name'>
            文件：{step.fileName}
          </Text>
        )}
        {step.kind === 'checking' && <Text className='import-page__status'>正在检查表格，请稍候…</Text>}
        {step.kind === 'rejected' && (
          <View>
            <ImportErrors message={step.message} errors={step.errors} more={step.more} />
          </View>
        )}
        {step.kind === 'ready' && (
          <View>
            <Text className='import-page__ok' data-testid='import-check-ok'>
              检查通过，没有发现错误。
            </Text>
            <ImportSummaryView title='确认后将导入' summary={step.summary} />
            <Button testId='import-confirm' text='确认导入' onClick={() => void confirm()} />
          </View>
        )}
        {step.kind === 'importing' && <Text className='import-page__status'>正在导入，请不要离开本页…</Text>}
        {step.kind === 'done' && (
          <View>
            <Text className='import-page__ok' data-testid='import-done'>
              导入成功！
            </Text>
            <ImportSummaryView title='本次已导入' summary={step.summary} />
            <Text className='import-page__hint'>{words.done}</Text>
          </View>
        )}
        {step.kind === 'failed' && (
          <Text className='import-page__error' data-testid='import-failed' data-code={step.error.code}>
            {step.error.message}
          </Text>
        )}
      </View>
    </View>
  )
}

/**
 * 批量导入: county admins (the whole county) and street admins (within their street) import
 * communities, units and members; community admins (and grid workers, in their grid) import
 * households. Each sees the workbook their role may import.
 */
export default function ImportPage() {
  const who = useWhoAmI()
  const kinds: ImportKind[] = who.data
    ? [
        ...(reachesAny(reach(who.data.roles, 'org.import'), 'org') ? (['workbook'] as const) : []),
        ...(reachesAny(reach(who.data.roles, 'household.maintain'), 'org') ? (['households'] as const) : []),
      ]
    : []
  let body
  if (!who.data) body = <LoadPanel error={who.error} onRetry={() => void who.reload()} />
  else if (kinds.length === 0)
    body = (
      <Text className='import-page__none' data-testid='import-no-scope'>
        只有县（区）、街道和社区的管理员可以批量导入。请到「我的」切换为管理员身份。
      </Text>
    )
  else if (!canHandleFiles)
    body = (
      <Text className='import-page__none' data-testid='import-unsupported'>
        当前环境不能选择文件，请在微信或电脑浏览器中打开。
      </Text>
    )
  else
    body = (
      <View>
        {kinds.map((k) => (
          <ImportBoard key={k} kind={k} />
        ))}
      </View>
    )
  return (
    <Page className='page import-page' data-testid='page-admin-import'>
      {body}
    </Page>
  )
}
