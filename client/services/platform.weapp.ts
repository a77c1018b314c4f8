import Taro from '@tarojs/taro'

/**
 * WeChat start-up: connect the cloud SDK once, before any page calls the backend.
 * The environment id is fixed at build time (LIANXIN_CLOUD_ENV); without one the mini-program
 * uses the environment it is currently attached to.
 */
export function initPlatform(): void {
  const cloud = Taro.cloud as typeof Taro.cloud & { DYNAMIC_CURRENT_ENV?: string }
  cloud.init({
    env: process.env.LIANXIN_CLOUD_ENV || cloud.DYNAMIC_CURRENT_ENV,
    traceUser: true,
  })
}
