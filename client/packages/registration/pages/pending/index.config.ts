export default definePageConfig({ navigationBarTitleText: '待审核报到', enablePageMeta: true })
