export default definePageConfig({ navigationBarTitleText: '统计', enablePageMeta: true })
