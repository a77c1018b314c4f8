/**
 * 服务证明: a numbered certificate of a person's service hours. The number is what the verify
 * page is opened with (its mini-program code's scene `v:<number>`); the page shows only the
 * masked name, the hours and the issuer, never anything else about the person.
 */

/** LX + the year + 8 characters of a random id, e.g. LX2026-3F9A0C1B. */
export function certificateNumber(year: number, randomHex: string): string {
  return `LX${year}-${randomHex.slice(0, 8).toUpperCase()}`
}

export const CERTIFICATE_NUMBER = /^LX\d{4}-[0-9A-F]{8}$/

export const verifyScene = (number: string) => `v:${number}`

export function numberFromVerifyScene(scene: string): string | null {
  const n = scene.startsWith('v:') ? scene.slice(2) : scene
  return CERTIFICATE_NUMBER.test(n) ? n : null
}

export interface CertificateRecord {
  _id: string
  userId: string
  maskedName: string
  /** Total credited hours when issued, and this year's. */
  totalHours: number
  yearHours: number
  year: number
  stars: number
  issuer: string
  issuedAt: Date
}
