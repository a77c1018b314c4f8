// `security.msgSecCheck` answered from a word list (sec-words.txt), shaped as WeChat's v2 answer:
// { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail: [...], trace_id }.
// WeChat's real check is a model plus keyword lists; a word list is enough for tests to get every
// verdict on purpose and for a demo to show a rejection.
import fs from 'fs'
import path from 'path'
import { randomBytes } from 'crypto'

export type Suggest = 'pass' | 'review' | 'risky'

export interface SecWord {
  word: string
  label: number
  suggest: Exclude<Suggest, 'pass'>
}

export const SEC_WORDS_FILE = path.join(__dirname, 'sec-words.txt')
export const NORMAL_LABEL = 100
/** WeChat: at most 2500 characters of content per call. */
export const MAX_CONTENT_CHARS = 2500

// Spaces, ASCII and CJK punctuation and symbols: what people put between characters to dodge a list.
const NOISE = /[\s\p{P}\p{S}]/gu

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOISE, '')
}

export function parseSecWords(text: string, file = 'sec-words'): SecWord[] {
  const words: SecWord[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const m = /^(\d+)\s+(risky|review)\s+(.+)$/.exec(line)
    if (!m) throw new Error(`${file}:${i + 1}: expected "<label> <risky|review> <word>", got "${line}"`)
    const word = normalize(m[3])
    if (word === '') throw new Error(`${file}:${i + 1}: the word is only spaces or punctuation`)
    words.push({ label: Number(m[1]), suggest: m[2] as SecWord['suggest'], word })
  })
  return words
}

export function loadSecWords(file: string = SEC_WORDS_FILE): SecWord[] {
  return parseSecWords(fs.readFileSync(file, 'utf8'), file)
}

const RANK: Record<Suggest, number> = { pass: 0, review: 1, risky: 2 }

export interface SecCheckAnswer {
  errcode: 0
  errmsg: 'ok'
  result: { suggest: Suggest; label: number }
  detail: Array<{ strategy: 'keyword'; errcode: 0; suggest: Suggest; label: number; level?: number; keyword?: string }>
  trace_id: string
}

export function secCheck(content: string, words: SecWord[]): SecCheckAnswer {
  const text = normalize(content)
  const hits = words.filter((w) => text.includes(w.word))
  // The worst hit decides; among equals the first in the file (the list is ordered by intent).
  let worst: SecWord | undefined
  for (const h of hits) if (!worst || RANK[h.suggest] > RANK[worst.suggest]) worst = h
  const detail: SecCheckAnswer['detail'] = hits.length
    ? hits.map((h) => ({ strategy: 'keyword', errcode: 0, suggest: h.suggest, label: h.label, level: h.suggest === 'risky' ? 90 : 60, keyword: h.word }))
    : [{ strategy: 'keyword', errcode: 0, suggest: 'pass', label: NORMAL_LABEL }]
  return {
    errcode: 0,
    errmsg: 'ok',
    result: worst ? { suggest: worst.suggest, label: worst.label } : { suggest: 'pass', label: NORMAL_LABEL },
    detail,
    trace_id: `local-${randomBytes(8).toString('hex')}`,
  }
}
