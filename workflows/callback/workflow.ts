// One satisfaction callback (回访) as a child workflow. The citizen is called (each call plays the
// survey, gathers a keypad answer, then asks whether the problem was resolved) up to N times,
// with a pause between unanswered calls; then the survey goes by SMS and waits; then the
// citizen is unreachable. The answer (or the end of the attempts) goes back to the case, which
// records it; an operator recording the callback by hand stops it. Callbacks started before the
// `callback-calls` patch keep their old path: N attempts (requests for calls nobody placed, the
// last by SMS), each waiting the same time.
import { ActivityFailure, ApplicationFailure, condition, getExternalWorkflowHandle, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CallbackActivities } from '../../activities/callbacks';
import type { AttemptOutcome, CallbackCallActivities, PlacedCall } from '../../activities/callbackCalls';
import {
  answerSurveyUpdate,
  callbackAnsweredSignal,
  callbackExhaustedSignal,
  callbackStopSignal,
  surveyAnsweredSignal,
  surveyCallEndedSignal,
  surveyResolvedSignal,
  type CallEndStatus,
  type SurveyAnswer,
} from './definitions';
import { retryStuckStepsSignal } from '../stuckSteps/definitions';
import { createStepGuard, GUARDED_ACTIVITY_RETRY } from '../stuckSteps/guard';
import { createAlarms } from '../alarms';

// Guarded (../stuckSteps/guard.ts): a write that keeps failing is reported and waits, rather
// than retrying in silence while the case waits for its callback.
const activities = proxyActivities<CallbackActivities & Omit<CallbackCallActivities, 'placeSurveyCall'>>({
  startToCloseTimeout: '1 minute',
  retry: GUARDED_ACTIVITY_RETRY,
});

const calling = proxyActivities<Pick<CallbackCallActivities, 'placeSurveyCall'>>({
  startToCloseTimeout: '30 seconds',
  // A call Twilio cannot take after a few tries counts as a failed attempt: the next call (or
  // the SMS) follows in its turn instead of the callback stalling while Twilio is away.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 3 },
});

/** Patch: the phone attempts are real calls, then the SMS, each unanswered call ending its wait. */
const CALLBACK_CALLS = 'callback-calls';
/** Patch: a keypad answer is followed by the call's "resolved?" question, which the callback waits for. */
const SURVEY_RESOLUTION = 'survey-resolution';
/** The longest wait for the second key after the first (the call's end ends it sooner). */
const RESOLUTION_WAIT_MINUTES = 3;
/** For callbacks whose case loaded its rules before `callback.callRetryMinutes` existed. */
const DEFAULT_CALL_RETRY_MINUTES = 30;

export interface CallbackInput {
  caseWorkflowId: string;
  caseId: string;
  callbackId: string;
  /** Calls to place (before the patch: attempts in all, the last by SMS). */
  maxAttempts: number;
  /** How long the SMS (and, at most, one call) waits for the citizen's answer. */
  attemptWaitMinutes: number;
  /** Pause after an unanswered call before the next one. */
  callRetryMinutes?: number;
}

export interface CallbackOutcome {
  callbackId: string;
  outcome: 'answered' | 'unreachable' | 'stopped';
  attempts: number;
}

export async function callbackWorkflow(input: CallbackInput): Promise<CallbackOutcome> {
  const placesCalls = patched(CALLBACK_CALLS);
  let answer: SurveyAnswer | null = null;
  let stopped = false;
  /** Cleared when the last wait has ended unanswered: an answer after it would be lost. */
  let accepting = true;
  /** The survey call under way, and what was heard of calls before their CallSid was known here. */
  let currentCallSid: string | null = null;
  const earlyAnswers = new Map<string, SurveyAnswer>();
  const endedCalls = new Map<string, CallEndStatus>();
  const resolutions = new Map<string, boolean | null>();

  setHandler(surveyAnsweredSignal, (a) => {
    if (!placesCalls || a.callSid === undefined) {
      answer ??= a;
    } else if (a.callSid === currentCallSid) {
      answer ??= a;
    } else if (!earlyAnswers.has(a.callSid)) {
      earlyAnswers.set(a.callSid, a);
    }
  });
  setHandler(surveyResolvedSignal, ({ callSid, resolved }) => {
    if (!resolutions.has(callSid)) resolutions.set(callSid, resolved);
  });
  setHandler(surveyCallEndedSignal, ({ callSid, outcome }) => {
    if (!endedCalls.has(callSid)) endedCalls.set(callSid, outcome);
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
  const alarms = createAlarms();
  /** Waits for `wake` at most `minutes`. */
  const waitAtMost = (wake: () => boolean, minutes: number) => alarms.waitFor(wake, Date.now() + minutes * 60_000);
  const guard = createStepGuard({ workflowId: workflowInfo().workflowId, caseId: input.caseId }, alarms);
  setHandler(retryStuckStepsSignal, () => guard.retryNow());
  const guarded = <T>(run: () => Promise<T>) => guard.persist('callback', run);
  const caseWorkflow = getExternalWorkflowHandle(input.caseWorkflowId);
  const answeredOrStopped = () => answer !== null || stopped;
  // Set by the signal handlers meanwhile (TypeScript cannot see that).
  const answerNow = () => answer as SurveyAnswer | null;

  const finishAnswered = async (answered: SurveyAnswer, attempts: number): Promise<CallbackOutcome> => {
    const { callSid: _callSid, resolutionAsked: _asked, ...plain } = answered;
    await caseWorkflow.signal(callbackAnsweredSignal, { callbackId: input.callbackId, ...plain });
    return { callbackId: input.callbackId, outcome: 'answered', attempts };
  };
  const finishStopped = (attempts: number): CallbackOutcome => ({ callbackId: input.callbackId, outcome: 'stopped', attempts });
  const record = (attemptNo: number, method: 'phoneCall' | 'sms', outcome: AttemptOutcome) => guarded(() => activities.recordAttemptOutcome({ callbackId: input.callbackId, attemptNo, method, outcome }));

  if (!placesCalls) {
    for (let attemptNo = 1; attemptNo <= input.maxAttempts; attemptNo++) {
      // Calls first; the last attempt is an SMS the citizen can answer at leisure.
      const method = attemptNo < input.maxAttempts ? 'phoneCall' : 'sms';
      await guarded(() => activities.requestSurvey({ caseId: input.caseId, callbackId: input.callbackId, attemptNo, method }));
      await waitAtMost(answeredOrStopped, input.attemptWaitMinutes);
      if (stopped) return finishStopped(attemptNo);
      const answered = answerNow();
      if (!answered && attemptNo === input.maxAttempts) accepting = false;
      await guarded(() => activities.recordSurveyAttempt({ callbackId: input.callbackId, attemptNo, outcome: answered ? 'answered' : 'noAnswer' }));
      if (answered) return finishAnswered(answered, attemptNo);
    }
    await caseWorkflow.signal(callbackExhaustedSignal, { callbackId: input.callbackId, attempts: input.maxAttempts });
    return { callbackId: input.callbackId, outcome: 'unreachable', attempts: input.maxAttempts };
  }

  let attempts = 0;
  for (let callNo = 1; callNo <= input.maxAttempts; callNo++) {
    if (callNo > 1) {
      await waitAtMost(answeredOrStopped, input.callRetryMinutes ?? DEFAULT_CALL_RETRY_MINUTES);
      if (stopped) return finishStopped(attempts);
      // Answered meanwhile another way (an SMS reply, the web link): no further call.
      const answered = answerNow();
      if (answered) return finishAnswered(answered, attempts);
    }
    const call = await placeCall(input, callNo);
    // Nobody to call (no number, or the citizen opted out): straight to the SMS path.
    if (call.status === 'noPhone' || call.status === 'optedOut') break;
    attempts = callNo;
    let outcome: AttemptOutcome = 'failed';
    if (call.status === 'placed') {
      const callSid = call.callSid;
      currentCallSid = callSid;
      answer ??= earlyAnswers.get(callSid) ?? null;
      // The status callback ends the wait when the call ends; the wait is a cap for a lost one.
      await waitAtMost(() => answeredOrStopped() || endedCalls.has(callSid), input.attemptWaitMinutes);
      // The satisfaction key came on this call: the call now asks "resolved?"; its key (or the
      // call's end without one) completes the answer.
      const keyed = answerNow();
      if (!stopped && keyed?.callSid === callSid && keyed.resolutionAsked && patched(SURVEY_RESOLUTION)) {
        await waitAtMost(() => stopped || resolutions.has(callSid) || endedCalls.has(callSid), RESOLUTION_WAIT_MINUTES);
        answer = { ...keyed, resolved: resolutions.get(callSid) ?? null };
      }
      currentCallSid = null;
      if (stopped) {
        await record(callNo, 'phoneCall', 'stopped');
        return finishStopped(attempts);
      }
      const answered = answerNow();
      outcome = answered ? (answered.callSid === callSid ? 'answered' : 'replied') : callEndOutcome(endedCalls.get(callSid));
    }
    await record(callNo, 'phoneCall', outcome);
    const answered = answerNow();
    if (answered) return finishAnswered(answered, attempts);
  }

  if (stopped) return finishStopped(attempts);
  // The survey by SMS (with its web link), answered at leisure.
  const smsAttemptNo = attempts + 1;
  await guarded(() => activities.requestSurvey({ caseId: input.caseId, callbackId: input.callbackId, attemptNo: smsAttemptNo, method: 'sms' }));
  await waitAtMost(answeredOrStopped, input.attemptWaitMinutes);
  if (stopped) return finishStopped(smsAttemptNo);
  const answered = answerNow();
  if (!answered) accepting = false;
  await record(smsAttemptNo, 'sms', answered ? 'replied' : 'no-answer');
  if (answered) return finishAnswered(answered, smsAttemptNo);
  await caseWorkflow.signal(callbackExhaustedSignal, { callbackId: input.callbackId, attempts: smsAttemptNo });
  return { callbackId: input.callbackId, outcome: 'unreachable', attempts: smsAttemptNo };
}

/** Places one survey call; Twilio unreachable after the retries counts as a failed call. */
async function placeCall(input: CallbackInput, attemptNo: number): Promise<PlacedCall> {
  try {
    return await calling.placeSurveyCall({ caseId: input.caseId, callbackId: input.callbackId, attemptNo });
  } catch (error) {
    if (error instanceof ActivityFailure) return { status: 'failed', reason: error.cause?.message ?? error.message };
    throw error;
  }
}

/** An unanswered call's outcome: answered but hung up before a key counts as unanswered too. */
function callEndOutcome(status: CallEndStatus | undefined): AttemptOutcome {
  if (status === undefined) return 'no-answer';
  return status === 'completed' ? 'hung-up' : status;
}
