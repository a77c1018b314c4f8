import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ExportAnswer } from '@domain/api/filtersOf'
import { toApiError } from '@/services/ApiError'
import './ExportButton.scss'

export interface ExportButtonProps {
  /**
   * Runs the export of this page's list with its current filters and opens the file, e.g.
   * `() => exportList('communityMembers', { communityId, state })` (services/exports.ts, or
   * services/exportOrders.ts in the main package). The page owns the filters; the button only runs it.
   */
  run: () => Promise<ExportAnswer>
  /** Nothing to export yet (the list is loading or the scope is unknown). */
  disabled?: boolean
  /** The export's name for tests and analytics (data-list). */
  list?: string
}

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; rows: number } | { kind: 'error'; message: string }

/**
 * 导出 Excel for an admin list: the function writes every row of the current filters into an
 * .xlsx, the platform opens or saves it (`run`, from services/exports.ts). While it runs the button reads
 * 正在导出… and does nothing on a second tap; then 已导出 N 行, or the error in words.
 */
export function ExportButton({ run, disabled = false, list = '' }: ExportButtonProps) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const busy = status.kind === 'busy'
  const press = async () => {
    if (busy || disabled) return
    setStatus({ kind: 'busy' })
    try {
      const answer = await run()
      setStatus({ kind: 'done', rows: answer.rows })
    } catch (e) {
      setStatus({ kind: 'error', message: toApiError(e).message })
    }
  }
  return (
    <View className='export-button' data-testid='export' data-list={list}>
      <View
        className={`export-button__button${busy || disabled ? ' export-button__button--off' : ''}`}
        hoverClass='export-button__button--pressed'
        data-testid='export-button'
        aria-disabled={busy || disabled ? 'true' : 'false'}
        onClick={() => void press()}
      >
        {busy ? '正在导出…' : '导出 Excel'}
      </View>
      {status.kind === 'done' && (
        <Text className='export-button__status' data-testid='export-status' aria-live='polite'>
          已导出 {status.rows} 行
        </Text>
      )}
      {status.kind === 'error' && (
        <Text className='export-button__status export-button__status--error' data-testid='export-error' aria-live='polite'>
          {status.message}
        </Text>
      )}
    </View>
  )
}
