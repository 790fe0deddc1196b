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
