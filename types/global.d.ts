/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time: the platform being built. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** Build-time define (config/index.ts): CloudBase environment id for the weapp; '' = current. */
    LIANXIN_CLOUD_ENV?: string
    /** Build-time define (config/index.ts): base URL of the local HTTP API for h5; '' = same origin. */
    LIANXIN_API_BASE?: string
  }
}
