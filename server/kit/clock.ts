/**
 * The one source of "now" for cloud functions. Production reads the system clock. The local
 * runner may shift it (LIANXIN_CLOCK_OFFSET_MS, set per invocation by the emulator's runner,
 * never by a request) so tests of deadlines and timers control time without sleeping.
 */
export function now(): Date {
  const offset = Number(process.env.LIANXIN_CLOCK_OFFSET_MS ?? 0)
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0))
}
