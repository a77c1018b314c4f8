import type { HistoryEntry } from '@domain/api'
import { HISTORY_VERB_LABELS, REGISTRATION_STATE_LABELS } from '@domain/registration'

/** What happened, in the shared words for the timeline; a verb this build does not know shows the state reached. */
export function historyLabel(entry: HistoryEntry): string {
  return (HISTORY_VERB_LABELS as Record<string, string>)[entry.verb] ?? `变为「${REGISTRATION_STATE_LABELS[entry.to] ?? entry.to}」`
}
