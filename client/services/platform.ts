/** Platform start-up. Nothing to do outside WeChat; see platform.weapp.ts. */
export function initPlatform(): void {}
