import { usersArea } from './users'
import { registrationArea } from './registration'
import { orgArea } from './org'
import { membersArea } from './members'
import { importsArea } from './imports'
import { requirementsArea } from './requirements'
import { ordersArea } from './orders'
import { wishesArea } from './wishes'
import { activitiesArea } from './activities'
import { householdsArea } from './households'
import { problemsArea } from './problems'
import { proposalsArea } from './proposals'
import { exportsArea } from './exports'
import { statsArea } from './stats'

/** Every cloud function, by name; the client transport and the function builder read this. */
export const AREAS = {
  users: usersArea,
  registration: registrationArea,
  org: orgArea,
  members: membersArea,
  imports: importsArea,
  requirements: requirementsArea,
  orders: ordersArea,
  wishes: wishesArea,
  activities: activitiesArea,
  households: householdsArea,
  problems: problemsArea,
  proposals: proposalsArea,
  exports: exportsArea,
  stats: statsArea,
} as const

export type AreaName = keyof typeof AREAS
export type AreaActions<N extends AreaName> = (typeof AREAS)[N]['actions']
export type ActionName<N extends AreaName> = keyof AreaActions<N> & string

export * from './contract'
export * from './users'
export * from './registration'
export * from './org'
export * from './members'
export * from './imports'
export * from './requirements'
export * from './orders'
export * from './wishes'
export * from './activities'
export * from './households'
export * from './problems'
export * from './proposals'
export * from './exports'
export * from './stats'
