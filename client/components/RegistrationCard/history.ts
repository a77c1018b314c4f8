import type { HistoryEntry } from '@domain/api'
import { HISTORY_VERB_LABELS, REGISTRATION_STATE_LABELS } from '@domain/registration'

/** What happened, in the shared words for the timeline; a verb this build does not know shows the state reached. */
export function historyLabel(entry: HistoryEntry): string {
  return (HISTORY_VERB_LABELS as Record<string, string>)[entry.verb] ?? `变为「${REGISTRATION_STATE_LABELS[entry.to] ?? entry.to}」`
}

/** The timeline's words for an entry: the label, and 沿用 for a confirmation carried over by a move. */
export function historyText(entry: HistoryEntry): string {
  return entry.carried ? `${historyLabel(entry)}（沿用原报到）` : historyLabel(entry)
}
