/**
 * Micro-wishes (微心愿): a grid worker writes a household's wish at the door, the community
 * reviews and publishes it, one member or caring citizen lights (claims) it, delivers it with a
 * photo, and the beneficiary (or the grid worker for them) confirms and rates it.
 * docs/wishes.md says the same in plain words. One module per job:
 *
 * - lifecycle: verbs, who performs each, the transition table, the category predicates;
 * - record: the stored wish; content: text, value, category, photo checks;
 * - plan: who may do what (availableVerbs) and the plan of each verb (conditions included);
 * - deadline: the claim's deadline and the release rule; settings: a community's settings;
 * - wall, share, qr: the wall's counts and tabs, the share card, the poster code's scene;
 * - intake: the offline submission's key, replay rule and new record; hours: the ledger row;
 * - review: who may list a community's review queue, and which rows.
 */
export * from '../wishes-labels'
export * from './lifecycle'
export * from './record'
export * from './content'
export * from './settings'
export * from './deadline'
export * from './plan'
export * from './wall'
export * from './share'
export * from './qr'
export * from './intake'
export * from './hours'
export * from './review'
