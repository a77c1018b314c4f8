// Relative import on purpose: Taro resolves WishOutbox.h5.tsx for the h5 build and WishOutbox.tsx
// (a sentence, no network) for every other platform, including weapp.
export { WishOutbox } from './WishOutbox'
export { OutboxLink } from './OutboxLink'
