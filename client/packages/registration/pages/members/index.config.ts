export default definePageConfig({ navigationBarTitleText: '党员名单', enablePageMeta: true })
