// Messages between an opinion poll campaign's workflow (民意调查), the poll webhooks and the API.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { CALL_END_STATUSES, type CallEndStatus } from '../callback/definitions';

export { CALL_END_STATUSES, type CallEndStatus };

/** Who gave a human command: kept on the campaign's audit row. */
export interface PollActor {
  sub: string;
  username: string;
  roles: string[];
  unitId: string | null;
}

export interface PollCommand {
  actor: PollActor;
  reason: string | null;
}

/** Telephony → poll workflow: a poll call is over (Twilio's final status callback). */
export interface PollCallEnded {
  targetId: string;
  callSid: string;
  outcome: CallEndStatus;
}

/** Where the campaign stands, as the workflow sees it. */
export interface PollProgress {
  status: 'running' | 'paused' | 'cancelling';
  inFlight: number;
  waiting: number;
  done: number;
}

export const pollCallEndedSignal = defineSignal<[PollCallEnded]>('pollCallEnded');
/** API → poll workflow: stop placing new calls (calls under way finish). Refused unless running. */
export const pausePollUpdate = defineUpdate<void, [PollCommand]>('pausePoll');
/** API → poll workflow: place calls again. Refused unless paused. */
export const resumePollUpdate = defineUpdate<void, [PollCommand]>('resumePoll');
/** API → poll workflow: no new calls; numbers not yet reached are cancelled. Refused once cancelling. */
export const cancelPollUpdate = defineUpdate<void, [PollCommand]>('cancelPoll');
export const pollProgressQuery = defineQuery<PollProgress>('pollProgress');

export function pollWorkflowId(campaignId: string): string {
  return `poll:${campaignId}`;
}
