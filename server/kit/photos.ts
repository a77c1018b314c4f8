/**
 * Photos arrive as cloud-storage fileIDs with the type and size the device claims. What is stored
 * on a record is what the file really is: one `getTempFileURL` for all of them (one round trip),
 * then per file the size from the storage's answer and the type from the first bytes (JPEG, PNG,
 * WebP signatures), so a renamed PDF, a file never uploaded or an oversized one is refused with the
 * area's code whatever the client said. Shared by wishes (WISH.BAD_PHOTO), problems
 * (PROBLEM.BAD_PHOTO) and visits (VISIT.BAD_PHOTO); each area states its rules in its domain.
 */
import http from 'node:http'
import https from 'node:https'
import { cloud } from './cloud'
import { DomainError, type ErrorCode } from '../../domain/errors'
import { checkPhotoSet, type Photo, type PhotoRules } from '../../domain/photos'

export type { Photo, PhotoRules }

/** The image type a file's first bytes announce, or null. */
export function sniffImage(head: Buffer): string | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (head.length >= 12 && head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp'
  return null
}

/** Not an image at all: the area's check refuses it with its own list of types. */
const NOT_AN_IMAGE = 'application/octet-stream'

/** The first bytes and the announced length of a URL, without reading the rest. */
function peek(url: string): Promise<{ status: number; length: number | null; head: Buffer }> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? https.get : http.get
    const req = get(url, (res) => {
      const length = res.headers['content-length'] ? Number(res.headers['content-length']) : null
      const chunks: Buffer[] = []
      let got = 0
      const done = () => {
        res.destroy()
        resolve({ status: res.statusCode ?? 0, length, head: Buffer.concat(chunks).subarray(0, 16) })
      }
      res.on('data', (c: Buffer) => {
        chunks.push(c)
        got += c.length
        if (got >= 16) done()
      })
      res.on('end', done)
      res.on('error', reject)
    })
    req.on('error', reject)
    req.setTimeout(5000, () => req.destroy(new Error('photo check timed out')))
  })
}

/**
 * The photos as storage holds them, run through `check` twice: on what was declared (a wrong
 * request costs no storage call), then on the real type and size. A file storage does not have is
 * refused with `bad`. Nothing is written here: callers write after it answers.
 */
export async function verifyStoredPhotos(photos: readonly Photo[], check: (photos: readonly Photo[]) => void, bad: ErrorCode): Promise<Photo[]> {
  check(photos)
  if (photos.length === 0) return []
  const answer = (await cloud.getTempFileURL({ fileList: photos.map((p) => ({ fileID: p.fileId, maxAge: 300 })) })) as {
    fileList: { fileID: string; tempFileURL: string; status: number }[]
  }
  const missing = (p: Photo) => new DomainError(bad, '照片没有上传成功，请重新上传', { fileId: p.fileId })
  const real = await Promise.all(
    photos.map(async (p, i) => {
      const entry = answer.fileList[i]
      if (!entry || entry.status !== 0 || !entry.tempFileURL) throw missing(p)
      const { status, length, head } = await peek(entry.tempFileURL)
      if (status !== 200) throw missing(p)
      return { fileId: p.fileId, mime: sniffImage(head) ?? NOT_AN_IMAGE, bytes: length ?? p.bytes }
    }),
  )
  check(real)
  return real
}

/** An area's photos against its rules (domain/photos.ts), then against storage. */
export const verifyPhotos = (photos: readonly Photo[], rules: PhotoRules): Promise<Photo[]> => verifyStoredPhotos(photos, (ps) => checkPhotoSet(ps, rules), rules.bad)
