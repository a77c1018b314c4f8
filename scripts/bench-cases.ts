/**
 * One case per action of every cloud function (the bench refuses to run when an action has
 * none), measured against the seeded demo county.
 */
export interface RoundTripCase {
  fn: string
  event: { action: string; [k: string]: unknown }
  openid: string
  label: string
}

export const ROUND_TRIP_CASES: RoundTripCase[] = [
  { fn: 'users', event: { action: 'whoami' }, openid: 'demo-member', label: 'existing user' },
  { fn: 'users', event: { action: 'whoami' }, openid: 'bench-new-user', label: 'first use, creates the record' },
  { fn: 'users', event: { action: 'switchRole', role: 'resident' }, openid: 'demo-member', label: 'to a held role' },
]
