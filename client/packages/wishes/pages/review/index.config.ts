export default definePageConfig({ navigationBarTitleText: '待审心愿', enablePageMeta: true })
