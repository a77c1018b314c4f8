export { defineArea, fail, type ActionContext, type Handlers } from './area'
export { cloud } from './cloud'
export { addDoc, countDocs, database, getDocs, isDuplicateKeyError, removeDocs, updateDocs, type Database } from './db'
export { currentIdentity, type Identity } from './identity'
export { appendAudit, type AuditEntry } from './audit'
export { now } from './clock'
export { newId, opId } from './ids'
export { bookServiceHours, bookServiceHoursBatch, countyRuleOfCommunity } from './ledger'
export { chinaYear, creditTallies, creditUnitActivity, ensureTally, markMet, recountMet, tallyRuleOf, TALLIES, type TallyRule } from './tally'
export { byId, callerWith, joined, type CallerWith, type Join } from './join'
export {
  applyPlan,
  CALLERS_LIVE,
  changeMany,
  changeState,
  ofTarget,
  planFilter,
  planUpdate,
  readById,
  toQuery,
  writePlan,
  type Change,
  type Changed,
  type ManyChange,
  type ManyChanged,
  type Read,
} from './lifecycle'
export { cutText, sendSubscribeMessage, type SubscribeMessage } from './notify'
export { isPlatformTimer, looksLikeTimer, withTimers, type TimerEvent } from './timer'
export { callerAggregate, callerOf, ensureUser, findCaller, findCallerWithLive, lookupPipeline, type AggregateBuilder } from './users'
export { miniProgramCode, type MiniProgramCode } from './wxacode'
export { callerCounties, type CountyCaller } from './counties'
export { countPairing, ensureScopeDocs, STATS, writeBumps } from './stats'
export { rollupStats, ROLLUP_LAG_MS, STATS_META, type RollupResult } from './statsRollup'
export { recountStats, scanAll, type Drift, type RecountResult } from './statsRecount'
