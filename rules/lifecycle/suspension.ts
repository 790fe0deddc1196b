// 挂起 / 恢复: a case waiting for the citizen's materials, a court or force majeure stops every
// clock it runs. Suspending pauses them (no alarm fires); resuming moves each one later by the
// working days the suspension lasted, counted like a limit: after the day it began, through the
// day it ended. A suspension ends by a command, when the lead unit's result goes up, or by
// itself at the end of its last planned working day (the workflow's timer, actor system).
import { deadlineFrom, workingDaysBetween } from '../limits';
import { shanghaiDate } from '../shanghaiTime';
import type { WorkingCalendar } from '../workingCalendar';
import { pausedClocks, resumedClocks, type RuleContext } from './clocks';
import type { CommandInput, CommandName } from './commands';
import { refuse } from './refusal';
import type { Actor, PetitionEventData, PetitionState, Suspension } from './types';

export function suspendedEvent(state: PetitionState, input: CommandInput<'suspend'>, actor: Actor, ctx: RuleContext): PetitionEventData {
  const suspension: Suspension = {
    id: `${state.caseId}-P${state.seq + 1}`,
    reasonKind: input.reasonKind,
    reason: input.reason,
    workingDays: input.workingDays,
    suspendedAt: ctx.now,
    suspendedBy: actor.id,
    resumeAt: deadlineFrom(ctx.now, { amount: input.workingDays, unit: 'workingDays' }, ctx.calendar).dueAt,
  };
  return { type: 'suspended', suspension, clocks: pausedClocks(state.clocks, ctx.now) };
}

/** Working days a suspension lasted if it ends at `at` (its planned end at the latest, however late the timer fired). */
export function suspendedWorkingDays(suspension: Suspension, at: number, calendar: WorkingCalendar): number {
  return workingDaysBetween(calendar, shanghaiDate(suspension.suspendedAt), shanghaiDate(Math.min(at, suspension.resumeAt)));
}

/** The end of the case's suspension now: its clocks run again, later by the working days suspended. */
export function resumedEvent(state: PetitionState, ctx: Pick<RuleContext, 'now' | 'calendar' | 'policies'>): PetitionEventData {
  const suspension = state.suspension!;
  const workingDays = suspendedWorkingDays(suspension, ctx.now, ctx.calendar);
  return { type: 'resumed', suspensionId: suspension.id, workingDays, clocks: resumedClocks(state.clocks, workingDays, ctx) };
}

/** The resumption due by the passage of time: at the end of the suspension's last planned working day. */
export function suspensionEndEvents(state: PetitionState, ctx: Pick<RuleContext, 'now' | 'calendar' | 'policies'>): PetitionEventData[] {
  return state.suspension && ctx.now >= state.suspension.resumeAt ? [resumedEvent(state, ctx)] : [];
}

/** When the case's timer must wake for its suspension (null: not suspended). */
export function suspensionAlarmAt(state: PetitionState): number | null {
  return state.suspension?.resumeAt ?? null;
}

/** Commands that would start, move or act on a paused clock wait for the case to resume. */
export function requireRunning(state: PetitionState, command: CommandName): void {
  if (state.suspension) {
    throw refuse.state(`${command} is not possible while the case is suspended (until ${new Date(state.suspension.resumeAt).toISOString()} at the latest); resume it first`);
  }
}
