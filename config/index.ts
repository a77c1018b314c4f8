import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

const root = path.resolve(__dirname, '..')

/**
 * One config for both targets. The weapp build goes to dist/ (WeChat DevTools opens the repo
 * root, whose project.config.json points at dist/); the h5 build goes to dist-h5/ so the two
 * never wipe each other.
 */
export default defineConfig<'webpack5'>((merge) => {
  const production = process.env.NODE_ENV === 'production'
  const localServer = process.env.LIANXIN_LOCAL_URL ?? 'http://127.0.0.1:10086'
  // Size work: `LIANXIN_ANALYZE=<dir>` builds into <dir> (dist/ stays as others test it) with
  // modules keyed by their path, so `scripts/bundle-sizes.ts <dir>` can weigh each one minified.
  const analyze = process.env.LIANXIN_ANALYZE

  const base: UserConfigExport<'webpack5'> = {
    projectName: 'lianxin',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'client',
    outputRoot: analyze || (process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist'),
    // weapp: page-meta trimmed to the root-font-size care mode sets (see the file).
    plugins: [path.join(root, 'scripts', 'taro', 'slimPageMeta.ts')],
    alias: {
      '@': path.join(root, 'client'),
      '@domain': path.join(root, 'domain'),
    },
    defineConstants: {
      // Cloud environment id for Taro.cloud.init on weapp; empty means the current environment.
      'process.env.LIANXIN_CLOUD_ENV': JSON.stringify(process.env.LIANXIN_CLOUD_ENV ?? ''),
      // Origin of the local HTTP API for the h5 build; empty = same origin as the page.
      'process.env.LIANXIN_API_BASE': JSON.stringify(process.env.LIANXIN_API_BASE ?? ''),
      // Subscription-message template ids the mini-program asks for; the same LIANXIN_TPL_WISH_* and
      // LIANXIN_TPL_ORDER_* / LIANXIN_TPL_ACTIVITY_* the functions send with (domain/notifications.ts
      // TEMPLATE_ENV). Empty = the local defaults.
      ...Object.fromEntries(
        [
          ...['PUBLISHED', 'REJECTED', 'LIT', 'DELIVERED', 'RELEASED', 'CONFIRMED'].map((t) => `LIANXIN_TPL_WISH_${t}`),
          ...['DISPATCH', 'CLAIM', 'DONE', 'OVERDUE'].map((t) => `LIANXIN_TPL_ORDER_${t}`),
          ...['SIGNUP', 'REMINDER', 'BOOKED', 'CANCELLED'].map((t) => `LIANXIN_TPL_ACTIVITY_${t}`),
          ...['PROBLEMASSIGNED', 'PROBLEMSOLVED', 'PROBLEMOVERDUE', 'PROPOSALANSWERED'].map((t) => `LIANXIN_TPL_GRID_${t}`),
        ].map((name) => [`process.env.${name}`, JSON.stringify(process.env[name] ?? '')]),
      ),
    },
    copy: { patterns: [], options: {} },
    // Taro's weapp minifier escapes every non-ASCII character (\u5f85: 6 bytes for a 3-byte UTF-8
    // Chinese character) and the UI text is Chinese: raw UTF-8 halves it (main package ≤ 400 KB).
    // Mini-program code files are UTF-8 (hand-written ones carry Chinese as is); the h5 page and
    // the local server declare utf-8.
    terser: { enable: true, config: { output: { ascii_only: false } } },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      enableSourceMap: !production,
      // Not minifyXML: html-minifier drops the `</input>` WXML needs (wcc: "expect end-tag input").
      webpackChain(chain) {
        // domain/ is plain data and functions (no top-level effects but valibot's Chinese default
        // messages in api/contract.ts): a domain module none of whose exports a page uses needs
        // not be loaded for it, so e.g. permissions.ts stays with the admin pages instead of
        // riding into the main package behind an import of orders.ts.
        chain.module
          .rule('domain-side-effect-free')
          .test(/[\\/]domain[\\/](?!api[\\/]contract\.ts$)[^?]*\.ts$/)
          .set('sideEffects', false)
        if (analyze) chain.optimization.set('moduleIds', 'named')
      },
      // domain/ sits outside sourceRoot; compile it like our own code.
      compile: { include: [path.join(root, 'domain')] },
      postcss: {
        // rem, not rpx: page-meta's root-font-size scales rem only, and care mode scales every
        // page through it (docs/care-mode.md). 1rem = 37.5 design px = windowWidth / 20, WeChat's
        // default rem, so a page without page-meta is drawn exactly as with rpx. Three decimals
        // are within 0.02 design px, and keep the main package's styles small.
        pxtransform: { enable: true, config: { targetUnit: 'rem', baseFontSize: 18.75, unitPrecision: 3 } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      compile: { include: [path.join(root, 'domain')] },
      staticDirectory: 'static',
      enableSourceMap: !production,
      router: { mode: 'hash' },
      // `npm run dev:h5` serves the app here and forwards backend calls to the local server
      // (`npm start`, port 10086 by default), so the browser sees one origin as in production.
      devServer: {
        port: Number(process.env.LIANXIN_H5_DEV_PORT ?? 10087),
        open: false,
        // Fast refresh would need @pmmmwh/react-refresh-webpack-plugin, which is not installed;
        // the page still reloads on change.
        hot: false,
        proxy: {
          '/api': { target: localServer, changeOrigin: true },
          '/__local': { target: localServer, changeOrigin: true },
        },
      },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  return merge({}, base, production ? {} : { logger: { quiet: false, stats: true } })
})
