import { useState } from 'react'
import type { IssuedCertificate } from '@domain/api/activities'
import * as activities from '@/services/activities'
import { toApiError, type ApiError } from '@/services/ApiError'
import { useRemote } from './useRemote'

/** The caller's hours, this year's activities and star level. */
export function useMyHours() {
  return useRemote(() => activities.myHours(), 'my-hours')
}

/** What a certificate number stands for; nothing to load until a number is known. */
export function useVerifiedCertificate(number: string | null) {
  return useRemote(() => activities.verifyCertificate(number!), number ? `certificate:${number}` : null)
}

/** The county's theme menu of one year. */
export function useThemes(year: number) {
  return useRemote(() => activities.themes(year), `themes:${year}`)
}

/** The county's rounding rule and star thresholds. */
export function useActivitySettings() {
  return useRemote(() => activities.getActivitySettings(), 'activity-settings')
}

/**
 * 开具服务证明: one request at a time (a second tap while the first is on its way does nothing);
 * the newest certificate stays shown, a failure keeps it and adds the error.
 */
export function useIssueCertificate() {
  const [state, setState] = useState<{ issuing: boolean; certificate: IssuedCertificate | null; error: ApiError | null }>({
    issuing: false,
    certificate: null,
    error: null,
  })
  const issue = async () => {
    if (state.issuing) return
    setState((s) => ({ ...s, issuing: true, error: null }))
    try {
      const certificate = await activities.issueCertificate()
      setState({ issuing: false, certificate, error: null })
    } catch (e) {
      setState((s) => ({ ...s, issuing: false, error: toApiError(e) }))
    }
  }
  return { ...state, issue }
}
