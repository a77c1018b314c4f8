export default definePageConfig({ navigationBarTitleText: '活动详情', enablePageMeta: true })
