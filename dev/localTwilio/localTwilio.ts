// The local Twilio as the tests and its control API see it: numbers, scripted phones, calls,
// messages, recordings and injected REST faults over the shared store (startLocalTwilio in
// index.ts serves it).
import { rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Logger } from '../../config/logger';
import { loadCallAudio, speakToWav, toneWav, wavToCallAudio } from './audio';
import { startInboundCall } from './callFlows';
import { LocalTwilioError } from './errors';
import { receiveSms } from './messaging';
import {
  inboundCallSchema,
  inboundSmsSchema,
  numberConfigSchema,
  phoneScriptSchema,
  restFaultSchema,
  type InboundCallInput,
  type InboundSmsInput,
  type NumberConfigInput,
  type PhoneScriptInput,
  type RestFaultInput,
} from './script';
import { newSid } from './sids';
import type { LocalTwilioContext, MessageStatus, NumberEntry, RestExchange, RestFault, Timing } from './store';
import { callView, messageView, type CallView, type MessageView } from './views';


export interface LocalTwilioOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  accountSid: string;
  authToken: string;
  /**
   * The product's base URL: the account's numbers default to its /telephony/voice/incoming,
   * /telephony/voice/status and /telephony/sms/incoming.
   */
  webhookBaseUrl?: string;
  /** The account's numbers (the hotline); default +8653112345. */
  numbers?: string[];
  /** Where this endpoint is reached (RecordingUrl); default its listening address. */
  publicUrl?: string;
  timing?: Partial<Timing>;
  log?: Logger;
}


export interface InboundSmsView {
  messageSid: string;
  webhook: { url: string; status: number; body: string; error?: string };
  replies: MessageView[];
  error: string | null;
}

export interface MessageFilter {
  to?: string;
  from?: string;
  status?: MessageStatus | MessageStatus[];
  bodyIncludes?: string;
}

export class LocalTwilio {
  readonly url: string;
  private faultCount = 0;

  constructor(private readonly server: Server, readonly context: LocalTwilioContext, url: string, private readonly audioDir: string) {
    this.url = url;
  }

  get accountSid(): string {
    return this.context.accountSid;
  }

  /** Sets where a number of the account sends its calls and messages (unset fields keep their value). */
  configureNumber(number: string, config: NumberConfigInput): NumberEntry {
    const current = this.context.store.numbers.get(number);
    const parsed = numberConfigSchema.parse({ ...(current ? stripEntry(current) : {}), ...config });
    const entry: NumberEntry = { ...parsed, number, sid: current?.sid ?? newSid('PN') };
    this.context.store.numbers.set(number, entry);
    return entry;
  }

  numbers(): NumberEntry[] {
    return [...this.context.store.numbers.values()];
  }

  /** How a phone the endpoint calls or texts behaves; replaces its previous script and call count. */
  scriptPhone(number: string, script: PhoneScriptInput): void {
    this.context.store.phones.set(number, { script: phoneScriptSchema.parse(script), callsPlaced: 0 });
  }

  /** A simulated caller dials a number of the account; returns the CallSid at once. */
  placeCall(input: InboundCallInput): string {
    const { from, to, script } = inboundCallSchema.parse(input);
    const number = this.context.store.numbers.get(to);
    if (!number) throw new LocalTwilioError(404, 'to', `${to} is not a number of this account`);
    if (!number.voiceUrl) throw new LocalTwilioError(409, 'to', `${to} has no voiceUrl`);
    return startInboundCall(this.context, from, { ...number, voiceUrl: number.voiceUrl }, script).sid;
  }

  call(sid: string): CallView | null {
    const call = this.context.store.calls.get(sid);
    return call ? callView(call) : null;
  }

  calls(): CallView[] {
    return [...this.context.store.calls.values()].map(callView);
  }

  /** The call once it ended and its final status callback was answered. */
  async waitForCall(sid: string, timeoutMs = 60_000): Promise<CallView> {
    const call = this.context.store.calls.get(sid);
    if (!call) throw new LocalTwilioError(404, 'sid', `no call ${sid}`);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([call.finished, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') throw new LocalTwilioError(408, 'sid', `call ${sid} still ${call.status} after ${timeoutMs} ms`);
    return callView(call);
  }

  /** The citizen's phone texts a number of the account; settles once the application answered. */
  async sendSms(input: InboundSmsInput): Promise<InboundSmsView> {
    const { from, to, body } = inboundSmsSchema.parse(input);
    const number = this.context.store.numbers.get(to);
    if (!number) throw new LocalTwilioError(404, 'to', `${to} is not a number of this account`);
    if (!number.smsUrl) throw new LocalTwilioError(409, 'to', `${to} has no smsUrl`);
    const result = await receiveSms(this.context, from, { ...number, smsUrl: number.smsUrl }, body);
    return { ...result, replies: result.replies.map(messageView) };
  }

  /** Messages (both directions), oldest first. */
  messages(filter: MessageFilter = {}): MessageView[] {
    const statuses = filter.status === undefined ? null : Array.isArray(filter.status) ? filter.status : [filter.status];
    return [...this.context.store.messages.values()]
      .filter((m) => (!filter.to || m.to === filter.to) && (!filter.from || m.from === filter.from) && (!statuses || statuses.includes(m.status)) && (!filter.bodyIncludes || m.body.includes(filter.bodyIncludes)))
      .map(messageView);
  }

  /** The first message matching, polling until it exists. */
  async waitForMessage(filter: MessageFilter, timeoutMs = 30_000): Promise<MessageView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages(filter)[0];
      if (found) return found;
      if (Date.now() > deadline) throw new LocalTwilioError(408, null, `no message matching ${JSON.stringify(filter)} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  recording(sid: string): { wav: Buffer; durationMs: number; callSid: string } | null {
    const recording = this.context.store.recordings.get(sid);
    return recording ? { wav: recording.wav, durationMs: recording.durationMs, callSid: recording.callSid } : null;
  }

  /** REST requests answered (newest last), as the Twilio console's request log shows them. */
  restRequests(): RestExchange[] {
    return [...this.context.store.restLog];
  }

  /**
   * Fault injection: the next `count` requests of an operation (to `to`, or any), or every one
   * until `clearFaults()` when `count` is unset, are answered with Twilio's error for `status`
   * (500 → 20500, 503 → 20503, 429 → 20429) and create nothing. Faults apply oldest first.
   */
  failRequests(input: RestFaultInput): RestFault {
    const parsed = restFaultSchema.parse(input);
    const fault: RestFault = { id: ++this.faultCount, operation: parsed.operation, to: parsed.to ?? null, status: parsed.status, remaining: parsed.count ?? null, failed: 0 };
    this.context.store.faults.push(fault);
    return fault;
  }

  /** Faults still in force. */
  faults(): RestFault[] {
    return this.context.store.faults.map((fault) => ({ ...fault }));
  }

  clearFaults(): void {
    this.context.store.faults.splice(0);
  }

  /** Stores an uploaded WAV as caller audio; rejects what is not a WAV. */
  async saveAudio(bytes: Buffer): Promise<{ audioPath: string; durationMs: number }> {
    let durationMs: number;
    try {
      durationMs = wavToCallAudio(bytes).durationMs;
    } catch (error) {
      throw new LocalTwilioError(400, 'audio', (error as Error).message);
    }
    const audioPath = path.join(this.audioDir, `${newSid('RE').slice(2)}.wav`);
    await writeFile(audioPath, bytes);
    return { audioPath, durationMs };
  }

  /** Caller audio from text: espeak-ng + sox when installed, else a tone of the text's rough length. */
  async speak(text: string): Promise<{ audioPath: string; durationMs: number; source: 'espeak-ng' | 'tone' }> {
    const spoken = await speakToWav(text, this.audioDir);
    if (spoken) {
      const { durationMs } = await loadCallAudio(spoken);
      return { audioPath: spoken, durationMs, source: 'espeak-ng' };
    }
    const saved = await this.saveAudio(toneWav(Math.min(30_000, 300 * [...text].length + 500)));
    return { ...saved, source: 'tone' };
  }

  /** Hangs up calls still running, then stops listening. */
  async close(): Promise<void> {
    const running = [...this.context.store.calls.values()].filter((call) => !call.isOver);
    for (const call of running) call.jump({ kind: 'hangup' });
    await Promise.race([Promise.all(running.map((call) => call.finished)), new Promise((resolve) => setTimeout(resolve, 3000))]);
    await new Promise<void>((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
    await rm(this.audioDir, { recursive: true, force: true });
  }
}

function stripEntry(entry: NumberEntry): NumberConfigInput {
  const { sid: _sid, number: _number, ...config } = entry;
  return config;
}

