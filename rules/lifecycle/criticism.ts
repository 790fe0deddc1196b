// Seed 003's rule "催办两次仍未办结的予以通报批评" as data: the urge that brings a unit's urges on
// one case to `urgeCriticismThreshold` (a rule setting; 0 turns the rule off) while that unit's
// part is still not done calls for a criticism notice (通报批评) to the unit and its leadership.
// A unit crosses a threshold once per case, so it is criticised once per case and threshold.
import type { AssignmentStatus, CaseStatus, PetitionEvent, PetitionEventData, PetitionState } from './types';

/** The lead unit has no result standing: what "仍未办结" means for it. */
const LEAD_NOT_DONE: readonly CaseStatus[] = ['dispatched', 'returnRequested', 'arbitration', 'signed', 'subDispatched'];
/** An assisting or sub-unit still owes its opinion or result. */
const PART_NOT_DONE: readonly AssignmentStatus[] = ['dispatched', 'signed', 'subDispatched'];

function stillNotDone(state: PetitionState, unitId: string): boolean {
  const lead = state.assignments.find((a) => a.id === state.leadAssignmentId);
  if (lead?.unitId === unitId) return LEAD_NOT_DONE.includes(state.status);
  return state.assignments.some((a) => a.unitId === unitId && a.role !== 'lead' && a.round === state.round && PART_NOT_DONE.includes(a.status));
}

/** The criticisms the accepted `events` call for, given the state before and after them. */
export function criticismEvents(before: PetitionState, after: PetitionState, events: PetitionEvent[], threshold: number): PetitionEventData[] {
  if (threshold <= 0) return [];
  const urged = [...new Set(events.flatMap((e) => (e.type === 'urged' ? [e.unitId] : [])))];
  const reaching = urged.filter((unitId) => (before.urgesByUnit?.[unitId] ?? 0) < threshold && (after.urgesByUnit?.[unitId] ?? 0) >= threshold && stillNotDone(after, unitId));
  return reaching.map((unitId, index) => ({ type: 'criticized', noticeId: `${after.caseId}-K${after.seq + index + 1}`, unitId, urgeCount: after.urgesByUnit![unitId]!, threshold }));
}

/** The audited reason of a criticism. */
export function criticismReason(threshold: number): string {
  return `催办${threshold}次仍未办结，予以通报批评`;
}
