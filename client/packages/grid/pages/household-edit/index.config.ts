export default definePageConfig({ navigationBarTitleText: '住户信息', enablePageMeta: true })
