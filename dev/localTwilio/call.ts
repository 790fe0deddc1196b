// One call as Twilio's side sees it: status, who is on it, what the caller will do next (the
// script's answers), what happened (the log tests read), and the controls that cut into the
// running TwiML (REST update: redirect or hang up; the caller hanging up).
import type { CallAudio } from './audio';
import type { MediaStreamRun } from './mediaStream';
import type { CallerAnswer, StreamEnd } from './script';
import { newSid } from './sids';
import type { HttpMethod } from './webhooks';

export type CallStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled';
/** outbound-dial: the child leg a <Dial> places from a parent call. */
export type CallDirection = 'inbound' | 'outbound-api' | 'outbound-dial';

export const FINAL_STATUSES: readonly CallStatus[] = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];

/** One event of a call: a verb carried out, a webhook and its answer, a status change. */
export interface CallLogEntry {
  /** Milliseconds since the call was created. */
  atMs: number;
  kind: string;
  [detail: string]: unknown;
}

export interface StatusCallback {
  url: string;
  method: HttpMethod;
  /** initiated, ringing, answered, completed (completed is always sent). */
  events: Set<string>;
}

/** Where the call goes next when the running TwiML is cut: a URL, inline TwiML, or the end. */
export type CallJump = { kind: 'url'; url: string; method: HttpMethod; params?: Record<string, string> } | { kind: 'twiml'; twiml: string } | { kind: 'hangup' };

export interface CallSetup {
  direction: CallDirection;
  from: string;
  to: string;
  accountSid: string;
  /** The caller's (or the called phone's) answers, consumed in order; may be shared between calls. */
  answers: CallerAnswer[];
  audioPath?: string;
  holdMs?: number;
  streamEnd: StreamEnd;
  statusCallback?: StatusCallback;
  /** Progress events whose status callback is posted after the final one (out of order). */
  lateEvents?: ReadonlySet<string>;
  phoneNumberSid?: string;
  /** A <Dial>'s child leg: the call that dialled it. */
  parentCallSid?: string;
}

export class LocalCall {
  readonly sid = newSid('CA');
  readonly createdAt = new Date();
  status: CallStatus;
  answeredAt: Date | null = null;
  endedAt: Date | null = null;
  readonly log: CallLogEntry[] = [];
  readonly streams: MediaStreamRun[] = [];
  readonly recordingSids: string[] = [];
  audio: CallAudio | null = null;
  /** The TwiML document being executed (its URL resolves relative action URLs). */
  documentUrl: string | null = null;
  callbackSequence = 0;
  /** Status callbacks held back by `lateEvents`, posted after the final one. */
  readonly lateCallbacks: { event: string; url: string; method: HttpMethod; params: Record<string, string> }[] = [];
  twimlRequests = 0;
  /** Set by <Reject> before the call was answered: the status it ends with. */
  rejectedAs: 'busy' | 'no-answer' | null = null;
  private readonly background: Promise<unknown>[] = [];
  private controller = new AbortController();
  private jumpTarget: CallJump | null = null;
  private resolveFinished!: () => void;
  /** Settles after the call ended and its final status callback was answered. */
  readonly finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));

  constructor(readonly setup: CallSetup) {
    this.status = setup.direction === 'inbound' ? 'ringing' : 'queued';
  }

  get direction(): CallDirection {
    return this.setup.direction;
  }

  /** Aborted when the running TwiML must stop: a redirect, a hang-up. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isOver(): boolean {
    return FINAL_STATUSES.includes(this.status);
  }

  get durationSec(): number {
    if (!this.answeredAt) return 0;
    return Math.round(((this.endedAt ?? new Date()).getTime() - this.answeredAt.getTime()) / 1000);
  }

  record(kind: string, detail: Record<string, unknown> = {}): void {
    this.log.push({ atMs: Date.now() - this.createdAt.getTime(), kind, ...detail });
  }

  /**
   * The caller's next answer if `accepts` takes it (it is then used up); an answer meant for
   * another kind of verb stays for that verb.
   */
  takeAnswer(accepts: (answer: CallerAnswer) => boolean): CallerAnswer | undefined {
    const next = this.setup.answers[0];
    if (next === undefined || !accepts(next)) return undefined;
    this.setup.answers.shift();
    return next;
  }

  /** Cuts the running TwiML; the call continues at `jump`. */
  jump(jump: CallJump): void {
    this.jumpTarget = jump;
    this.controller.abort(new CallJumped());
  }

  get pendingJump(): CallJump | null {
    return this.jumpTarget;
  }

  /** The pending jump, once; a fresh signal for what runs next. */
  takeJump(): CallJump | null {
    const jump = this.jumpTarget;
    this.jumpTarget = null;
    if (this.controller.signal.aborted) this.controller = new AbortController();
    return jump;
  }

  /** Work that must be done before the call counts as finished (e.g. a recording status callback). */
  track(work: Promise<unknown>): void {
    this.background.push(work);
  }

  async settleBackground(): Promise<void> {
    while (this.background.length > 0) await Promise.allSettled(this.background.splice(0));
  }

  markFinished(): void {
    this.resolveFinished();
  }
}

/** The reason a verb's wait was cut short by a redirect or a hang-up. */
export class CallJumped extends Error {
  constructor() {
    super('the call was redirected or hung up');
  }
}
