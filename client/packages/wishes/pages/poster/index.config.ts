export default definePageConfig({ navigationBarTitleText: '心愿海报', enablePageMeta: true })
