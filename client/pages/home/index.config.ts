export default definePageConfig({ navigationBarTitleText: '连心', enablePageMeta: true })
