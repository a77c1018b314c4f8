// Relative import on purpose: Taro resolves LocalIdentitySwitcher.h5.tsx for the h5 build and
// LocalIdentitySwitcher.tsx (renders nothing) for every other platform, including weapp.
export { LocalIdentitySwitcher } from './LocalIdentitySwitcher'
