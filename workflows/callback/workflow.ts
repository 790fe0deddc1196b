// One satisfaction callback (回访) as a child workflow: up to N attempts, by phone call and then
// by SMS, each waiting a while for the citizen's answer. The answer (or the end of the attempts)
// goes back to the case, which records it; an operator recording the callback by hand stops it.
import { ApplicationFailure, condition, getExternalWorkflowHandle, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CallbackActivities } from '../../activities/callbacks';
import { answerSurveyUpdate, callbackAnsweredSignal, callbackExhaustedSignal, callbackStopSignal, surveyAnsweredSignal, type SurveyAnswer } from './definitions';

const activities = proxyActivities<CallbackActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export interface CallbackInput {
  caseWorkflowId: string;
  caseId: string;
  callbackId: string;
  maxAttempts: number;
  attemptWaitMinutes: number;
}

export interface CallbackOutcome {
  callbackId: string;
  outcome: 'answered' | 'unreachable' | 'stopped';
  attempts: number;
}

export async function callbackWorkflow(input: CallbackInput): Promise<CallbackOutcome> {
  let answer: SurveyAnswer | null = null;
  let stopped = false;
  /** Cleared when the last wait has ended unanswered: an answer after it would be lost. */
  let accepting = true;
  setHandler(surveyAnsweredSignal, (a) => {
    answer ??= a;
  });
  setHandler(
    answerSurveyUpdate,
    (a) => {
      answer = a;
    },
    {
      validator: (_answer: SurveyAnswer) => {
        if (answer !== null) throw ApplicationFailure.create({ type: 'alreadyAnswered', message: 'this survey has already been answered', nonRetryable: true });
        if (stopped || !accepting) throw ApplicationFailure.create({ type: 'surveyClosed', message: 'this survey has ended', nonRetryable: true });
      },
    },
  );
  setHandler(callbackStopSignal, () => {
    stopped = true;
  });
  const caseWorkflow = getExternalWorkflowHandle(input.caseWorkflowId);

  for (let attemptNo = 1; attemptNo <= input.maxAttempts; attemptNo++) {
    // Calls first; the last attempt is an SMS the citizen can answer at leisure.
    const method = attemptNo < input.maxAttempts ? 'phoneCall' : 'sms';
    await activities.requestSurvey({ caseId: input.caseId, callbackId: input.callbackId, attemptNo, method });
    await condition(() => answer !== null || stopped, `${input.attemptWaitMinutes} minutes`);
    if (stopped) return { callbackId: input.callbackId, outcome: 'stopped', attempts: attemptNo };
    // Set by the signal handler meanwhile (TypeScript cannot see that).
    const answered = answer as SurveyAnswer | null;
    if (!answered && attemptNo === input.maxAttempts) accepting = false;
    await activities.recordSurveyAttempt({ callbackId: input.callbackId, attemptNo, outcome: answered ? 'answered' : 'noAnswer' });
    if (answered) {
      await caseWorkflow.signal(callbackAnsweredSignal, { callbackId: input.callbackId, ...answered });
      return { callbackId: input.callbackId, outcome: 'answered', attempts: attemptNo };
    }
  }
  await caseWorkflow.signal(callbackExhaustedSignal, { callbackId: input.callbackId, attempts: input.maxAttempts });
  return { callbackId: input.callbackId, outcome: 'unreachable', attempts: input.maxAttempts };
}
