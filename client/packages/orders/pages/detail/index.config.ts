export default definePageConfig({ navigationBarTitleText: '服务单', enablePageMeta: true })
