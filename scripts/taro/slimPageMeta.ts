/**
 * Taro plugin (config/index.ts `plugins`): trims the page-meta Taro writes into each weapp page
 * with `enablePageMeta` (components/Page sets root-font-size through it for care mode,
 * docs/care-mode.md).
 *
 * Taro's template binds every page-meta attribute and nests a navigation-bar that binds its own
 * six, about 1 KB per page, while we set only root-font-size. Worse, that navigation-bar, left
 * unbound, would give the page an empty title and black text (Taro's template defaults
 * front-color to #000000). So page-meta keeps its node id, root-font-size and the resize event,
 * and the navigation-bar goes: the title and colours stay the page config's and app.config's.
 * A template that no longer looks like Taro 4.2's fails the build instead of shipping unscaled.
 */
import type { IPluginContext } from '@tarojs/service'
import { sources } from 'webpack'

const PAGE_META = /<page-meta ([^>]*)>\s*<navigation-bar [^>]*\/>\s*<\/page-meta>/
const KEPT = new Set(['data-sid', 'root-font-size', 'bindresize'])
const WXS_LINE = /<wxs module="xs" src="[^"]*" \/>\n?/

export function slimPageMeta(wxml: string): string {
  const found = PAGE_META.exec(wxml)
  if (!found) throw new Error('slimPageMeta: page-meta is not as Taro 4.2 writes it; see scripts/taro/slimPageMeta.ts')
  const attrs = [...found[1].matchAll(/([\w:-]+)="([^"]*)"/g)].filter(([, name]) => KEPT.has(name))
  if (!attrs.some(([, name]) => name === 'root-font-size')) throw new Error('slimPageMeta: page-meta has no root-font-size')
  const slim = `<page-meta ${attrs.map(([a]) => a).join(' ')}></page-meta>`
  const out = wxml.replace(found[0], slim)
  // The wxs module came with the template for its xs.b() defaults; none of the kept attributes uses it.
  return /\{\{[^}]*\bxs\./.test(out) ? out : out.replace(WXS_LINE, '')
}

export default (ctx: IPluginContext) => {
  ctx.modifyBuildAssets(({ assets }) => {
    if (process.env.TARO_ENV !== 'weapp') return
    for (const name of Object.keys(assets)) {
      if (!name.endsWith('.wxml')) continue
      const text = assets[name].source().toString()
      if (text.includes('<page-meta')) assets[name] = new sources.RawSource(slimPageMeta(text))
    }
  })
}
