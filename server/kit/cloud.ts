import * as cloudSdk from 'wx-server-sdk'

// DYNAMIC_CURRENT_ENV resolves per request to the environment the function runs in, so the same
// bundle works in every cloud environment and against the local emulator.
cloudSdk.init({ env: cloudSdk.DYNAMIC_CURRENT_ENV as unknown as string })

export const cloud = cloudSdk
