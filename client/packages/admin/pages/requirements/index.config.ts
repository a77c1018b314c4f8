export default definePageConfig({ navigationBarTitleText: '年度要求' })
