// The closed vocabularies of a case, once: the workflow's rules, the API's schemas, the
// statistics and the console all read these (the database's enums say the same, checked by
// tests/prisma/vocabulary.test.ts).

export const CASE_STATUSES = [
  'registered',
  'answeredDirectly',
  'rejected',
  'merged',
  'dispatched',
  'returnRequested',
  'arbitration',
  'signed',
  'subDispatched',
  'resultSubmitted',
  'unitApproved',
  'callback',
  /** The citizen was unsatisfied: the office decides whether to rehandle, close or mark it 核减. */
  'awaitingUnsatisfiedDecision',
  'closed',
  'reReview',
  'archived',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which nothing more is done for the citizen (a re-review may still reopen some). */
export const FINISHED_STATUSES: readonly CaseStatus[] = ['closed', 'archived', 'rejected', 'merged', 'answeredDirectly'];

/** Statuses in which a lead unit holds the case: dispatched to it until the office takes its approved result. */
export const OPEN_WITH_LEAD: readonly CaseStatus[] = ['dispatched', 'returnRequested', 'arbitration', 'signed', 'subDispatched', 'resultSubmitted', 'unitApproved'];

export const CHANNELS = ['phone', 'sms', 'web', 'email', 'letter', 'wechat', 'open311', 'walkIn'] as const;
export type Channel = (typeof CHANNELS)[number];

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * How the office hands a case to its unit (交办方式, seed 003 第十二条): through the system (today's
 * default), by phone (电话交办: a simple matter, reported within 3 working days by default) or in
 * writing (书面交办 with a dispatch sheet: a complex one, 7 working days). A policy dimension.
 */
export const DISPATCH_MODES = ['system', 'phone', 'written'] as const;
export type DispatchMode = (typeof DISPATCH_MODES)[number];

/** The urgency that means a major emergency (重大紧急, seed 003 第二十条): leadership and the duty room are told at once. */
export const MAJOR_EMERGENCY_URGENCY: Urgency = 'emergency';

export const SATISFACTIONS = ['satisfied', 'basicallySatisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** The clocks a deadline policy row can set (the DeadlineClock enum). */
export const DEADLINE_CLOCKS = [
  'signFor',
  'handle',
  'assistOpinion',
  'returnWindow',
  'extensionDecision',
  'callback',
  'reReviewWindow',
  'escalateToSupervisor',
  'escalateToLeadership',
] as const;
export type DeadlineClock = (typeof DEADLINE_CLOCKS)[number];
