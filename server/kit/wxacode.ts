import { cloud } from './cloud'
import { DomainError } from '../../domain/errors'

/** A mini-program code (小程序码) as the client shows it: the PNG in base64, with what it opens. */
export interface MiniProgramCode {
  scene: string
  page: string
  imageBase64: string
  contentType: 'image/png'
}

/**
 * The mini-program code that opens `page` with `scene`, from WeChat's `wxacode.getUnlimited` (the
 * calling function's config.json must grant it; locally the emulator answers with a real QR).
 */
export async function miniProgramCode(scene: string, page: string): Promise<MiniProgramCode> {
  let code: { contentType?: string; buffer?: unknown }
  try {
    code = (await cloud.openapi.wxacode.getUnlimited({ scene, page, checkPath: false })) as typeof code
  } catch (e) {
    // 45009: WeChat's rate limit for codes (5000 a minute); anything else is ours to look at.
    if ((e as { errCode?: number })?.errCode === 45009) throw new DomainError('SYSTEM.BUSY')
    throw e
  }
  if (!/^image\/png\b/.test(code.contentType ?? '') || !Buffer.isBuffer(code.buffer)) {
    throw new Error(`wxacode.getUnlimited answered ${code.contentType}`)
  }
  return { scene, page, imageBase64: code.buffer.toString('base64'), contentType: 'image/png' }
}
