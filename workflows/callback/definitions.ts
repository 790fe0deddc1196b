// Messages between a case, its callback (回访) child workflow and the telephony layer.
import { defineSignal } from '@temporalio/workflow';
import type { Satisfaction } from '../rules/lifecycle/types';

export interface SurveyAnswer {
  satisfaction: Satisfaction;
  resolved: boolean | null;
  method: 'phoneCall' | 'sms';
}

/** Telephony → callback workflow: the citizen answered the survey (keypad or SMS reply). */
export const surveyAnsweredSignal = defineSignal<[SurveyAnswer]>('surveyAnswered');
/** Case → callback workflow: an operator recorded the callback; stop calling. */
export const callbackStopSignal = defineSignal('callbackStop');

/** Callback workflow → case. */
export const callbackAnsweredSignal = defineSignal<[{ callbackId: string } & SurveyAnswer]>('callbackAnswered');
export const callbackExhaustedSignal = defineSignal<[{ callbackId: string; attempts: number }]>('callbackExhausted');

export function callbackWorkflowId(callbackId: string): string {
  return `callback:${callbackId}`;
}
