import { chinaYear } from '../../../server/kit'
import type { ProjectRecord, ProposalRecord } from '../../../domain/proposals'

/** The 微实事 an adopted proposal becomes: the community's, of the year it was adopted, under the id its answer recorded. */
export function projectOfAdoption(p: ProposalRecord, by: { id: string; name: string }, at: Date): ProjectRecord {
  const a = p.answer!
  return {
    _id: a.projectId!,
    state: 'planned',
    stateSince: at,
    owner: { kind: 'community', id: p.communityId, name: p.communityName ?? '' },
    communityId: p.communityId,
    lineage: [...p.lineage],
    year: chinaYear(at),
    title: p.title,
    description: Array.from(p.body).slice(0, 300).join(''),
    plannedCost: a.plannedCost ?? 0,
    actualCost: null,
    beneficiaries: a.beneficiaries ?? 0,
    proposalId: p._id,
    createdAt: at,
    updatedAt: at,
    history: [{ verb: 'create', from: null, to: 'planned', by: by.id, byName: by.name, at }],
  }
}
