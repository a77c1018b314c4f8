export default definePageConfig({ navigationBarTitleText: '新增微实事', enablePageMeta: true })
