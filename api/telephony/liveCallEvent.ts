// One frame of GET /api/telephony/live (api/telephony/liveStream.ts) as the stream builds it:
// the contract the console's live call banner reads.
import type { LiveCallNotice } from '../twilio/calls/liveFeed';

export interface LiveCallEvent extends LiveCallNotice {
  fromNumber: string;
  toNumber: string;
  queuedAt: Date | null;
  caseId: string | null;
  /** `ringing` only: the caller's earlier cases, newest first. */
  callerHistory?: { id: string; title: string; status: string; receivedAt: Date }[];
}
