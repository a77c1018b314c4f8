export default definePageConfig({ navigationBarTitleText: '主题月活动', enablePageMeta: true })
