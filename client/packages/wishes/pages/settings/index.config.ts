export default definePageConfig({ navigationBarTitleText: '心愿设置', enablePageMeta: true })
