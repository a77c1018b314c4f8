/**
 * A stand-in for the browser's fetch (the h5 transport's boundary): routes by path, records
 * every request. Answers are plain objects shaped like Response, so no polyfill is needed.
 */
export interface RecordedRequest {
  path: string
  method: string
  headers: Record<string, string>
  body: unknown
}

export type StubAnswer =
  | { status?: number; json: unknown }
  | { status: number; text: string }
  | { networkError: true }

export type Route = (req: RecordedRequest) => StubAnswer | Promise<StubAnswer>

export function stubFetch(routes: Record<string, Route>) {
  const calls: RecordedRequest[] = []
  const original = globalThis.fetch
  const fake = async (input: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    const path = new URL(String(input), 'http://localhost').pathname
    const req: RecordedRequest = {
      path,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      body: init.body ? JSON.parse(init.body) : undefined,
    }
    calls.push(req)
    const route = routes[path]
    const answer: StubAnswer = route ? await route(req) : { status: 404, text: 'Not Found' }
    if ('networkError' in answer) throw new TypeError('Failed to fetch')
    const status = answer.status ?? 200
    const text = 'json' in answer ? JSON.stringify(answer.json) : answer.text
    return { ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text), text: async () => text }
  }
  globalThis.fetch = fake as unknown as typeof fetch
  return {
    calls,
    /** Requests to one path, in order. */
    to: (path: string) => calls.filter((c) => c.path === path),
    restore: () => {
      globalThis.fetch = original
    },
  }
}
