export default definePageConfig({ navigationBarTitleText: '步巡问题', enablePageMeta: true })
