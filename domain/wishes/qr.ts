/**
 * What a wish's mini-program code (the poster's 小程序码) encodes: the wish id, in at most 32
 * characters (WeChat's scene limit). A database id is 32 hex characters, so `w:` + id would be 34:
 * such ids travel as `W:` + the same 16 bytes in base64url (22 characters); shorter ids (the
 * demo's) as `w:<id>`.
 */

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const DATABASE_ID = /^[0-9a-f]{32}$/

export function wishQrScene(id: string): string {
  if (DATABASE_ID.test(id)) {
    let bits = ''
    for (const ch of id) bits += parseInt(ch, 16).toString(2).padStart(4, '0')
    bits = bits.padEnd(132, '0')
    let out = ''
    for (let i = 0; i < 132; i += 6) out += B64URL[parseInt(bits.slice(i, i + 6), 2)]
    return `W:${out}`
  }
  const scene = `w:${id}`
  if (scene.length > 32) throw new Error(`wish id too long for a mini-program code: ${id}`)
  return scene
}

/** The wish id a poster code's scene names, or null when the scene is not a wish's. */
export function wishIdFromScene(scene: string): string | null {
  if (scene.startsWith('w:') && scene.length > 2) return scene.slice(2)
  if (!scene.startsWith('W:') || scene.length !== 24) return null
  let bits = ''
  for (const ch of scene.slice(2)) {
    const v = B64URL.indexOf(ch)
    if (v < 0) return null
    bits += v.toString(2).padStart(6, '0')
  }
  let hex = ''
  for (let i = 0; i < 128; i += 4) hex += parseInt(bits.slice(i, i + 4), 2).toString(16)
  return hex
}
