import { slimPageMeta } from './slimPageMeta'

// What Taro 4.2.1 writes for a page with enablePageMeta (plugin-platform-weapp buildPageTemplate).
const TARO_PAGE = `<import src="../../base.wxml"/>
<wxs module="xs" src="../../utils.wxs" />
<page-meta data-sid="{{pageMeta.sid}}" background-text-style="{{pageMeta.p3}}" background-color="{{pageMeta.p0}}" background-color-top="{{pageMeta.p2}}" background-color-bottom="{{pageMeta.p1}}" root-background-color="{{pageMeta.p6}}" scroll-top="{{pageMeta.p9||''}}" scroll-duration="{{xs.b(pageMeta.p8,300)}}" page-style="{{pageMeta.p5||''}}" root-font-size="{{pageMeta.p7||''}}" page-orientation="{{pageMeta.p4||''}}" bindresize="eh" bindscroll="eh" bindscrolldone="eh" style="{{pageMeta.st}}" class="{{pageMeta.cl}}" bindtap="eh" >
  <navigation-bar title="{{navigationBar.p5}}" loading="{{xs.b(navigationBar.p4,false)}}" front-color="{{navigationBar.p3||'#000000'}}" background-color="{{navigationBar.p0}}" color-animation-duration="{{xs.b(navigationBar.p1,0)}}" color-animation-timing-func="{{navigationBar.p2||'linear'}}" style="{{navigationBar.st}}" class="{{navigationBar.cl}}" bindtap="eh" />
</page-meta>
<template is="taro_tmpl" data="{{root:root}}" />`

test('keeps page-meta’s node id, root-font-size and resize event; drops the navigation-bar and the unused wxs module', () => {
  expect(slimPageMeta(TARO_PAGE)).toBe(`<import src="../../base.wxml"/>
<page-meta data-sid="{{pageMeta.sid}}" root-font-size="{{pageMeta.p7||''}}" bindresize="eh"></page-meta>
<template is="taro_tmpl" data="{{root:root}}" />`)
})

test('a template unlike Taro 4.2’s fails the build rather than ship pages that cannot scale', () => {
  expect(() => slimPageMeta('<page-meta root-font-size="{{a}}"></page-meta>')).toThrow(/not as Taro 4.2 writes it/)
  expect(() => slimPageMeta(TARO_PAGE.replace(/root-font-size="[^"]*" /, ''))).toThrow(/no root-font-size/)
})
