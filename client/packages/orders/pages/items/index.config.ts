export default definePageConfig({ navigationBarTitleText: '服务清单', enablePageMeta: true })
