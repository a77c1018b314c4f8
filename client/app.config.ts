export default defineAppConfig({
  pages: ['pages/home/index', 'pages/wishes/index', 'pages/services/index', 'pages/mine/index'],
  // 用时注入: a page's components are loaded when it renders them, not every one at launch, so
  // start-up does less work (WeChat's code quality scan asks for it: scripts/check-quality.ts).
  lazyCodeLoading: 'requiredComponents',
  // Dual registration (双报到) loads on demand: the main package stays small for the first open.
  subPackages: [
    {
      root: 'packages/registration',
      pages: ['pages/register/index', 'pages/card/index', 'pages/pending/index', 'pages/invite/index', 'pages/members/index'],
    },
    // County, street and community administration: used by few people, so kept out of the main package.
    // Statistics too (统计, 进度通报 and one report): their tables, bars and share image load only here.
    {
      root: 'packages/admin',
      pages: ['pages/tree/index', 'pages/roles/index', 'pages/import/index', 'pages/requirements/index', 'pages/stats/index', 'pages/reports/index', 'pages/report/index'],
    },
    // Micro-wishes (微心愿): intake at the door, review, a wish (the page a shared card opens), poster, local outbox.
    {
      root: 'packages/wishes',
      pages: ['pages/intake/index', 'pages/review/index', 'pages/detail/index', 'pages/poster/index', 'pages/outbox/index', 'pages/settings/index'],
    },
    // Service orders (点单): the form and an order with its timeline; the lists live on the 服务 tab.
    {
      root: 'packages/orders',
      pages: ['pages/order/index', 'pages/detail/index', 'pages/items/index', 'pages/settings/index'],
    },
    // Activities (共建活动 · 主题月活动): the list, one activity, the organiser's form, check-in screen and
    // hours list, a person's hours and stars with the 服务证明, its public verify page, the county's theme menu.
    {
      root: 'packages/activities',
      pages: ['pages/list/index', 'pages/detail/index', 'pages/create/index', 'pages/console/index', 'pages/hours/index', 'pages/myhours/index', 'pages/verify/index', 'pages/themes/index'],
    },
    // Grid work at the door: households and residents (and their form), visit records (offline), the
    // visit rules, patrol problems (步巡), 微提案 and 微实事 (and a project entered by hand).
    {
      root: 'packages/grid',
      pages: [
        'pages/households/index',
        'pages/household/index',
        'pages/visit/index',
        'pages/visits/index',
        'pages/problems/index',
        'pages/problem/index',
        'pages/report/index',
        'pages/proposals/index',
        'pages/proposal/index',
        'pages/projects/index',
        'pages/household-edit/index',
        'pages/visit-rules/index',
        'pages/project-new/index',
      ],
    },
    // 隐私保护指引: what is kept and why; also where a private API's privacy popup shows when its own page has none.
    { root: 'packages/privacy', pages: ['pages/index/index'] },
  ],
  // WeChat holds the first call of a private API until the app's popup answers (services/privacy.weapp.ts).
  // The default since 2023-09-15; said here so that older base libraries check too.
  __usePrivacyCheck__: true,
  window: {
    navigationBarTitleText: '连心',
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F6F6F6',
    backgroundTextStyle: 'dark',
  },
  // Text-only tab bar, drawn by custom-tab-bar/ (custom: true) so its labels grow with care mode
  // as the pages do; the list still says which pages are tabs (switchTab, h5 page caching).
  tabBar: {
    custom: true,
    color: '#333333',
    selectedColor: '#C8161D',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/wishes/index', text: '心愿' },
      { pagePath: 'pages/services/index', text: '服务' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
})
