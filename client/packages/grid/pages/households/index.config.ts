export default definePageConfig({ navigationBarTitleText: '网格居民', enablePageMeta: true })
