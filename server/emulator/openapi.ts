// WeChat open APIs (`cloud.openapi.*`) as an unchanged wx-server-sdk calls them, answered locally.
//
// The protocol, read from node_modules/wx-server-sdk/index.js (src/api/openapi/namespace/generic.ts,
// src/api/cloud/provider/tcb/api/callWXOpenAPI.ts, src/protobuf/openapi.js) and
// @cloudbase/node-sdk (src/wx/index.ts callCompatibleWxOpenApi, src/utils/tcbapirequester.ts),
// and confirmed by logging one real request:
//
// - `cloud.openapi.wxacode.getUnlimited({...})` POSTs to the same admin URL as the database, but as
//   `multipart/form-data` (chunked) with the fields `action=wx.openApi`, `apiName=wxacode.getUnlimited`,
//   `requestData` (application/octet-stream), `envName` and empty token fields.
// - `requestData` is a protobuf `CommApiData { apiType = OPEN_API(0), openapiData { pairs } }`; each
//   pair is one top-level parameter, its key converted to snake_case (`checkPath` → `check_path`) and
//   its value the JSON text of the value (`"c:org-beimen"`, `false`).
// - The answer is read raw: a body whose content-type is exactly `application/json; charset=utf-8`
//   is a CloudBase error (`{code, message}`); any other body is a protobuf `CommOpenApiResp
//   { respData, contentType, errorCode, httpCode }`. A non-zero `errorCode` is a platform error; a
//   JSON `respData` with `errcode` is WeChat's error (the SDK throws it as `errCode`); anything else
//   is returned as `{ contentType, buffer }`.
//
// The message shapes are copied from wx-server-sdk's bundled openapi.proto (field numbers and
// wire types as in its generated encoder) and encoded with `protobufjs`, the package it uses.
import { Reader, Writer } from 'protobufjs/minimal'
import QRCode from 'qrcode'
import { EmulatorError, invalidParam } from './errors'
import { Outbox } from './outbox'
import { loadSecWords, MAX_CONTENT_CHARS, secCheck, type SecWord } from './seccheck'

// message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
// message OpenApiData { repeated KeyValuePair pairs = 1; }
// message CommApiData { ApiType apiType = 1; OpenApiData openapiData = 2; InnerApiData innerData = 3;
//   SvrkitApiData svrkitData = 4; TokenApiData tokenData = 5; string appid = 6; }
//   enum ApiType { OPEN_API = 0; INNER_API = 1; SVRKIT_API = 2; TOKEN_API = 3; }
// message HttpHeader { string key = 1; string value = 2; }
// message CommOpenApiResp { bytes respData = 1; string contentType = 2; int32 errorCode = 3;
//   uint32 httpCode = 4; repeated HttpHeader headers = 5; int32 svrkitErrorCode = 6; }

export const API_TYPE = { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } as const

export interface KeyValuePair {
  key: string
  value: Buffer
  contenttype?: string
  filename?: string
}

export interface CommApiData {
  apiType: number
  pairs: KeyValuePair[]
  appid?: string
}

export interface CommOpenApiResp {
  respData: Buffer
  contentType: string
  errorCode?: number
  httpCode?: number
}

function decodeKeyValuePair(reader: Reader, length: number): KeyValuePair {
  const end = reader.pos + length
  const pair: KeyValuePair = { key: '', value: Buffer.alloc(0) }
  while (reader.pos < end) {
    const tag = reader.uint32()
    switch (tag >>> 3) {
      case 1: pair.key = reader.string(); break
      case 2: pair.value = Buffer.from(reader.bytes()); break
      case 3: pair.contenttype = reader.string(); break
      case 4: pair.filename = reader.string(); break
      default: reader.skipType(tag & 7)
    }
  }
  return pair
}

function decodeOpenApiData(reader: Reader, length: number): KeyValuePair[] {
  const end = reader.pos + length
  const pairs: KeyValuePair[] = []
  while (reader.pos < end) {
    const tag = reader.uint32()
    if (tag >>> 3 === 1) pairs.push(decodeKeyValuePair(reader, reader.uint32()))
    else reader.skipType(tag & 7)
  }
  return pairs
}

export function decodeCommApiData(buf: Uint8Array): CommApiData {
  const reader = Reader.create(buf)
  const out: CommApiData = { apiType: API_TYPE.OPEN_API, pairs: [] }
  while (reader.pos < reader.len) {
    const tag = reader.uint32()
    switch (tag >>> 3) {
      case 1: out.apiType = reader.int32(); break
      case 2: out.pairs = decodeOpenApiData(reader, reader.uint32()); break
      case 6: out.appid = reader.string(); break
      default: reader.skipType(tag & 7)
    }
  }
  return out
}

/** The request as the SDK encodes it (for tests and tools; the emulator only decodes). */
export function encodeCommApiData(data: CommApiData): Buffer {
  const w = Writer.create()
  w.uint32(8).int32(data.apiType)
  w.uint32(18).fork()
  for (const p of data.pairs) {
    w.uint32(10).fork()
    w.uint32(10).string(p.key)
    w.uint32(18).bytes(p.value)
    if (p.contenttype) w.uint32(26).string(p.contenttype)
    if (p.filename) w.uint32(34).string(p.filename)
    w.ldelim()
  }
  w.ldelim()
  if (data.appid) w.uint32(50).string(data.appid)
  return Buffer.from(w.finish())
}

export function encodeCommOpenApiResp(resp: CommOpenApiResp): Buffer {
  const w = Writer.create()
  w.uint32(10).bytes(resp.respData)
  w.uint32(18).string(resp.contentType)
  if (resp.errorCode) w.uint32(24).int32(resp.errorCode)
  w.uint32(32).uint32(resp.httpCode ?? 200)
  return Buffer.from(w.finish())
}

export function decodeCommOpenApiResp(buf: Uint8Array): CommOpenApiResp {
  const reader = Reader.create(buf)
  const out: CommOpenApiResp = { respData: Buffer.alloc(0), contentType: '' }
  while (reader.pos < reader.len) {
    const tag = reader.uint32()
    switch (tag >>> 3) {
      case 1: out.respData = Buffer.from(reader.bytes()); break
      case 2: out.contentType = reader.string(); break
      case 3: out.errorCode = reader.int32(); break
      case 4: out.httpCode = reader.uint32(); break
      default: reader.skipType(tag & 7)
    }
  }
  return out
}

// --- HTTP pieces the admin front needs for this call (see http.ts) ---------------------------

/** A handler answer sent as is (not wrapped in JSON): what `wx.openApi` reads. */
export class RawAnswer {
  constructor(
    readonly body: Buffer,
    readonly contentType: string,
  ) {}
}

/**
 * `multipart/form-data` as the `form-data` package writes it. Parts with a content-type (files,
 * `requestData`) stay Buffers; plain fields become strings.
 */
export function parseFormData(body: Buffer, contentType: string): Record<string, string | Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!m) throw invalidParam('multipart body without a boundary')
  const boundary = Buffer.from(`--${(m[1] ?? m[2]).trim()}`)
  const fields: Record<string, string | Buffer> = {}
  let pos = body.indexOf(boundary)
  if (pos === -1) throw invalidParam('multipart body without its boundary')
  for (;;) {
    pos += boundary.length
    if (body.subarray(pos, pos + 2).toString() === '--') break // closing delimiter
    if (body.subarray(pos, pos + 2).toString() === '\r\n') pos += 2
    const headerEnd = body.indexOf('\r\n\r\n', pos)
    if (headerEnd === -1) throw invalidParam('malformed multipart part')
    const headers = body.subarray(pos, headerEnd).toString('utf8')
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), boundary]), headerEnd + 4)
    if (next === -1) throw invalidParam('multipart body is not closed')
    const content = body.subarray(headerEnd + 4, next)
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1]
    if (name !== undefined) fields[name] = /^content-type:/im.test(headers) ? Buffer.from(content) : content.toString('utf8')
    pos = next + 2
  }
  return fields
}

// --- The open APIs ------------------------------------------------------------------------

/** One open-API call as the emulator received it, parameters decoded from their JSON text. */
export interface OpenApiCall {
  apiName: string
  params: Record<string, unknown>
  tag?: string
  /** WeChat's errcode when the call was refused, else 0. */
  errcode: number
}

type OpenApi = (params: Record<string, unknown>) => Promise<CommOpenApiResp>

/** A WeChat error as WeChat sends it: JSON, HTTP 200; the SDK throws `errcode` as `errCode`. */
class WxError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg)
  }
}

const json = (body: unknown): CommOpenApiResp => ({
  respData: Buffer.from(JSON.stringify(body)),
  contentType: 'application/json; encoding=utf-8',
  httpCode: 200,
})

/** The text a locally made mini-program code encodes (a real one is opaque; this one says where it opens). */
export function wxacodeText(page: string, scene: string): string {
  return `lianxin://${page}?scene=${encodeURIComponent(scene)}`
}

// Scene: at most 32 visible characters: digits, letters and !#$&'()*+,/:;=?@-._~ (WeChat docs,
// wxacode.getUnlimited). Width 280–1280 px, default 430.
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/

const getUnlimited: OpenApi = async (p) => {
  const scene = p.scene
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32) {
    throw new WxError(40169, 'invalid length for scene, or the data is not json string')
  }
  if (!SCENE_CHARS.test(scene)) throw new WxError(40129, 'invalid scene')
  const page = p.page === undefined ? '' : p.page
  if (typeof page !== 'string' || page.startsWith('/') || page.includes('?')) throw new WxError(41030, 'invalid page')
  const width = typeof p.width === 'number' ? Math.min(1280, Math.max(280, Math.round(p.width))) : 430
  const png = await QRCode.toBuffer(wxacodeText(page, scene), { type: 'png', errorCorrectionLevel: 'M', width, margin: 2 })
  return { respData: png, contentType: 'image/png', httpCode: 200 }
}

const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v !== ''

// security.msgSecCheck (v2: content, version 2, scene 1–4, openid; v1: content only and errcode
// 87014 for risky content). Documented at developers.weixin.qq.com, OpenApiDoc/sec-center/sec-check/msgSecCheck.
function msgSecCheck(words: () => SecWord[]): OpenApi {
  return async (p) => {
    const content = p.content
    if (!isNonEmptyString(content) || [...content].length > MAX_CONTENT_CHARS) throw new WxError(47001, 'data format error')
    const answer = secCheck(content, words())
    if (p.version === undefined || p.version === 1 || p.version === '1') {
      if (answer.result.suggest === 'risky') throw new WxError(87014, 'risky content')
      return json({ errcode: 0, errmsg: 'ok' })
    }
    if (p.version !== 2 && p.version !== '2') throw new WxError(47001, 'data format error')
    if (!isNonEmptyString(p.openid)) throw new WxError(47001, 'data format error: openid is required')
    if (![1, 2, 3, 4].includes(Number(p.scene))) throw new WxError(47001, 'data format error: invalid scene')
    return json(answer)
  }
}

// subscribeMessage.send: the value limits WeChat applies by the key's type (the part before the
// digits), from the subscribe-message docs. Unlisted types (date, time, amount, ...) must be non-empty.
const VALUE_LIMITS: Record<string, number> = {
  thing: 20,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phrase: 5,
  name: 10,
  phone_number: 17,
  car_number: 8,
}

function subscribeMessageSend(outbox: Outbox): OpenApi {
  return async (p) => {
    if (!isNonEmptyString(p.touser)) throw new WxError(40003, 'invalid openid')
    if (!isNonEmptyString(p.template_id)) throw new WxError(40037, 'invalid template_id')
    const state = p.miniprogram_state
    if (state !== undefined && !['developer', 'trial', 'formal'].includes(state as string)) {
      throw new WxError(47001, 'data format error: miniprogram_state')
    }
    const data = p.data
    if (!data || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) {
      throw new WxError(47003, 'argument invalid! data is empty')
    }
    const clean: Record<string, { value: string }> = {}
    for (const [key, entry] of Object.entries(data as Record<string, any>)) {
      const value = entry && typeof entry === 'object' ? entry.value : undefined
      if (typeof value !== 'string' && typeof value !== 'number') throw new WxError(47003, `argument invalid! data.${key}.value empty`)
      const text = String(value)
      const type = /^([a-z_]+?)\d*$/.exec(key)?.[1] ?? key
      const limit = VALUE_LIMITS[type]
      if (text === '' || (limit !== undefined && [...text].length > limit)) {
        throw new WxError(47003, `argument invalid! data.${key}.value invalid`)
      }
      clean[key] = { value: text }
    }
    outbox.add({
      touser: p.touser,
      templateId: p.template_id,
      page: typeof p.page === 'string' ? p.page : undefined,
      data: clean,
      miniprogramState: typeof state === 'string' ? state : undefined,
      lang: typeof p.lang === 'string' ? p.lang : undefined,
    })
    return json({ errcode: 0, errmsg: 'ok' })
  }
}

// phonenumber.getPhoneNumber: the code a `<button open-type="getPhoneNumber">` gave the
// mini-program, exchanged for the person's number (docs: OpenApiDoc/user-info/phone-number/getPhoneNumber;
// a code is good for one use within 5 minutes, anything else is errcode 40029 "invalid code").
// There is no WeChat account locally, so the local rule is: `phone:<mainland mobile number>`
// resolves to that number, once. Tests choose the number; a real code, or one used already, is
// refused exactly as WeChat refuses it.
const LOCAL_PHONE_CODE = /^phone:(1[3-9]\d{9})$/
const LOCAL_APPID = 'wx-lianxin-local'

function getPhoneNumber(): OpenApi {
  const used = new Set<string>()
  return async (p) => {
    if (!isNonEmptyString(p.code)) throw new WxError(47001, 'data format error')
    const number = LOCAL_PHONE_CODE.exec(p.code)?.[1]
    if (!number || used.has(p.code)) throw new WxError(40029, 'invalid code')
    used.add(p.code)
    return json({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: number,
        purePhoneNumber: number,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: LOCAL_APPID },
      },
    })
  }
}

export interface OpenApiOptions {
  /** Where subscribe messages are recorded; in memory when absent. */
  outbox?: Outbox
  /** The msgSecCheck word list; sec-words.txt when absent (read once, on first use). */
  secWords?: SecWord[]
  /**
   * The open APIs the calling function declared (config.json `permissions.openapi`), by admin-URL
   * tag; undefined: not known (a direct SDK call), so allowed. As in production, an undeclared API
   * is refused with the platform's -604101.
   */
  declared?: (tag: string | undefined) => readonly string[] | undefined
}

/** wx-server-sdk ERR_CODE WX_FUNCTIONS_SERVER_OPENAPI_NO_PERMISSION: 'function has no permission to call this API'. */
export const OPENAPI_NO_PERMISSION = -604101

export interface OpenApiRoute {
  (params: any, ctx: { tag?: string }): Promise<RawAnswer>
  /** Every call answered so far, oldest first. */
  readonly calls: OpenApiCall[]
  /** Subscribe messages accepted so far. */
  readonly outbox: Outbox
}

/** The `wx.openApi` action of the admin API: `emulator.route('wx.openApi', openApiRoute())`. */
export function openApiRoute(options: OpenApiOptions = {}): OpenApiRoute {
  const calls: OpenApiCall[] = []
  const outbox = options.outbox ?? new Outbox()
  let words = options.secWords
  const OPEN_APIS: Record<string, OpenApi> = {
    'wxacode.getUnlimited': getUnlimited,
    'security.msgSecCheck': msgSecCheck(() => (words ??= loadSecWords())),
    'subscribeMessage.send': subscribeMessageSend(outbox),
    'phonenumber.getPhoneNumber': getPhoneNumber(),
  }
  const route = async (params: any, ctx: { tag?: string }): Promise<RawAnswer> => {
    const apiName = params?.apiName
    if (typeof apiName !== 'string' || apiName === '') throw invalidParam('apiName is required')
    const api = Object.prototype.hasOwnProperty.call(OPEN_APIS, apiName) ? OPEN_APIS[apiName] : undefined
    if (!api) throw new EmulatorError('INVALID_PARAM', `open API ${apiName} is not available in the local emulator`)
    const raw = params.requestData
    let data: CommApiData
    try {
      data = decodeCommApiData(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw ?? ''), 'latin1'))
    } catch {
      throw invalidParam('requestData is not a CommApiData message')
    }
    if (data.apiType !== API_TYPE.OPEN_API) throw invalidParam(`apiType ${data.apiType} is not available in the local emulator`)
    const allowed = options.declared?.(ctx.tag)
    if (allowed && !allowed.includes(apiName)) {
      calls.push({ apiName, params: {}, tag: ctx.tag, errcode: OPENAPI_NO_PERMISSION })
      return new RawAnswer(encodeCommOpenApiResp({ respData: Buffer.alloc(0), contentType: '', errorCode: OPENAPI_NO_PERMISSION }), 'application/octet-stream')
    }
    const args: Record<string, unknown> = {}
    let resp: CommOpenApiResp
    try {
      for (const pair of data.pairs) {
        try {
          args[pair.key] = pair.contenttype ? pair.value : JSON.parse(pair.value.toString('utf8'))
        } catch {
          throw new WxError(47001, 'data format error')
        }
      }
      resp = await api(args)
      calls.push({ apiName, params: args, tag: ctx.tag, errcode: 0 })
    } catch (e) {
      if (!(e instanceof WxError)) throw e
      calls.push({ apiName, params: args, tag: ctx.tag, errcode: e.errcode })
      resp = json({ errcode: e.errcode, errmsg: `${e.errmsg} rid: local` })
    }
    return new RawAnswer(encodeCommOpenApiResp(resp), 'application/octet-stream')
  }
  return Object.assign(route, { calls, outbox })
}
