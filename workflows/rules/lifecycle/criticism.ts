// Seed 003's rule "催办两次仍未办结的予以通报批评" as data: the urge that brings a case's urges
// to `urgeCriticismThreshold` (a rule setting; 0 turns the rule off) while the unit has not yet
// put up its result calls for a criticism notice (通报批评) to the urged unit and its leadership.
// A case crosses a threshold once, so it is criticised once per threshold.
import type { CaseStatus, PetitionEvent, PetitionEventData, PetitionState } from './types';

/** The unit has no result standing: what "仍未办结" means when the urge comes. */
const NOT_COMPLETED: readonly CaseStatus[] = ['dispatched', 'returnRequested', 'arbitration', 'signed', 'subDispatched'];

/** The criticism the accepted `events` call for (none, or one), given the state before and after them. */
export function criticismEvents(before: PetitionState, after: PetitionState, events: PetitionEvent[], threshold: number): PetitionEventData[] {
  if (threshold <= 0 || before.counters.urges >= threshold || after.counters.urges < threshold) return [];
  if (!NOT_COMPLETED.includes(after.status)) return [];
  const urges = events.filter((e) => e.type === 'urged');
  // The urge that reached the threshold names the unit.
  const reaching = urges[threshold - before.counters.urges - 1] ?? urges.at(-1);
  if (!reaching) return [];
  return [{ type: 'criticized', noticeId: `${after.caseId}-K${after.seq + 1}`, unitId: reaching.unitId, urgeCount: after.counters.urges, threshold }];
}

/** The audited reason of a criticism. */
export function criticismReason(threshold: number): string {
  return `催办${threshold}次仍未办结，予以通报批评`;
}
