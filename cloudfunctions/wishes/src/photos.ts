/**
 * Photos arrive as cloud-storage fileIDs with the type and size the device claims. What is
 * stored on the wish is what the file really is: one `getTempFileURL` for all of them (one
 * round trip), then per file the size from the storage's answer and the type from the first
 * bytes (JPEG, PNG, WebP signatures), so a renamed PDF or an oversized file is refused with
 * WISH.BAD_PHOTO whatever the client said.
 */
import http from 'node:http'
import https from 'node:https'
import { cloud } from '../../../server/kit'
import { DomainError } from '../../../domain/errors'
import { checkPhotos, type WishPhoto } from '../../../domain/wishes'

/** The image type a file's first bytes announce, or null. */
export function sniffImage(head: Buffer): string | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (head.length >= 12 && head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp'
  return null
}

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
 * The photos as they really are, checked against the rules (count, type, size). `max` and
 * `required` as in checkPhotos. The declared values are checked first, so an obviously wrong
 * request costs no storage call.
 */
export async function verifyPhotos(photos: readonly WishPhoto[], max: number, required: boolean): Promise<WishPhoto[]> {
  checkPhotos(photos, max, required)
  if (photos.length === 0) return []
  const answer = (await cloud.getTempFileURL({ fileList: photos.map((p) => ({ fileID: p.fileId, maxAge: 300 })) })) as {
    fileList: { fileID: string; tempFileURL: string; status: number }[]
  }
  const real = await Promise.all(
    photos.map(async (p, i) => {
      const entry = answer.fileList[i]
      if (!entry || entry.status !== 0 || !entry.tempFileURL) throw new DomainError('WISH.BAD_PHOTO', '照片没有上传成功，请重新上传', { fileId: p.fileId })
      const { status, length, head } = await peek(entry.tempFileURL)
      if (status !== 200) throw new DomainError('WISH.BAD_PHOTO', '照片没有上传成功，请重新上传', { fileId: p.fileId })
      const mime = sniffImage(head)
      if (!mime) throw new DomainError('WISH.BAD_PHOTO', '只能上传 JPG、PNG 或 WebP 格式的照片', { fileId: p.fileId })
      return { fileId: p.fileId, mime, bytes: length ?? p.bytes }
    }),
  )
  checkPhotos(real, max, required)
  return real
}
