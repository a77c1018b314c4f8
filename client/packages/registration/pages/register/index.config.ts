export default definePageConfig({ navigationBarTitleText: '党员报到', enablePageMeta: true })
