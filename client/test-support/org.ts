import type { RecordedRequest, StubAnswer } from './fetchStub'

/** A real (1×1) PNG, base64, standing in for the code WeChat draws. */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

/**
 * The `org` cloud function as seen over fetch: `inviteCode` for the communities and units in
 * `allowed` (by id), AUTH.FORBIDDEN for anything else, as the real one refuses other admins.
 */
export function orgBackend(allowed: string[] = ['org-beimen', 'unit-water-bureau']) {
  return (req: RecordedRequest): StubAnswer => {
    const body = req.body as { action: string; kind?: 'community' | 'unit'; id?: string }
    if (body.action !== 'inviteCode') return { status: 400, json: { code: 'REQUEST.UNKNOWN_ACTION', message: '没有这个操作' } }
    if (!allowed.includes(body.id!)) return { status: 403, json: { code: 'AUTH.FORBIDDEN', message: '您没有权限进行此操作' } }
    const scene = `${body.kind === 'community' ? 'c' : 'u'}:${body.id}`
    return {
      json: {
        code: 0,
        data: { scene, page: 'packages/registration/pages/register/index', imageBase64: TINY_PNG_BASE64, contentType: 'image/png' },
      },
    }
  }
}
