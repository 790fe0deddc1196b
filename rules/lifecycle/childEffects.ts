// What accepted events ask of the case's child workflows: start an assisting or sub-unit's clocks
// (workflows/assist), tell one that a clock stopped, that its clocks changed or that it was
// withdrawn, and start or stop the satisfaction callback (workflows/callback). The petition
// workflow runs these in order once the events are projected; deciding which ones is plain
// logic over the states and events, kept here so that it is tested without Temporal.
//
// Cases older than the child workflows keep their clocks in the case's own workflow: whether
// the children are used is a gate the workflow owns (a Temporal patch, asked the first time an
// event would start a child, and remembered across continue-as-new).
import type { Clock, PetitionEvent, PetitionState } from './types';

export type ChildEffect =
  | { kind: 'startCallback'; callbackId: string }
  | { kind: 'stopCallback'; callbackId: string }
  | { kind: 'startUnitClocks'; assignmentId: string; unitId: string; clocks: Clock[] }
  | { kind: 'unitClockStopped'; assignmentId: string; clockKey: string }
  | { kind: 'unitWithdrawn'; assignmentId: string }
  | { kind: 'unitClocksChanged'; assignmentId: string; clocks: Clock[] };

/** Whether a kind of child workflow is used for this case. */
export interface DelegationGate {
  /** Asked when an event would start a child: may switch delegation on (the first time only). */
  open(): boolean;
  /** Asked for everything else: whether it is on, switching nothing. */
  isOpen(): boolean;
}

export interface DelegationGates {
  callbacks: DelegationGate;
  assists: DelegationGate;
}

/** The child effects of `events`, which took the case from `before` to `after`, in the order they must run. */
export function childEffects(before: PetitionState, after: PetitionState, events: PetitionEvent[], gates: DelegationGates): ChildEffect[] {
  return [...callbackEffects(before, events, gates.callbacks), ...unitEffects(before, after, events, gates.assists)];
}

function callbackEffects(before: PetitionState, events: PetitionEvent[], gate: DelegationGate): ChildEffect[] {
  const effects: ChildEffect[] = [];
  for (const event of events) {
    if (event.type === 'reviewed' && event.accepted && event.callback && gate.open()) effects.push({ kind: 'startCallback', callbackId: event.callback.id });
  }
  // The callback is over (recorded by an operator, or the case left the callback stage).
  const open = before.status === 'callback' ? before.callbacks.at(-1) : undefined;
  if (open && gate.isOpen() && events.some((e) => e.type === 'closed' || e.type === 'rehandleStarted' || (e.type === 'callbackRecorded' && e.final))) {
    effects.push({ kind: 'stopCallback', callbackId: open.id });
  }
  return effects;
}

function unitEffects(before: PetitionState, after: PetitionState, events: PetitionEvent[], gate: DelegationGate): ChildEffect[] {
  const effects: ChildEffect[] = [];
  const isDelegated = (assignmentId: string | null) => after.assignments.some((a) => a.id === assignmentId && (a.role === 'assist' || a.role === 'sub'));
  const startUnitClocks = (assignment: { id: string; unitId: string }, clocks: Clock[]) =>
    effects.push({ kind: 'startUnitClocks', assignmentId: assignment.id, unitId: assignment.unitId, clocks });
  for (const event of events) {
    const startsChild = (event.type === 'dispatched' && event.assignments.some((a) => a.role === 'assist')) || event.type === 'subDispatched';
    if (!(startsChild ? gate.open() : gate.isOpen())) continue;
    if (event.type === 'dispatched') {
      for (const assignment of event.assignments.filter((a) => a.role === 'assist')) startUnitClocks(assignment, event.clocks.filter((c) => c.assignmentId === assignment.id));
    }
    if (event.type === 'subDispatched') startUnitClocks(event.assignment, event.clocks);
    if (event.type === 'subResultReviewed' && !event.accepted && event.subHandleClock) {
      const sub = after.assignments.find((a) => a.id === event.subHandleClock!.assignmentId)!;
      startUnitClocks(sub, [event.subHandleClock]);
    }
    if ((event.type === 'signedFor' || event.type === 'assistOpinionSubmitted') && isDelegated(event.assignmentId)) {
      effects.push({ kind: 'unitClockStopped', assignmentId: event.assignmentId, clockKey: event.stoppedClock });
    }
    if (event.type === 'resultSubmitted' && isDelegated(event.result.assignmentId)) {
      effects.push({ kind: 'unitClockStopped', assignmentId: event.result.assignmentId, clockKey: `subHandle:${event.result.assignmentId}` });
    }
    if (event.type === 'returnDecided' && event.approved) {
      for (const id of event.withdrawnAssignmentIds.filter(isDelegated)) effects.push({ kind: 'unitWithdrawn', assignmentId: id });
    }
    if (event.type === 'reviewed' && event.accepted) {
      for (const a of before.assignments.filter((x) => x.role === 'assist' && x.round === before.round && x.status !== 'opinionSubmitted' && x.status !== 'withdrawn')) {
        effects.push({ kind: 'unitWithdrawn', assignmentId: a.id });
      }
    }
    // A suspension pauses the children's clocks too, and its end moves them.
    if (event.type === 'deadlinesRecomputed' || event.type === 'deadlineOverridden' || event.type === 'reclassified' || event.type === 'suspended' || event.type === 'resumed') {
      const changed = event.type === 'deadlineOverridden' ? [event.clock] : event.clocks;
      for (const id of new Set(changed.filter((c) => isDelegated(c.assignmentId)).map((c) => c.assignmentId!))) {
        effects.push({ kind: 'unitClocksChanged', assignmentId: id, clocks: changed.filter((c) => c.assignmentId === id) });
      }
    }
  }
  return effects;
}
