export default definePageConfig({ navigationBarTitleText: '时限设置', enablePageMeta: true })
