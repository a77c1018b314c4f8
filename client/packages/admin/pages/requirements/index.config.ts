export default definePageConfig({ navigationBarTitleText: '年度要求', enablePageMeta: true })
