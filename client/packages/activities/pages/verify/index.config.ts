export default definePageConfig({ navigationBarTitleText: '服务证明核验', enablePageMeta: true })
