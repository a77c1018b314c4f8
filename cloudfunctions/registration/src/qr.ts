/**
 * The 报到证's QR code, drawn here with the library the emulator uses for mini-program codes, so
 * the client ships no QR library. It encodes `reg:<id>` and nothing personal.
 */
import QRCode from 'qrcode'
import { findCaller, getDocs, type ActionContext } from '../../../server/kit'
import type { CardQr } from '../../../domain/api/registration'
import { DomainError } from '../../../domain/errors'
import { registrationQrPayload, type RegistrationRecord } from '../../../domain/registration'
import type { Caller } from './decide'

/**
 * Pixels per module. `reg:<20 hex>` is a version-2 code (25 modules, 29 with the margin), so 8
 * gives 232 px, about 1.2 KB as base64; the card scales it up without smoothing. Encoding cost
 * grows with the pixel count: at 480 px wide it was several times slower on the emulator.
 */
const QR_SCALE = 8

export async function qrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', scale: QR_SCALE, margin: 2 })
}

/**
 * 2 round trips: the caller, then the registration by id and owner together. Only the owner's
 * own registrations (live or closed): anyone else, or an unknown id, gets REGISTRATION.NOT_FOUND,
 * so the action cannot be used to learn which ids exist.
 */
export async function cardQr({ id }: { id: string }, ctx: ActionContext): Promise<CardQr> {
  const caller = await findCaller<Caller>(ctx)
  if (!caller) throw new DomainError('REGISTRATION.NOT_FOUND')
  const [doc] = await getDocs<Pick<RegistrationRecord, '_id'>>(
    ctx.db.collection('registrations').where({ _id: id, userId: caller._id }).field({ _id: true }).limit(1),
  )
  if (!doc) throw new DomainError('REGISTRATION.NOT_FOUND')
  const payload = registrationQrPayload(doc._id)
  const png = await qrPng(payload)
  return { payload, imageBase64: png.toString('base64'), contentType: 'image/png' }
}
