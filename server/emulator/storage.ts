// Cloud storage as an unchanged wx-server-sdk (@cloudbase/node-sdk src/storage/index.ts) uses it:
//
// - uploadFile: admin action `storage.getUploadMetadata { path, method: 'put' }` answered with
//   `{ data: { url, token, authorization, fileId, cosFileId } }`, then a PUT of the bytes to `url` with
//   the headers `x-cos-security-token: token`, `authorization`, `x-cos-meta-fileid`. COS answers an
//   empty body on success, an XML <Error> otherwise (the SDK parses it with xml2js).
// - getTempFileURL: `storage.batchGetDownloadUrl { file_list: [{ fileid, max_age }] }` answered with
//   `{ data: { download_list: [{ fileID, tempFileURL, code: 'SUCCESS' | 'STORAGE_FILE_NONEXIST' }] } }`.
// - deleteFile: `storage.batchDeleteFile { fileid_list }` → `{ data: { delete_list: [{ fileID, code }] } }`.
// - downloadFile: batchGetDownloadUrl, then a GET of `encodeURI(tempFileURL)`.
//
// Files live under `<dataDir>/storage/objects/<sha256 of the path>` with a `.json` beside each
// (path, size, contentType, uploadedAt, openid); bytes and record are each written to a temporary
// file, fsynced and renamed, so a crash leaves either the old file or the new one.
import fs from 'fs'
import path from 'path'
import http from 'http'
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto'
import { invalidParam } from './errors'

export interface StoredFile {
  fileID: string
  cloudPath: string
  size: number
  contentType: string
  /** ISO time. */
  uploadedAt: string
  /** The uploader, when the upload came with an identity (the local h5 upload endpoint). */
  openid?: string
}

/** At most this many files in one getTempFileURL / deleteFile call (WeChat's documented limit). */
export const MAX_BATCH = 50
export const DEFAULT_MAX_AGE_S = 86_400
const UPLOAD_TOKEN_TTL_MS = 10 * 60_000
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024

const MIME_BY_EXT: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.heic': 'image/heic',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
}

export function contentTypeFor(cloudPath: string, declared?: string): string {
  const d = declared?.trim()
  if (d && !/^application\/octet-stream\b/i.test(d) && !/^multipart\//i.test(d)) return d
  return MIME_BY_EXT[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * A cloud path as COS keys go, minus what would make a URL or a file name ambiguous here:
 * no leading slash, no empty, `.` or `..` segment, no `?`, `#`, `%`, backslash or control character.
 */
export function checkCloudPath(cloudPath: unknown): string {
  if (typeof cloudPath !== 'string' || cloudPath === '') throw invalidParam('cloudPath must be a non-empty string')
  if (Buffer.byteLength(cloudPath) > 850) throw invalidParam('cloudPath is longer than 850 bytes')
  if (cloudPath.startsWith('/')) throw invalidParam('cloudPath must not start with /')
  // eslint-disable-next-line no-control-regex
  if (/[?#%\\\u0000-\u001f\u007f]/.test(cloudPath)) throw invalidParam('cloudPath has a character that is not allowed (? # % \\ or a control character)')
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) throw invalidParam('cloudPath has an empty, . or .. segment')
  return cloudPath
}

function writeAtomic(file: string, data: Buffer | string): void {
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`
  const fd = fs.openSync(tmp, 'w')
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data)
    fs.fdatasyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
}

function cosError(res: http.ServerResponse, status: number, code: string, message: string, resource: string): void {
  const id = randomBytes(8).toString('hex')
  const esc = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
  const body =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${esc(message)}</Message>\n` +
    `<Resource>${esc(resource)}</Resource>\n<RequestId>${id}</RequestId>\n<TraceId>${id}</TraceId>\n</Error>`
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'access-control-allow-origin': '*' })
  res.end(body)
}

export class Storage {
  readonly bucket: string
  private readonly objects: string
  private readonly secret: Buffer
  private readonly uploads = new Map<string, { cloudPath: string; expires: number }>()
  /** Base of temp URLs: the emulator's own URL, or the local server's (same origin as the h5 app). */
  publicBase: string

  constructor(
    dataDir: string,
    readonly envId: string,
    /** Where the emulator itself answers (upload URLs always point here); set once it listens. */
    public ownBase: string,
  ) {
    // WeChat's bucket names look like `7465-test-f97abe-1258211818`: hex of the env's first two
    // characters, the env, the account's app id.
    this.bucket = `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1300000000`
    const root = path.join(dataDir, 'storage')
    this.objects = path.join(root, 'objects')
    fs.mkdirSync(this.objects, { recursive: true })
    // Temp URLs are signed; the key survives restarts so a URL handed out stays valid until it expires.
    const keyFile = path.join(root, 'url-key')
    if (!fs.existsSync(keyFile)) writeAtomic(keyFile, randomBytes(32))
    this.secret = fs.readFileSync(keyFile)
    this.publicBase = ownBase
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`
  }

  /** The cloud path of one of this bucket's fileIDs, else undefined. */
  pathOf(fileID: unknown): string | undefined {
    if (typeof fileID !== 'string') return undefined
    const prefix = `cloud://${this.envId}.${this.bucket}/`
    if (!fileID.startsWith(prefix)) return undefined
    try {
      return checkCloudPath(fileID.slice(prefix.length))
    } catch {
      return undefined
    }
  }

  private base(cloudPath: string): string {
    return path.join(this.objects, createHash('sha256').update(cloudPath).digest('hex'))
  }

  /** Writes a file (replacing one at the same path, as COS does) and returns its record. */
  put(cloudPath: string, bytes: Buffer, opts: { contentType?: string; openid?: string } = {}): StoredFile {
    checkCloudPath(cloudPath)
    const record: StoredFile = {
      fileID: this.fileIdOf(cloudPath),
      cloudPath,
      size: bytes.length,
      contentType: contentTypeFor(cloudPath, opts.contentType),
      uploadedAt: new Date().toISOString(),
      ...(opts.openid ? { openid: opts.openid } : {}),
    }
    const base = this.base(cloudPath)
    // Each version's bytes get their own name and the record names them: the record's rename is
    // the one commit point, so two uploads to one path never leave one's record over the other's bytes.
    const blob = `${path.basename(base)}.${randomBytes(6).toString('hex')}`
    const previous = this.record(cloudPath)
    writeAtomic(path.join(this.objects, blob), bytes)
    writeAtomic(`${base}.json`, JSON.stringify({ ...record, blob }))
    if (previous) fs.rmSync(this.blobPath(previous), { force: true })
    return record
  }

  private record(cloudPath: string): (StoredFile & { blob?: string }) | undefined {
    try {
      return JSON.parse(fs.readFileSync(`${this.base(cloudPath)}.json`, 'utf8'))
    } catch {
      return undefined
    }
  }

  private blobPath(record: StoredFile & { blob?: string }): string {
    return record.blob ? path.join(this.objects, record.blob) : this.base(record.cloudPath)
  }

  /** The record of a file by fileID or cloud path, or undefined when there is none. */
  stat(fileIdOrPath: string): StoredFile | undefined {
    const cloudPath = fileIdOrPath.startsWith('cloud://') ? this.pathOf(fileIdOrPath) : fileIdOrPath
    if (cloudPath === undefined) return undefined
    const record = this.record(cloudPath)
    if (!record) return undefined
    const { blob: _blob, ...file } = record
    return file
  }

  read(fileIdOrPath: string): Buffer | undefined {
    const cloudPath = fileIdOrPath.startsWith('cloud://') ? this.pathOf(fileIdOrPath) : fileIdOrPath
    const record = cloudPath === undefined ? undefined : this.record(cloudPath)
    if (!record) return undefined
    try {
      return fs.readFileSync(this.blobPath(record))
    } catch {
      return undefined // replaced or removed between reading the record and the bytes
    }
  }

  remove(fileIdOrPath: string): boolean {
    const cloudPath = fileIdOrPath.startsWith('cloud://') ? this.pathOf(fileIdOrPath) : fileIdOrPath
    const record = cloudPath === undefined ? undefined : this.record(cloudPath)
    if (!record) return false
    // The record goes first: without it the file does not exist, whatever bytes remain.
    fs.rmSync(`${this.base(record.cloudPath)}.json`, { force: true })
    fs.rmSync(this.blobPath(record), { force: true })
    return true
  }

  private sign(cloudPath: string, t: number): string {
    return createHmac('sha256', this.secret).update(`${cloudPath}\n${t}`).digest('base64url').slice(0, 32)
  }

  /** A temp URL as getTempFileURL gives: the raw path (the SDK encodeURI's it), signed, expiring. */
  tempUrl(cloudPath: string, maxAgeS: number = DEFAULT_MAX_AGE_S): string {
    const t = Math.floor(Date.now() / 1000) + Math.max(1, Math.floor(maxAgeS))
    return `${this.publicBase}/cos/${this.bucket}/${cloudPath}?sign=${this.sign(cloudPath, t)}&t=${t}`
  }

  /** Admin-API actions: `storage.getUploadMetadata`, `storage.batchGetDownloadUrl`, `storage.batchDeleteFile`. */
  actions(): Record<string, (params: any) => Promise<any>> {
    return {
      'storage.getUploadMetadata': async (p) => {
        const cloudPath = checkCloudPath(p?.path)
        const now = Date.now()
        for (const [k, v] of this.uploads) if (v.expires < now) this.uploads.delete(k)
        const token = randomBytes(16).toString('hex')
        this.uploads.set(token, { cloudPath, expires: now + UPLOAD_TOKEN_TTL_MS })
        const url = `${this.ownBase}/cos/${this.bucket}/${cloudPath.split('/').map(encodeURIComponent).join('/')}`
        return {
          data: { url, token, authorization: `q-sign-algorithm=sha1&q-local=${token}`, fileId: this.fileIdOf(cloudPath), cosFileId: `local-${token}` },
        }
      },
      'storage.batchGetDownloadUrl': async (p) => {
        const list = p?.file_list
        if (!Array.isArray(list) || list.length === 0) throw invalidParam('file_list must be a non-empty array')
        if (list.length > MAX_BATCH) throw invalidParam(`at most ${MAX_BATCH} files in one call`)
        return {
          data: {
            download_list: list.map((f: any) => {
              const fileID = f?.fileid
              const meta = typeof fileID === 'string' ? this.stat(fileID) : undefined
              const maxAge = typeof f?.max_age === 'number' && f.max_age > 0 ? f.max_age : DEFAULT_MAX_AGE_S
              if (!meta || !fileID.startsWith('cloud://')) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' }
              return { fileID, tempFileURL: this.tempUrl(meta.cloudPath, maxAge), code: 'SUCCESS', maxAge }
            }),
          },
        }
      },
      'storage.batchDeleteFile': async (p) => {
        const list = p?.fileid_list
        if (!Array.isArray(list) || list.length === 0) throw invalidParam('fileid_list must be a non-empty array')
        if (list.length > MAX_BATCH) throw invalidParam(`at most ${MAX_BATCH} files in one call`)
        return {
          data: {
            delete_list: list.map((fileID: any) =>
              typeof fileID === 'string' && fileID.startsWith('cloud://') && this.remove(fileID)
                ? { fileID, code: 'SUCCESS' }
                : { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' },
            ),
          },
        }
      },
    }
  }

  /**
   * Serves `/cos/<bucket>/<path>`: PUT with an upload token (the SDK's upload), GET/HEAD with a
   * valid signature (temp URLs). Returns false when the URL is not a storage URL.
   */
  async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://local')
    const prefix = `/cos/${this.bucket}/`
    if (!url.pathname.startsWith('/cos/')) return false
    let cloudPath: string
    try {
      if (!url.pathname.startsWith(prefix)) throw new Error('other bucket')
      cloudPath = checkCloudPath(decodeURIComponent(url.pathname.slice(prefix.length)))
    } catch {
      cosError(res, 404, 'NoSuchBucket', 'The specified bucket or key does not exist.', url.pathname)
      return true
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD', 'access-control-max-age': '86400' })
      res.end()
      return true
    }
    if (req.method === 'PUT') {
      const token = String(req.headers['x-cos-security-token'] ?? '')
      const grant = this.uploads.get(token)
      if (!grant || grant.cloudPath !== cloudPath || grant.expires < Date.now()) {
        req.resume()
        cosError(res, 403, 'AccessDenied', 'Access Denied: no valid upload token for this key.', url.pathname)
        return true
      }
      const body = await readAll(req, MAX_UPLOAD_BYTES)
      if (body === null) {
        cosError(res, 400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed object size (${MAX_UPLOAD_BYTES}).`, url.pathname)
        return true
      }
      this.put(cloudPath, body, { contentType: req.headers['content-type'] })
      res.writeHead(200, { 'content-length': 0, etag: `"${createHash('md5').update(body).digest('hex')}"` })
      res.end()
      return true
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      cosError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', url.pathname)
      return true
    }
    const t = Number(url.searchParams.get('t'))
    const sign = Buffer.from(url.searchParams.get('sign') ?? '')
    const expected = Buffer.from(Number.isInteger(t) ? this.sign(cloudPath, t) : '')
    if (!Number.isInteger(t) || sign.length !== expected.length || !timingSafeEqual(sign, expected)) {
      cosError(res, 403, 'AccessDenied', 'Access Denied: the signature does not match.', url.pathname)
      return true
    }
    if (t * 1000 < Date.now()) {
      cosError(res, 403, 'AccessDenied', 'Request has expired', url.pathname)
      return true
    }
    const meta = this.stat(cloudPath)
    const bytes = meta && this.read(cloudPath)
    if (!meta || !bytes) {
      cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', url.pathname)
      return true
    }
    const headers: http.OutgoingHttpHeaders = {
      'content-type': meta.contentType,
      'accept-ranges': 'bytes',
      'last-modified': new Date(meta.uploadedAt).toUTCString(),
      'cache-control': 'private, max-age=600',
      'access-control-allow-origin': '*',
    }
    // One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`), as COS serves them: 206 or 416.
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''))
    if (range && (range[1] !== '' || range[2] !== '')) {
      const size = bytes.length
      let start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1])
      let end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1)
      if (range[1] === '' && Number(range[2]) === 0) start = size // `bytes=-0` is unsatisfiable
      if (start >= size || start > end) {
        res.writeHead(416, { ...headers, 'content-range': `bytes */${size}`, 'content-length': 0 })
        res.end()
        return true
      }
      end = Math.max(end, start)
      res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 })
      res.end(req.method === 'HEAD' ? undefined : bytes.subarray(start, end + 1))
      return true
    }
    res.writeHead(200, { ...headers, 'content-length': bytes.length })
    res.end(req.method === 'HEAD' ? undefined : bytes)
    return true
  }
}

export function readAll(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > max) over = true
      else chunks.push(c)
    })
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
