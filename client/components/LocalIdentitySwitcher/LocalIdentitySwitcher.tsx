/**
 * Outside local mode (weapp and any other platform) identity comes from the platform itself,
 * so there is nothing to switch. The real switcher is LocalIdentitySwitcher.h5.tsx.
 */
export function LocalIdentitySwitcher() {
  return null
}
