import { fieldMessagesOf, type ApiError } from '@/services/ApiError'

/**
 * The shared schema's issues, by form field. Pickers get a plain "请选择…" whatever the schema
 * said about an empty id. Anything else (the backend's own refusals, the network) has no field.
 */
export type FieldErrors = Partial<Record<string, string>>

const PICKER_MESSAGES: Record<string, string> = {
  unitId: '请选择工作单位',
  communityId: '请选择居住社区',
  buildingId: '请重新选择楼栋',
}

export function fieldErrorsOf(error: ApiError | null): FieldErrors {
  if (!error) return {}
  const out: FieldErrors = fieldMessagesOf(error)
  for (const field of Object.keys(out)) out[field] = PICKER_MESSAGES[field] ?? out[field]
  return out
}

/** One line for the toast and the note above the submit button. */
export function summaryOf(error: ApiError): string {
  const fields = fieldErrorsOf(error)
  const first = Object.values(fields)[0]
  return first ?? error.message
}
