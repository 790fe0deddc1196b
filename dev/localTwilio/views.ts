// What the control API (and tests) see of calls and messages: everything that happened, in order.
import type { CallLogEntry, CallStatus, CallDirection, LocalCall } from './call';
import type { StreamStats } from './mediaStream';
import type { LocalMessage } from './store';

export interface CallView {
  sid: string;
  direction: CallDirection;
  /** A <Dial>'s child leg: the call that dialled it. */
  parentCallSid: string | null;
  from: string;
  to: string;
  status: CallStatus;
  createdAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSec: number | null;
  /** The texts of every <Say>, in order (what the caller heard). */
  said: string[];
  recordingSids: string[];
  streams: StreamStats[];
  log: CallLogEntry[];
}

export function callView(call: LocalCall): CallView {
  return {
    sid: call.sid,
    direction: call.direction,
    parentCallSid: call.setup.parentCallSid ?? null,
    from: call.setup.from,
    to: call.setup.to,
    status: call.status,
    createdAt: call.createdAt.toISOString(),
    answeredAt: call.answeredAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    durationSec: call.endedAt ? call.durationSec : null,
    said: call.log.filter((entry) => entry.kind === 'say').map((entry) => String(entry.text)),
    recordingSids: [...call.recordingSids],
    streams: call.streams.map((run) => ({ ...run.stats })),
    log: call.log.map((entry) => ({ ...entry })),
  };
}

/** A message as tests and the control API see it: the stored one, dates as ISO strings. */
export type MessageView = Pick<LocalMessage, 'sid' | 'from' | 'to' | 'body' | 'direction' | 'status' | 'errorCode' | 'errorMessage' | 'history' | 'callbacks'> & {
  dateCreated: string;
};

export function messageView(message: LocalMessage): MessageView {
  return {
    sid: message.sid,
    from: message.from,
    to: message.to,
    body: message.body,
    direction: message.direction,
    status: message.status,
    errorCode: message.errorCode,
    errorMessage: message.errorMessage,
    dateCreated: message.dateCreated.toISOString(),
    history: [...message.history],
    callbacks: [...message.callbacks],
  };
}
