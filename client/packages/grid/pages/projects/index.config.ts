export default definePageConfig({ navigationBarTitleText: '微实事', enablePageMeta: true })
