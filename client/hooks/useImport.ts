import { useCallback, useRef, useState } from 'react'
import { MAX_FILE_BYTES, type ImportRowError } from '@domain/imports'
import type { ImportRejected } from '@domain/api'
import type { AnyImportSummary as ImportSummary } from '@/components/ImportReport/ImportReport'
import { ApiError, toApiError } from '@/services/ApiError'
import { householdsTemplate, importHouseholds, importTemplate, importWorkbook } from '@/services/imports'
import { pickWorkbook, saveWorkbook, type PickedFile } from '@/components/ImportFile/files'

/**
 * The import page's steps: choose a file → it is checked at once (a dry run, nothing written) →
 * either the bad rows, or what would be added and 确认导入 → imported. Choosing again restarts.
 */
export type ImportStep =
  | { kind: 'idle' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'rejected'; fileName: string; errors: ImportRowError[]; more: number; summary: ImportSummary; message: string }
  | { kind: 'ready'; fileName: string; summary: ImportSummary }
  | { kind: 'importing'; fileName: string; summary: ImportSummary }
  | { kind: 'done'; fileName: string; summary: ImportSummary; importId: string }
  | { kind: 'failed'; fileName: string; error: ApiError }

/** The bad rows an IMPORT.INVALID_ROWS answer carries, or null for any other failure. */
function rejectedOf(error: ApiError): ImportRejected<ImportSummary> | null {
  const details = error.details as Partial<ImportRejected<ImportSummary>> | undefined
  if (error.code !== 'IMPORT.INVALID_ROWS' || !Array.isArray(details?.errors) || !details?.summary) return null
  return { errors: details.errors, more: details.more ?? 0, summary: details.summary }
}

/** Which workbook: the county's (社区 / 单位 / 党员, `imports.importWorkbook`) or a community's households (住户, `imports.importHouseholds`). */
export type ImportKind = 'workbook' | 'households'

const CALLS = {
  workbook: { template: importTemplate, send: importWorkbook },
  households: { template: householdsTemplate, send: importHouseholds },
} as const

export function useImport(kind: ImportKind = 'workbook') {
  const { template: fetchTemplate, send } = CALLS[kind]
  const [step, setStep] = useState<ImportStep>({ kind: 'idle' })
  const [templateBusy, setTemplateBusy] = useState(false)
  const [templateError, setTemplateError] = useState<ApiError | null>(null)
  const file = useRef<PickedFile | null>(null)

  const downloadTemplate = useCallback(async () => {
    setTemplateBusy(true)
    setTemplateError(null)
    try {
      const t = await fetchTemplate()
      await saveWorkbook(t.base64, t.fileName, t.contentType)
    } catch (e) {
      setTemplateError(toApiError(e))
    } finally {
      setTemplateBusy(false)
    }
  }, [fetchTemplate])

  const check = useCallback(async (picked: PickedFile) => {
    file.current = picked
    if (picked.size > MAX_FILE_BYTES) {
      setStep({ kind: 'failed', fileName: picked.name, error: new ApiError('IMPORT.FILE_TOO_LARGE', `文件太大（最大 ${MAX_FILE_BYTES / 1024 / 1024} MB），请分成几个文件分别导入`) })
      return
    }
    setStep({ kind: 'checking', fileName: picked.name })
    try {
      const r = await send(picked.base64, picked.name, true)
      if (file.current === picked) setStep({ kind: 'ready', fileName: picked.name, summary: r.summary })
    } catch (e) {
      if (file.current !== picked) return
      const error = toApiError(e)
      const rejected = rejectedOf(error)
      if (rejected) setStep({ kind: 'rejected', fileName: picked.name, ...rejected, message: error.message })
      else setStep({ kind: 'failed', fileName: picked.name, error })
    }
  }, [send])

  const choose = useCallback(async () => {
    let picked: PickedFile | null
    try {
      picked = await pickWorkbook()
    } catch {
      setStep({ kind: 'failed', fileName: '', error: new ApiError('IMPORT.BAD_FILE', '无法读取这个文件，请重新选择') })
      return
    }
    if (picked) await check(picked)
  }, [check])

  const confirm = useCallback(async () => {
    const picked = file.current
    if (!picked || step.kind !== 'ready') return
    setStep({ kind: 'importing', fileName: picked.name, summary: step.summary })
    try {
      const r = await send(picked.base64, picked.name, false)
      setStep({ kind: 'done', fileName: picked.name, summary: r.summary, importId: r.importId ?? '' })
    } catch (e) {
      const error = toApiError(e)
      // Someone changed the data between the check and the import: show the rows as after a check.
      const rejected = rejectedOf(error)
      if (rejected) setStep({ kind: 'rejected', fileName: picked.name, ...rejected, message: error.message })
      else setStep({ kind: 'failed', fileName: picked.name, error })
    }
  }, [step, send])

  return { step, choose, check, confirm, downloadTemplate, templateBusy, templateError }
}
