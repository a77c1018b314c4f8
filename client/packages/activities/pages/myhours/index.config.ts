export default definePageConfig({ navigationBarTitleText: '服务时长', enablePageMeta: true })
