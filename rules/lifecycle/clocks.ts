// Clocks: starting one from a policy, recomputing it (calendar change, extension, override),
// and the alarms the workflow sleeps until: yellow, red, and the escalation points after due.
import { deadlineFrom, extendDeadline, shiftByWorkingDays, warningLevel, yellowAt } from '../limits';
import type { ClockPolicies, ClockPolicy, DeadlineClock } from '../policies';
import type { WorkingCalendar } from '../workingCalendar';
import type { DispatchMode } from '../vocabulary';
import { DUTY_CLOCKS, OFFICE_CLOCKS, REPLY_CLOCKS, type Clock, type ClockName, type PetitionEventData } from './types';
import { RULE_SETTINGS, type RuleSettingKey } from '../settings';

export interface RuleContext {
  now: number;
  calendar: WorkingCalendar;
  policies: ClockPolicies;
  settings: LifecycleSettings;
  /**
   * For `reclassify`: the rules of the profile the command names, which the workflow loads
   * before deciding it. Absent when only asking whether the command is possible (the Update's
   * validator, allowedCommands): it is then decided with the case's own rules, whose clocks
   * nobody keeps.
   */
  reclassifyTo?: ProfileRules;
  /**
   * For `assignHandler`: the user the command names, as the workflow found them in the database
   * (an active user of the unit with a unit role) before deciding it. Absent when only asking
   * whether the command is possible: the user's id then stands in for their name.
   */
  namedHandler?: { userId: string; name: string; hasPhone: boolean };
  /**
   * Histories from before the office decided on unsatisfied callbacks (the workflow's patch
   * `decide-unsatisfied`): an unsatisfied callback restarts handling at once, as it did then.
   */
  unsatisfiedRehandlesAtOnce?: boolean;
  /**
   * A case whose history predates sub-dispatch down the tree (the workflow's patch
   * `sub-dispatch-tree`): one sub-unit under the lead, due no later than the lead.
   */
  legacySubDispatch?: boolean;
  /** The policies under each non-default dispatch mode; absent from rules loaded before modes existed. */
  modePolicies?: ModePolicies;
}

/** The clocks' policies of a case dispatched by phone or in writing (the mode as a policy dimension). */
export type ModePolicies = Partial<Record<Exclude<DispatchMode, 'system'>, ClockPolicies>>;

/** What a case's profile decides of its rules: the category's lineage and the clocks' policies. */
export interface ProfileRules {
  categoryLineage: string[];
  policies: ClockPolicies;
  modePolicies?: ModePolicies;
}

/**
 * The policies the clocks of a case dispatched this way take: the mode's own, or the case's for
 * `system`. Null when the rules have none for the mode (loaded before modes existed).
 */
export function policiesForMode(rules: Pick<ProfileRules, 'policies' | 'modePolicies'>, mode: DispatchMode | null | undefined): ClockPolicies | null {
  if (!mode || mode === 'system') return rules.policies;
  return rules.modePolicies?.[mode] ?? null;
}

/** The context with the case's dispatch mode applied: clocks started from now on take its policies. */
export function withDispatchMode(ctx: RuleContext, mode: DispatchMode | null | undefined): RuleContext {
  const policies = policiesForMode(ctx, mode);
  return policies && policies !== ctx.policies ? { ...ctx, policies } : ctx;
}

export interface LifecycleSettings {
  /** Cumulative working days of extension a dispatcher may grant; beyond, a supervisor. */
  extensionMaxTotalWorkingDays: number;
  /** Returns after which a further return goes to a supervisor for arbitration. */
  returnMaxCount: number;
  callbackMaxAttempts: number;
  /** How long one callback attempt (a call, then an SMS) waits for the citizen's answer. */
  callbackAttemptWaitMinutes: number;
  /** Pause after an unanswered survey call before the next (absent in rules loaded before it existed). */
  callbackCallRetryMinutes: number;
  /** Urges on one case after which its unit is criticised (通报批评); 0 never (absent in rules loaded before it existed). */
  urgeCriticismThreshold: number;
  /** Working days of suspension in total on a case beyond which only a supervisor suspends (absent in rules loaded before it existed). */
  suspensionApprovalAboveWorkingDays: number;
  /** Working days of suspension in total on a case that no one may exceed (absent in rules loaded before it existed). */
  suspensionMaxTotalWorkingDays: number;
  /** Working days a unit has to answer a supervision notice (absent in rules loaded before it existed). */
  supervisionReplyWorkingDays: number;
  /** Working days the office has to decide on an unsatisfied callback (absent in rules loaded before it existed). */
  unsatisfiedDecisionWorkingDays: number;
  /** Rehandles after unsatisfied callbacks a case may have (absent in rules loaded before it existed). */
  unsatisfiedMaxRehandles: number;
  /** Working days a sub-unit's deadline falls before its parent's (absent in rules loaded before it existed). */
  subDispatchDeadlineOffsetWorkingDays: number;
}

/** The rule settings (rules/settings.ts) the petition workflow reads; a change is signalled to open cases. */
export const LIFECYCLE_SETTING_KEYS = {
  extensionMaxTotalWorkingDays: 'extension.maxTotalWorkingDays',
  returnMaxCount: 'return.maxCount',
  callbackMaxAttempts: 'callback.maxAttempts',
  callbackAttemptWaitMinutes: 'callback.attemptWaitMinutes',
  callbackCallRetryMinutes: 'callback.callRetryMinutes',
  urgeCriticismThreshold: 'urge.criticismThreshold',
  suspensionApprovalAboveWorkingDays: 'suspension.approvalAboveWorkingDays',
  suspensionMaxTotalWorkingDays: 'suspension.maxTotalWorkingDays',
  supervisionReplyWorkingDays: 'supervision.replyWorkingDays',
  unsatisfiedDecisionWorkingDays: 'unsatisfied.decisionWorkingDays',
  unsatisfiedMaxRehandles: 'unsatisfied.maxRehandles',
  subDispatchDeadlineOffsetWorkingDays: 'subDispatch.deadlineOffsetWorkingDays',
} as const satisfies Record<keyof LifecycleSettings, RuleSettingKey>;

/** Every lifecycle setting at its default (histories older than a setting read its default too). */
export const DEFAULT_SETTINGS = Object.fromEntries(
  Object.entries(LIFECYCLE_SETTING_KEYS).map(([field, key]) => [field, RULE_SETTINGS[key].default]),
) as unknown as LifecycleSettings;

export function isDutyClock(name: ClockName): boolean {
  return (DUTY_CLOCKS as readonly string[]).includes(name);
}

function warns(name: ClockName): boolean {
  return isDutyClock(name) || [...OFFICE_CLOCKS, ...REPLY_CLOCKS].includes(name as never);
}

/** What a clock is made of; the rest of a Clock is computed from it. */
type ClockShape = Pick<Clock, 'key' | 'name' | 'unitId' | 'assignmentId' | 'startedAt' | 'limit' | 'warning' | 'extensionWorkingDays' | 'overrideDueAt' | 'suspendedWorkingDays' | 'pausedAt'> & Pick<Partial<Clock>, 'parentKey'>;

/** Fills in the computed part of a clock from what it is made of. */
export function computeClock(shape: ClockShape, ctx: Pick<RuleContext, 'calendar' | 'policies'>, previous?: Pick<Clock, 'level' | 'escalation'>): Clock {
  const base = deadlineFrom(shape.startedAt, shape.limit, ctx.calendar);
  const extended = shape.extensionWorkingDays > 0 ? extendDeadline(base.dueAt, shape.extensionWorkingDays, ctx.calendar) : base;
  const unsuspendedDueAt = shape.overrideDueAt ?? extended.dueAt;
  const unsuspendedYellow =
    shape.overrideDueAt === null && shape.extensionWorkingDays === 0
      ? yellowAt(shape.startedAt, shape.limit, base, shape.warning, ctx.calendar)
      : // A moved deadline keeps the warning's share of the new span.
        shape.startedAt + Math.floor((unsuspendedDueAt - shape.startedAt) * (shape.warning.ratio ?? 0.8));
  // Time suspended does not count: the deadline (a supervisor's too) and the warning point come later by the working days suspended.
  const suspended = shape.suspendedWorkingDays ?? 0;
  const shifted = shiftByWorkingDays(unsuspendedDueAt, suspended, ctx.calendar);
  const dueAt = shifted.dueAt;
  const yellow = shiftByWorkingDays(unsuspendedYellow, suspended, ctx.calendar).dueAt;
  const provisional = (shape.overrideDueAt === null && (base.provisional || extended.provisional)) || shifted.provisional;
  const escalates = isDutyClock(shape.name);
  const supervisorAt = escalates ? deadlineFrom(dueAt, ctx.policies.escalateToSupervisor.limit, ctx.calendar).dueAt : null;
  const leadershipAt = supervisorAt !== null ? deadlineFrom(supervisorAt, ctx.policies.escalateToLeadership.limit, ctx.calendar).dueAt : null;
  return {
    ...shape,
    dueAt,
    yellowAt: Math.min(yellow, dueAt),
    provisional,
    level: previous?.level ?? 'green',
    escalation: previous?.escalation ?? 0,
    supervisorAt,
    leadershipAt,
  };
}

/** Starts a clock whose limit is its own policy row (a sub-unit's clock borrows `handle`'s). */
export function startClock(
  name: Extract<ClockName, DeadlineClock>,
  key: string,
  owner: { unitId: string | null; assignmentId: string | null },
  startedAt: number,
  ctx: Pick<RuleContext, 'calendar' | 'policies'>,
): Clock {
  const policy: ClockPolicy = ctx.policies[name];
  return computeClock({ key, name, ...owner, startedAt, limit: policy.limit, warning: policy.warning, extensionWorkingDays: 0, overrideDueAt: null }, ctx);
}

/** The clock with the same parts but recomputed against a (new) calendar. */
export function recomputeClock(clock: Clock, ctx: Pick<RuleContext, 'calendar' | 'policies'>): Clock {
  return computeClock(clock, ctx, clock);
}

const LEVEL_RANK = { green: 0, yellow: 1, red: 2 } as const;

/**
 * The running clocks under another profile's policies, those that changed. Time already used
 * counts: each clock keeps its start, extension and a supervisor's override, and takes its new
 * policy's limit and warning (a sub-unit's handling borrows `handle`'s). An assisting unit's or
 * sub-unit's deadline stays capped at the lead's new one (a cap is an override equal to the
 * lead's old deadline). A deadline moved later lowers the light to what it shows now, and one no
 * longer passed starts its escalation afresh; one moved earlier keeps its light and the alarms
 * raise it as usual (a passed deadline turns red and urges at the next timer).
 */
export function reclassifiedClocks(clocks: Clock[], policies: ClockPolicies, ctx: Pick<RuleContext, 'now' | 'calendar'>): Clock[] {
  const rules = { calendar: ctx.calendar, policies };
  const relimit = (clock: Clock, overrideDueAt = clock.overrideDueAt): Clock => {
    // The office's decision clock has no policy row (a rule setting) and runs only after the result is up.
    if (clock.name === 'unsatisfiedDecision') return clock;
    const policy = policies[clock.name === 'subHandle' ? 'handle' : (clock.name as Exclude<ClockName, 'subHandle' | 'supervisionReply' | 'unsatisfiedDecision'>)];
    return relit(computeClock({ ...clock, limit: policy.limit, warning: policy.warning, overrideDueAt }, rules, clock), ctx.now);
  };
  const oldHandle = clocks.find((c) => c.key === 'handle');
  const newHandle = oldHandle ? relimit(oldHandle) : undefined;
  const recomputed = clocks.map((clock) => {
    if (clock.key === 'handle') return newHandle!;
    // A reply clock's limit is a rule setting, not a policy of the profile.
    if (clock.name === 'supervisionReply') return clock;
    if (!newHandle || (clock.name !== 'assistOpinion' && clock.name !== 'subHandle')) return relimit(clock);
    const capped = clock.overrideDueAt !== null && clock.overrideDueAt === oldHandle!.dueAt;
    const own = relimit(clock, capped ? null : clock.overrideDueAt);
    return own.dueAt > newHandle.dueAt ? relimit(clock, newHandle.dueAt) : own;
  });
  return recomputed.filter((clock, i) => JSON.stringify(clock) !== JSON.stringify(clocks[i]));
}

/** A moved clock's light: lowered to what it shows now (its escalation afresh unless still red), never raised (the alarms do that). */
function relit(moved: Clock, now: number): Clock {
  const level = levelAt(moved, now);
  if (LEVEL_RANK[level] >= LEVEL_RANK[moved.level]) return moved;
  return { ...moved, level, escalation: level === 'red' ? moved.escalation : 0 };
}

/** The running clocks, paused by a suspension (挂起): they keep their dates and fire no alarm until resumed. */
export function pausedClocks(clocks: Clock[], now: number): Clock[] {
  return clocks.map((clock) => ({ ...clock, pausedAt: now }));
}

/**
 * The paused clocks running again after `workingDays` of suspension: each deadline, warning
 * point and escalation point moved that many working days later (kept in the clock, so that a
 * calendar change recomputes them with it), the light lowered to what it shows now.
 */
export function resumedClocks(clocks: Clock[], workingDays: number, ctx: Pick<RuleContext, 'now' | 'calendar' | 'policies'>): Clock[] {
  return clocks
    .filter((clock) => clock.pausedAt != null)
    .map((clock) => relit(computeClock({ ...clock, pausedAt: null, suspendedWorkingDays: (clock.suspendedWorkingDays ?? 0) + workingDays }, ctx, clock), ctx.now));
}

export type Alarm =
  | { kind: 'yellow'; clock: Clock; at: number }
  | { kind: 'red'; clock: Clock; at: number }
  | { kind: 'supervisor'; clock: Clock; at: number }
  | { kind: 'leadership'; clock: Clock; at: number }
  | { kind: 'windowEnd'; clock: Clock; at: number };

/** Every alarm still ahead for a clock, in time order. */
export function pendingAlarms(clock: Clock): Alarm[] {
  if (clock.pausedAt != null) return [];
  if (!warns(clock.name)) return [{ kind: 'windowEnd', clock, at: clock.dueAt + 1 }];
  const alarms: Alarm[] = [];
  if (clock.level === 'green') alarms.push({ kind: 'yellow', clock, at: clock.yellowAt });
  if (clock.level !== 'red') alarms.push({ kind: 'red', clock, at: clock.dueAt + 1 });
  if (isDutyClock(clock.name)) {
    if (clock.escalation < 2 && clock.supervisorAt !== null) alarms.push({ kind: 'supervisor', clock, at: clock.supervisorAt + 1 });
    if (clock.escalation < 3 && clock.leadershipAt !== null) alarms.push({ kind: 'leadership', clock, at: clock.leadershipAt + 1 });
  }
  return alarms;
}

/** The earliest alarm over all clocks, or null when nothing waits on time. */
export function nextAlarmAt(clocks: Clock[]): number | null {
  let next: number | null = null;
  for (const clock of clocks) for (const alarm of pendingAlarms(clock)) if (next === null || alarm.at < next) next = alarm.at;
  return next;
}

/** Alarms due at `now`, oldest first. */
export function dueAlarms(clocks: Clock[], now: number): Alarm[] {
  return clocks.flatMap(pendingAlarms).filter((alarm) => alarm.at <= now).sort((a, b) => a.at - b.at);
}

export function levelAt(clock: Clock, now: number) {
  return warningLevel(now, clock.yellowAt, clock.dueAt);
}

/** What a warning or escalation event does to the clock it concerns. */
export function applyClockEvent(clocks: Clock[], event: PetitionEventData): Clock[] {
  const update = (key: string | null, change: Partial<Clock>) => (key === null ? clocks : clocks.map((c) => (c.key === key ? { ...c, ...change } : c)));
  switch (event.type) {
    case 'warningChanged':
      return update(event.clockKey, { level: event.level });
    case 'urged':
      return event.automatic ? update(event.clockKey, { escalation: 1 }) : clocks;
    case 'supervised':
      return event.automatic ? update(event.clockKey, { escalation: event.level === 1 ? 2 : 3 }) : clocks;
    default:
      return clocks;
  }
}
