// The rules broadcast: after an admin changes the calendar, a policy or a setting that open cases
// read, one workflow tells every open case (rulesChanged) page by page, so the telling survives a
// crash of the API or a worker and the admin screen can follow it.
import { defineQuery, defineSignal } from '@temporalio/workflow';

/** One broadcast per namespace: a change made while one runs joins it (see the workflow). */
export const RULES_BROADCAST_WORKFLOW_ID = 'rules-broadcast';

/** Cases told per activity: one visibility page, signalled a few at a time. */
export const RULES_BROADCAST_PAGE_SIZE = 200;

/** The audited admin action behind a request (the same names as the audit trail's). */
export type RulesChange =
  | 'calendarDayChanged'
  | 'calendarYearImported'
  | 'calendarYearOpened'
  | 'calendarYearRemoved'
  | 'policyCreated'
  | 'policyUpdated'
  | 'policyDeleted'
  | 'ruleSettingChanged'
  | 'rulesBroadcastRequested';

export interface RulesBroadcastRequest {
  change: RulesChange;
  /** What it changed: the day, the year, the policy's id or the setting's key. */
  subject: string;
  /** The admin's reason, when the change asks for one. */
  reason: string | null;
  actorId: string;
  /** ISO instant the API accepted the change. */
  requestedAt: string;
}

export interface RulesBroadcastProgress {
  /** running: a pass is telling cases; waiting: the last pass failed and is tried again at retryAt; done: every open case was told. */
  state: 'running' | 'waiting' | 'done';
  /** Passes started; a change that arrives during a pass starts another. */
  pass: number;
  /** Changes this broadcast carried (coalesced while it ran). */
  requests: number;
  lastRequest: RulesBroadcastRequest;
  /** Open cases when the current pass began (visibility's count; cases open and close meanwhile). */
  total: number | null;
  /** Cases signalled in the current pass. */
  told: number;
  /** Cases that closed between the listing and the signal: nothing left to recompute. */
  closed: number;
  passStartedAt: string;
  finishedAt: string | null;
  /** Why the last pass stopped, while state is waiting. */
  error: string | null;
  retryAt: string | null;
}

export const rulesBroadcastRequestedSignal = defineSignal<[RulesBroadcastRequest]>('rulesBroadcastRequested');
export const rulesBroadcastProgressQuery = defineQuery<RulesBroadcastProgress>('rulesBroadcastProgress');

export interface RulesBroadcastInput {
  /** Cases per page (RULES_BROADCAST_PAGE_SIZE unless a test asks for small pages). */
  pageSize?: number;
  /** Set by continue-as-new: where the previous run stood. */
  carried?: RulesBroadcastCarry;
}

/** What a continued run carries over: the progress so far and where the pass stands. */
export interface RulesBroadcastCarry {
  progress: RulesBroadcastProgress;
  /** The next visibility page of the current pass (base64); absent: the pass starts over. */
  pageToken?: string;
  /** A change arrived since the current pass began: it starts over once this page is told. */
  restart: boolean;
}
