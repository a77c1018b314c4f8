export default defineAppConfig({
  pages: ['pages/home/index', 'pages/wishes/index', 'pages/services/index', 'pages/mine/index'],
  // Dual registration (双报到) loads on demand: the main package stays small for the first open.
  subPackages: [
    {
      root: 'packages/registration',
      pages: ['pages/register/index', 'pages/card/index', 'pages/pending/index', 'pages/invite/index', 'pages/members/index'],
    },
    // County, street and community administration: used by few people, so kept out of the main package.
    {
      root: 'packages/admin',
      pages: ['pages/tree/index', 'pages/roles/index', 'pages/import/index', 'pages/requirements/index'],
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
  ],
  window: {
    navigationBarTitleText: '连心',
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F6F6F6',
    backgroundTextStyle: 'dark',
  },
  // Text-only tab bar: no icon files to ship, and the labels are the largest the platform allows.
  tabBar: {
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
