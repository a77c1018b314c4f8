export default definePageConfig({ navigationBarTitleText: '住户', enablePageMeta: true })
