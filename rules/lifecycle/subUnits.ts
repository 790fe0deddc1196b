// Sub-dispatch (下派) down the unit tree: hotline → lead unit (level 1) → its sub-units (level 2)
// → theirs (level 3), no further. Each sub-unit works against a handling clock derived from its
// parent's: `subDispatch.deadlineOffsetWorkingDays` working days earlier, so that the parent has
// time to review the result; never before the sub-dispatch itself (then the parent's deadline).
// A derived clock names its parent's (`parentKey`) and follows it when it moves.
import { levelAt, computeClock, DEFAULT_SETTINGS, type RuleContext } from './clocks';
import { workingDaysBefore } from '../limits';
import type { Assignment, Clock, PetitionEventData, PetitionState } from './types';

/** Lead unit 1, its sub-units 2, theirs 3: a case goes no deeper. */
export const MAX_UNIT_LEVEL = 3;

const CLOSED: readonly Assignment['status'][] = ['completed', 'withdrawn', 'returned'];
const LEVEL_RANK = { green: 0, yellow: 1, red: 2 } as const;

export function isLive(assignment: Assignment): boolean {
  return !CLOSED.includes(assignment.status);
}

/** 1 for the lead unit, one more per sub-dispatch below it. */
export function levelOf(state: PetitionState, assignment: Assignment): number {
  let level = 1;
  for (let a: Assignment | undefined = assignment; a?.parentAssignmentId; level++) a = state.assignments.find((x) => x.id === a!.parentAssignmentId);
  return level;
}

/** The sub-assignments still at work under `parentId` (result not yet accepted, not withdrawn). */
export function liveSubsOf(state: PetitionState, parentId: string): Assignment[] {
  return state.assignments.filter((a) => a.role === 'sub' && a.parentAssignmentId === parentId && isLive(a));
}

/** The live lead or sub-assignment of the actor's unit in the current round: the one that sub-dispatches, reviews and submits. */
export function handlingAssignment(state: PetitionState, unitId: string | null): Assignment | undefined {
  return state.assignments.find((a) => a.unitId === unitId && a.round === state.round && (a.id === state.leadAssignmentId || (a.role === 'sub' && isLive(a))));
}

type SubClockContext = Pick<RuleContext, 'now' | 'calendar' | 'policies' | 'settings'>;

function offsetWorkingDays(ctx: Pick<RuleContext, 'settings'>): number {
  // Rules loaded before the setting existed have none: the seeded default applies.
  return ctx.settings.subDispatchDeadlineOffsetWorkingDays ?? DEFAULT_SETTINGS.subDispatchDeadlineOffsetWorkingDays;
}

/** N working days before the parent's deadline, or the parent's when that would fall at or before `startedAt`. */
export function derivedDueAt(parentDueAt: number, startedAt: number, ctx: Pick<RuleContext, 'calendar' | 'settings'>): number {
  const { dueAt } = workingDaysBefore(parentDueAt, offsetWorkingDays(ctx), ctx.calendar);
  return dueAt > startedAt ? dueAt : parentDueAt;
}

/** The key of the clock a sub-assignment's deadline derives from: the lead's handling, or its parent sub-unit's. */
function parentClockKey(state: PetitionState, assignment: Assignment): string {
  const parent = state.assignments.find((a) => a.id === assignment.parentAssignmentId);
  return parent?.role === 'sub' ? `subHandle:${parent.id}` : 'handle';
}

/**
 * A sub-unit's handling clock from now. Cases sub-dispatched before derived deadlines
 * (`legacySubDispatch`): the handling limit from now, due no later than the lead's.
 */
export function subHandleClock(state: PetitionState, assignment: Assignment, ctx: SubClockContext & Pick<RuleContext, 'legacySubDispatch'>): Clock {
  const own = computeClock({ key: `subHandle:${assignment.id}`, name: 'subHandle', unitId: assignment.unitId, assignmentId: assignment.id, startedAt: ctx.now, limit: ctx.policies.handle.limit, warning: ctx.policies.handle.warning, extensionWorkingDays: 0, overrideDueAt: null }, ctx);
  const parentKey = parentClockKey(state, assignment);
  const parentDue = state.clocks.find((c) => c.key === parentKey)?.dueAt;
  if (parentDue === undefined) return own;
  if (ctx.legacySubDispatch) return own.dueAt > parentDue ? computeClock({ ...own, overrideDueAt: parentDue }, ctx) : own;
  return computeClock({ ...own, overrideDueAt: derivedDueAt(parentDue, ctx.now, ctx), parentKey }, ctx);
}

/**
 * Every clock, with each derived one moved to follow its parent's current deadline (cascading
 * down the levels). A deadline moved later lowers the light to what it shows now, as
 * `reclassifiedClocks` does; one moved earlier keeps it and the alarms raise it.
 */
export function alignedSubClocks(clocks: Clock[], ctx: SubClockContext): Clock[] {
  const byKey = new Map(clocks.map((c) => [c.key, c]));
  const done = new Map<string, Clock>();
  const align = (clock: Clock): Clock => {
    const parent = clock.parentKey ? byKey.get(clock.parentKey) : undefined;
    if (!parent) return clock;
    const known = done.get(clock.key);
    if (known) return known;
    const dueAt = derivedDueAt(align(parent).dueAt, clock.startedAt, ctx);
    if (dueAt === clock.dueAt) {
      done.set(clock.key, clock);
      return clock;
    }
    const moved = computeClock({ ...clock, overrideDueAt: dueAt }, ctx, clock);
    const now = levelAt(moved, ctx.now);
    const aligned = LEVEL_RANK[now] >= LEVEL_RANK[moved.level] ? moved : { ...moved, level: now, escalation: now === 'red' ? moved.escalation : 0 };
    done.set(clock.key, aligned);
    return aligned;
  };
  return clocks.map(align);
}

/** The derived clocks that move once `changed` replace their namesakes in `clocks`. */
export function realignedClocks(clocks: Clock[], changed: Clock[], ctx: SubClockContext): Clock[] {
  const replaced = clocks.map((c) => changed.find((x) => x.key === c.key) ?? c);
  const aligned = alignedSubClocks(replaced, ctx);
  return aligned.filter((c, i) => c !== replaced[i]);
}

/** A `deadlinesRecomputed` event for the sub-units' clocks that follow `changed`, or none. */
export function realignEvents(clocks: Clock[], changed: Clock[], ctx: SubClockContext): PetitionEventData[] {
  const moved = realignedClocks(clocks, changed, ctx);
  return moved.length > 0 ? [{ type: 'deadlinesRecomputed', clocks: moved }] : [];
}
