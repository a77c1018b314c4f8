export default definePageConfig({ navigationBarTitleText: '消息（本地）', enablePageMeta: true })
