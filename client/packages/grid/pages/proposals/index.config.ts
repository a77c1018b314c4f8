export default definePageConfig({ navigationBarTitleText: '微提案', enablePageMeta: true })
