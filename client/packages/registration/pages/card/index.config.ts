export default definePageConfig({ navigationBarTitleText: '我的报到证', enablePageMeta: true })
