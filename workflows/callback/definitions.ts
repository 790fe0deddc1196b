// Messages between a case, its callback (回访) child workflow and the telephony layer.
import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Satisfaction } from '../../rules/lifecycle/types';

export interface SurveyAnswer {
  satisfaction: Satisfaction;
  resolved: boolean | null;
  /** `sms` also for an answer through the signed link the survey SMS carries. */
  method: 'phoneCall' | 'sms';
  /** The citizen's own words (web answers). */
  comment?: string | null;
  /** Keypad answers: the survey call that took it (an answer from another call is ignored). */
  callSid?: string;
  /**
   * Keypad answers: the call goes on to ask "resolved?" (a second key), which arrives as
   * `surveyResolvedSignal`; the callback waits for it (or the call's end) before it reports.
   */
  resolutionAsked?: boolean;
}

/** The second key of a survey call: 1 resolved, 2 not; null when no valid key came. */
export interface SurveyResolved {
  callSid: string;
  resolved: boolean | null;
}

/** How a survey call ended, as Twilio's final CallStatus says. */
export const CALL_END_STATUSES = ['completed', 'no-answer', 'busy', 'failed', 'canceled'] as const;
export type CallEndStatus = (typeof CALL_END_STATUSES)[number];

export interface SurveyCallEnded {
  callSid: string;
  outcome: CallEndStatus;
}

/** Telephony → callback workflow: the citizen answered the survey (keypad or SMS reply). */
export const surveyAnsweredSignal = defineSignal<[SurveyAnswer]>('surveyAnswered');
/** Telephony → callback workflow: the citizen's answer to the call's "resolved?" question. */
export const surveyResolvedSignal = defineSignal<[SurveyResolved]>('surveyResolved');
/**
 * Public API → callback workflow: the citizen answered through the survey link. The same answer
 * as the signal, but acknowledged: refused with `alreadyAnswered` after an answer, and with
 * `surveyClosed` once the attempts are over or an operator took over.
 */
export const answerSurveyUpdate = defineUpdate<void, [SurveyAnswer]>('answerSurvey');
/**
 * Telephony → callback workflow: a survey call is over (Twilio's status callback). Ends the
 * wait for that call at once; for a call that is not the current attempt's it is ignored.
 */
export const surveyCallEndedSignal = defineSignal<[SurveyCallEnded]>('surveyCallEnded');
/** Case → callback workflow: an operator recorded the callback; stop calling. */
export const callbackStopSignal = defineSignal('callbackStop');

/** Callback workflow → case. */
export const callbackAnsweredSignal = defineSignal<[{ callbackId: string } & SurveyAnswer]>('callbackAnswered');
export const callbackExhaustedSignal = defineSignal<[{ callbackId: string; attempts: number }]>('callbackExhausted');

export function callbackWorkflowId(callbackId: string): string {
  return `callback:${callbackId}`;
}
