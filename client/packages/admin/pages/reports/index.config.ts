export default definePageConfig({ navigationBarTitleText: '进度通报', enablePageMeta: true })
