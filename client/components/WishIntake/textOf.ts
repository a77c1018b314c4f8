/**
 * A Textarea's text from its input event: Taro's components put it in `detail.value`; where the
 * element is a plain one (h5 before the web component upgrades, jsdom) it is the target's value.
 */
export function textOf(e: { detail?: { value?: string }; target?: unknown }): string {
  return e.detail?.value ?? ((e.target as { value?: string } | undefined)?.value ?? '')
}
