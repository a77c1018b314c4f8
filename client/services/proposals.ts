import type { ProjectOwnerKind, ProposalState } from '@domain/api/proposals'
import { proposalsArea } from '@domain/api/proposals'
import { areaCaller } from './transport'

const call = areaCaller(proposalsArea)

/** 微提案 and 微实事: typed one-liners over the one transport. */

export const submitProposal = (title: string, body: string) => call('proposals', 'submit', { title, body })
export const listProposals = (communityId?: string, state?: ProposalState) =>
  call('proposals', 'list', { ...(communityId ? { communityId } : {}), ...(state ? { state } : {}) })
export const getProposal = (id: string) => call('proposals', 'get', { id })
export const supportProposal = (id: string) => call('proposals', 'support', { id })
export const adoptProposal = (id: string, reason: string, plannedCost: number, beneficiaries: number) => call('proposals', 'adopt', { id, reason, plannedCost, beneficiaries })
export const declineProposal = (id: string, reason: string) => call('proposals', 'decline', { id, reason })
export const listProjects = (ownerId: string, year: number) => call('proposals', 'projects', { ownerId, year })
export const createProject = (input: { owner: { kind: ProjectOwnerKind; id: string }; communityId: string; year: number; title: string; description: string; plannedCost: number; beneficiaries: number }) =>
  call('proposals', 'createProject', input)
export const startProject = (id: string) => call('proposals', 'startProject', { id })
export const finishProject = (id: string, actualCost: number, beneficiaries?: number) =>
  call('proposals', 'finishProject', beneficiaries === undefined ? { id, actualCost } : { id, actualCost, beneficiaries })
