export default definePageConfig({ navigationBarTitleText: '服务', enablePageMeta: true })
