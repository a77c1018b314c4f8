/**
 * The privacy guide's data: every private API the mini-program calls, under WeChat's name for the
 * information in 用户隐私保护指引 (公众平台 → 设置 → 服务内容声明), with why, what is kept and for
 * how long. The guide itself is declared in the console, not in code: docs/privacy.md carries the
 * exact text to enter there, from these entries. The privacy page (packages/privacy) shows them and
 * the consent popup names the feature asking. privacyGuide.test.ts checks that every private API
 * in client/ is declared here and that nothing declared is unused.
 */

export interface PrivacyItem {
  /** WeChat's information type, as chosen in 用户隐私保护指引. */
  guideType: '手机号' | '选中的照片或视频' | '选中的文件'
  /** The WeChat APIs (or button open-types) that collect it. */
  apis: readonly string[]
  /** How onNeedPrivacyAuthorization names the asking call (`eventInfo.referrer`). */
  referrers: readonly string[]
  /** The feature, as the person sees it (the popup: 「微信手机号快速填写」需要使用您的手机号). */
  feature: string
  /** What of theirs it uses, in the popup's words. */
  data: string
  /** Where in the app. */
  where: string
  /** 为了____: the purpose, in the guide's sentence. */
  purpose: string
  /** What is kept, where, and who sees it. */
  kept: string
  /** For how long. */
  retention: string
}

export const PRIVACY_ITEMS: readonly PrivacyItem[] = [
  {
    guideType: '手机号',
    apis: ['getPhoneNumber'],
    referrers: ['button.getPhoneNumber', 'getPhoneNumber'],
    feature: '微信手机号快速填写',
    data: '您的手机号',
    where: '党员报到（首次报到、迁移、修改后重新提交）',
    purpose: '完成在职党员双报到：由工作单位和居住社区核实身份，与县里登记的党员名单对应，并在组织服务时联系你',
    kept:
      '手机号保存在您的报到记录和个人资料中。报到证和「我的」只显示 138****1234 这样隐去中间四位的号码；完整号码只有您所在社区、工作单位及其上级街道、县的管理员能看到，用于核实和联系。',
    retention: '与报到记录一同保存；撤回或迁移后，原报到作为报到工作的记录保留。需要删除时请联系所在社区。',
  },
  {
    guideType: '选中的照片或视频',
    apis: ['chooseMedia'],
    referrers: ['chooseMedia', 'chooseImage'],
    feature: '拍照或从相册选择照片',
    data: '您拍摄或选择的照片',
    where: '微心愿（网格员上门登记心愿、党员送达心愿）',
    purpose: '记录微心愿的上门走访和送达情况，供社区审核、受助人确认',
    kept:
      '照片上传到小程序的云存储，随心愿记录保存。上门登记的照片只有网格员和社区管理员能看到；送达照片受助人一方、社区和送达的党员能看到；照片不出现在心愿墙、分享卡片和海报上。没有网络时，照片先保存在您的手机里，发送后即删除。',
    retention: '与心愿记录一同保存。',
  },
  {
    guideType: '选中的文件',
    apis: ['chooseMessageFile'],
    referrers: ['chooseMessageFile'],
    feature: '从聊天记录选择表格',
    data: '您选择的表格文件',
    where: '批量导入（县、街道管理员）',
    purpose: '批量导入社区、单位和党员名单',
    kept: '只读取您选择的 .xlsx 表格，导入其中的社区、单位和党员；表格文件本身不保存。',
    retention: '文件不保存；导入的名单与报到记录一同保存。',
  },
]

/** The entry behind a held call, by the referrer WeChat names; unknown referrers get none. */
export function privacyItemOf(referrer: string): PrivacyItem | undefined {
  return PRIVACY_ITEMS.find((item) => item.referrers.includes(referrer))
}
