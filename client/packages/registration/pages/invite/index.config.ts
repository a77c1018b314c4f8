export default definePageConfig({ navigationBarTitleText: '报到邀请码', enablePageMeta: true })
