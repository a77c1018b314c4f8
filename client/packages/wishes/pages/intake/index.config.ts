export default definePageConfig({ navigationBarTitleText: '录入心愿' })
