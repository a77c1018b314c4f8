export default definePageConfig({ navigationBarTitleText: '时长核对', enablePageMeta: true })
