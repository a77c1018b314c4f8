/** Only the local h5 build has an outbox to look at (OutboxLink.h5.tsx). */
export function OutboxLink() {
  return null
}
