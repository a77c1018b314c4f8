/**
 * The proposals timer (hourly; config.json `lateAnswers`):
 *  - a proposal still unanswered past its time limit (answerDueAt) is marked told, once, with a
 *    history entry (planLateNotice: one conditional update), and the lists show it late;
 *  - an adopted proposal whose project is missing (the call died between the answer and the
 *    project's insert) gets it made again from what the answer recorded, under the same id, so a
 *    second run inserts nothing.
 */
import { addDoc, getDocs, isDuplicateKeyError, now as clockNow, writePlan, type Database } from '../../../server/kit'
import { planLateNotice, type ProposalRecord } from '../../../domain/proposals'
import { PROJECTS, PROPOSALS } from './common'
import { projectOfAdoption } from './adopt'

const PAGE = 100
const REPAIR_WINDOW = 2 * 24 * 3600_000

export interface SweepReport {
  told: string[]
  repaired: string[]
}

export async function lateAnswers(db: Database, now: Date = clockNow()): Promise<SweepReport> {
  const _ = db.command
  const report: SweepReport = { told: [], repaired: [] }
  const proposals = db.collection(PROPOSALS)
  const late = await getDocs<ProposalRecord>(proposals.where({ state: 'submitted', answerDueAt: _.lt(now), lateToldAt: null }).limit(PAGE))
  for (const p of late) {
    const plan = planLateNotice(p, now)
    if (plan && (await writePlan(db, PROPOSALS, p._id, plan))) report.told.push(p._id)
  }

  const adopted = await getDocs<ProposalRecord>(proposals.where({ state: 'adopted', stateSince: _.gte(new Date(now.getTime() - REPAIR_WINDOW)) }).limit(PAGE))
  const ids = adopted.map((p) => p.answer?.projectId).filter((id): id is string => !!id)
  if (ids.length === 0) return report
  const present = new Set((await getDocs<{ _id: string }>(db.collection(PROJECTS).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length))).map((d) => d._id))
  for (const p of adopted) {
    if (!p.answer?.projectId || present.has(p.answer.projectId)) continue
    const adopter = [...(p.history ?? [])].reverse().find((h) => h.verb === 'adopt')
    try {
      await addDoc(db.collection(PROJECTS), projectOfAdoption(p, { id: adopter?.by ?? 'system', name: adopter?.byName ?? '系统' }, p.answer.at))
      report.repaired.push(p._id)
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e
    }
  }
  return report
}
