export default definePageConfig({ navigationBarTitleText: '走访周期', enablePageMeta: true })
