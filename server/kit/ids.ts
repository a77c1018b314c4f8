import { randomBytes } from 'node:crypto'

/** A new record id (20 hex characters): unguessable, so an id in a shared link reveals nothing else. */
export function newId(): string {
  return randomBytes(10).toString('hex')
}

/** One invocation's mark on the history entries it writes, to recognise its own write when re-reading. */
export function opId(): string {
  return randomBytes(8).toString('hex')
}
