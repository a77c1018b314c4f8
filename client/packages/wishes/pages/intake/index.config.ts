export default definePageConfig({ navigationBarTitleText: '录入心愿', enablePageMeta: true })
