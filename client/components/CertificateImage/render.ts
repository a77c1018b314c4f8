import type { CertificateView } from '@domain/api/activities'

/**
 * The certificate as an image to show and save. Taro picks render.h5.ts (a detached canvas → a
 * data URL) or render.weapp.ts (an offscreen canvas → a temp file); elsewhere null, and the page
 * shows the certificate in words only.
 */
export async function renderCertificate(_certificate: CertificateView, _codeBase64: string | null): Promise<string | null> {
  return null
}
