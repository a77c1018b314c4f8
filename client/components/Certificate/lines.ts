import type { CertificateView } from '@domain/api/activities'
import { formatChinaTime } from '@/utils/time'
import { starGlyphs, starText } from '@/components/StarLevel/StarLevel'

export interface CertificateLine {
  key: 'number' | 'name' | 'total' | 'year' | 'stars' | 'issuer' | 'date'
  label: string
  value: string
}

export const CERTIFICATE_TITLE = '服务证明'

/**
 * The words of a 服务证明, for the page and for the picture alike. Built from CertificateView
 * only (the name already masked by the function), so nothing else about the person can reach a
 * certificate by accident.
 */
export function certificateLines(c: CertificateView): CertificateLine[] {
  return [
    { key: 'number', label: '证明编号', value: c.number },
    { key: 'name', label: '姓名', value: c.maskedName },
    { key: 'total', label: '累计服务时长', value: `${c.totalHours} 小时` },
    { key: 'year', label: `${c.year}年服务时长`, value: `${c.yearHours} 小时` },
    { key: 'stars', label: '星级', value: `${starGlyphs(c.stars)} ${starText(c.stars)}` },
    { key: 'issuer', label: '出具单位', value: c.issuer },
    { key: 'date', label: '出具日期', value: formatChinaTime(c.issuedAt, 'YYYY年M月D日') },
  ]
}
