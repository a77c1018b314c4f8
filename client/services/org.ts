import type { InviteCodeInput } from '@domain/api'
import { call } from './transport'

/** The mini-program code (小程序码) that opens 报到 for a community or a unit: `{ scene, page, imageBase64 }`. */
export const inviteCode = (input: InviteCodeInput) => call('org', 'inviteCode', input)
