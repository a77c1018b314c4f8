import type { EarlierCard, HistoryEntry, PendingItem, RegistrationCard } from '../../../domain/api/registration'
import {
  isRejected,
  missingSteps,
  REGISTRATION_STATE_LABELS,
  registrationQrPayload,
  type EarlierRegistration,
  type RegistrationRecord,
  type StoredHistoryEntry,
} from '../../../domain/registration'
import { availableVerbs, type RegistrationForVerbs, type RegistrationViewer } from '../../../domain/registration-verbs'
import { maskPhone } from '../../../domain/users'

const iso = (at: Date | string) => new Date(at).toISOString()

export function toHistoryEntry(entry: StoredHistoryEntry): HistoryEntry {
  const out: HistoryEntry = { verb: entry.verb, from: entry.from, to: entry.to, byName: entry.byName, at: iso(entry.at) }
  if (entry.reason) out.reason = entry.reason
  if (entry.place) out.place = { ...entry.place }
  if (entry.carried) out.carried = true
  return out
}

function toEarlierCard(e: EarlierRegistration): EarlierCard {
  return { id: e.id, unitName: e.unitName, communityName: e.communityName, buildingName: e.buildingName ?? null, history: e.history.map(toHistoryEntry) }
}

/**
 * What the member sees of their own registration. The phone is masked even for its owner: the
 * card is shown and shared. `can` is what `viewer` (who asked) may do with it now: its buttons.
 */
export function toCard(doc: RegistrationRecord, viewer: RegistrationViewer | null): RegistrationCard {
  return {
    id: doc._id,
    state: doc.state,
    can: availableVerbs(doc, viewer),
    stateLabel: REGISTRATION_STATE_LABELS[doc.state],
    name: doc.name,
    phoneMasked: maskPhone(doc.phone) ?? '',
    unit: { id: doc.unitId, name: doc.unitName },
    community: { id: doc.communityId, name: doc.communityName },
    building: doc.buildingId ? { id: doc.buildingId, name: doc.buildingName ?? '' } : null,
    skills: doc.skills ?? [],
    skillNote: doc.skillNote ?? null,
    freeTime: doc.freeTime ?? [],
    missing: missingSteps(doc.state),
    reason: isRejected(doc.state) ? (doc.reason ?? null) : null,
    qrPayload: registrationQrPayload(doc._id),
    history: (doc.history ?? []).map(toHistoryEntry),
    earlier: (doc.earlier ?? []).map(toEarlierCard).reverse(),
    createdAt: iso(doc.createdAt),
  }
}

/** A row of an admin's pending list; `fullPhone` only when the admin may call the person (member.viewPhone); `can`: the row's buttons. */
export function toPendingItem(
  doc: Pick<RegistrationRecord, '_id' | 'state' | 'name' | 'phone' | 'unitName' | 'communityName' | 'buildingName' | 'skills' | 'createdAt'> & RegistrationForVerbs,
  fullPhone: boolean,
  viewer: RegistrationViewer | null,
): PendingItem {
  return {
    id: doc._id,
    state: doc.state,
    can: availableVerbs(doc, viewer),
    name: doc.name,
    phone: fullPhone ? doc.phone : (maskPhone(doc.phone) ?? ''),
    unitName: doc.unitName,
    communityName: doc.communityName,
    buildingName: doc.buildingName ?? null,
    skills: doc.skills ?? [],
    createdAt: iso(doc.createdAt),
  }
}
