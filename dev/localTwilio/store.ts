// Everything the endpoint knows, in memory: the account's numbers, the scripted phones, calls,
// messages, recordings, queues, and the REST requests it answered.
import type { Logger } from '../../config/logger';
import type { LocalCall } from './call';
import type { NumberConfig, PhoneScript } from './script';
import { newSid } from './sids';
import type { HttpMethod } from './webhooks';

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received';
export type MessageDirection = 'inbound' | 'outbound-api' | 'outbound-reply';

export interface MessageEvent {
  status: MessageStatus;
  at: string;
}

export interface CallbackDelivery {
  url: string;
  params: Record<string, string>;
  status: number;
  error?: string;
}

export interface LocalMessage {
  sid: string;
  from: string;
  to: string;
  body: string;
  direction: MessageDirection;
  status: MessageStatus;
  errorCode: number | null;
  errorMessage: string | null;
  numSegments: number;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
  statusCallback: { url: string; method: HttpMethod } | null;
  /** Status changes in order. */
  history: MessageEvent[];
  /** Status callbacks posted and the application's answers. */
  callbacks: CallbackDelivery[];
}

export interface LocalRecording {
  sid: string;
  callSid: string;
  wav: Buffer;
  durationMs: number;
  createdAt: Date;
  /** 2 for a dual-channel <Dial> recording. */
  channels: 1 | 2;
  /** What made it, as Twilio names it: a <Record> verb or a <Dial record>. */
  source: 'RecordVerb' | 'DialVerb';
}

export interface LocalQueue {
  sid: string;
  name: string;
  /** CallSids waiting, in arrival order. */
  members: string[];
  /** Members a <Dial><Queue> took, by CallSid, until their <Enqueue> lets them go. */
  bridges: Map<string, QueueBridge>;
}

/** A queued caller taken by a <Dial><Queue>: the two legs wait on each other through it. */
export interface QueueBridge {
  /** The dequeuing call. */
  by: LocalCall;
  /** The <Queue url> TwiML played to the caller before bridging. */
  url: string | null;
  method: HttpMethod;
  /** Set once the caller heard the <Queue url> TwiML and is connected. */
  bridgedAt: number | null;
  /** Settles when the caller is connected, or left before that (bridgedAt stays null). */
  settled: Promise<void>;
  settle(): void;
  /** Settles when the caller leaves the bridge (redirected, hung up). */
  callerLeft: Promise<void>;
  markCallerLeft(): void;
  /** Settles when the dequeuing call leaves it. */
  dequeuerLeft: Promise<void>;
  markDequeuerLeft(): void;
}

export interface NumberEntry extends NumberConfig {
  sid: string;
  number: string;
}

/** A Twilio operation a fault can be injected into. */
export type FaultOperation = 'createMessage' | 'createCall';

/**
 * An injected failure: the next requests of an operation (to one number, or any) are answered
 * with Twilio's error for that HTTP status instead of being carried out.
 */
export interface RestFault {
  id: number;
  operation: FaultOperation;
  /** Only requests to this `To`; null: any. */
  to: string | null;
  status: 429 | 500 | 503;
  /** Requests still to fail; null: until the fault is cleared (an outage). */
  remaining: number | null;
  /** Requests it failed so far. */
  failed: number;
}

export interface PhoneEntry {
  script: PhoneScript;
  callsPlaced: number;
}

/** One REST request and the answer given, kept for inspection (the Twilio console's request log). */
export interface RestExchange {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  status: number;
  response: unknown;
}

export interface Timing {
  /** Scale of <Pause length>: 1 waits the seconds given. */
  pauseScale: number;
  /** Scale of the time a <Record> takes: 1 waits as long as the caller speaks. */
  recordScale: number;
  /** Least time between two runs of an <Enqueue waitUrl> document. */
  queueWaitLoopMs: number;
  /** How long a caller without holdMs waits in a queue. */
  maxHoldMs: number;
  /** Time between two steps of a message's lifecycle (queued → sent → delivered). */
  messageStepMs: number;
  webhookTimeoutMs: number;
  /** TwiML documents one call may fetch before the caller gives up (guards redirect loops). */
  maxTwimlRequests: number;
}

export const DEFAULT_TIMING: Timing = {
  pauseScale: 1,
  recordScale: 1,
  queueWaitLoopMs: 1000,
  maxHoldMs: 10 * 60_000,
  messageStepMs: 100,
  webhookTimeoutMs: 15_000,
  maxTwimlRequests: 200,
};

export class LocalStore {
  readonly numbers = new Map<string, NumberEntry>();
  readonly phones = new Map<string, PhoneEntry>();
  readonly calls = new Map<string, LocalCall>();
  readonly messages = new Map<string, LocalMessage>();
  readonly recordings = new Map<string, LocalRecording>();
  readonly queues = new Map<string, LocalQueue>();
  readonly restLog: RestExchange[] = [];
  readonly faults: RestFault[] = [];

  queue(name: string): LocalQueue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = { sid: newSid('QU'), name, members: [], bridges: new Map() };
      this.queues.set(name, queue);
    }
    return queue;
  }
}

export interface LocalTwilioContext {
  accountSid: string;
  authToken: string;
  /** This endpoint's own base URL (RecordingUrl and resource URLs point here). */
  baseUrl(): string;
  timing: Timing;
  store: LocalStore;
  log: Logger;
}
