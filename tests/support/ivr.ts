// Plays Twilio's side of an inbound call against the API: signed form posts with Twilio's
// parameters, the TwiML answers parsed (fast-xml-parser), and the next step's URL taken from
// them as Twilio would. Also reads the operators' live feed (Server-Sent Events) with fetch.
import { randomBytes, randomInt } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { testPrisma } from './db';
import { TEST_HOTLINE_NUMBER, TEST_TWILIO_ACCOUNT_SID, postSignedWebhook } from './twilio';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', textNodeName: 'text', isArray: (name) => ['Say', 'Gather', 'Redirect', 'Parameter', 'Pause'].includes(name) });

export type TwimlNode = Record<string, any>;

export interface TwimlAnswer {
  status: number;
  xml: string;
  /** The <Response> element. */
  doc: TwimlNode;
}

/** Every <Say> text, nested ones (inside <Gather>) included, in document order by element kind. */
export function spokenTexts(doc: TwimlNode): string[] {
  const texts: string[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as TwimlNode)) {
      if (key === 'Say') for (const say of value as TwimlNode[]) texts.push(typeof say === 'string' ? say : say.text);
      else if (typeof value === 'object') (Array.isArray(value) ? value : [value]).forEach(visit);
    }
  };
  visit(doc);
  return texts;
}

export const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;
export const newRecordingSid = () => `RE${randomBytes(16).toString('hex')}`;
export const randomMobile = () => `+86139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

export class SimulatedCall {
  readonly callSid = newCallSid();

  constructor(
    readonly apiUrl: string,
    readonly from = randomMobile(),
  ) {}

  params(extra: Record<string, string> = {}): Record<string, string> {
    return { AccountSid: TEST_TWILIO_ACCOUNT_SID, CallSid: this.callSid, From: this.from, To: TEST_HOTLINE_NUMBER, CallStatus: 'in-progress', Direction: 'inbound', ApiVersion: '2010-04-01', ...extra };
  }

  /** Posts to a path under the API or to an absolute URL (a TwiML action). */
  async post(pathOrUrl: string, extra: Record<string, string> = {}): Promise<TwimlAnswer> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.apiUrl}${pathOrUrl}`;
    const response = await postSignedWebhook(url, this.params(extra));
    const xml = await response.text();
    const parsed = response.headers.get('content-type')?.includes('xml') ? parser.parse(xml) : {};
    return { status: response.status, xml, doc: parsed.Response ?? {} };
  }

  incoming(): Promise<TwimlAnswer> {
    return this.post('/telephony/voice/incoming', { CallStatus: 'ringing' });
  }

  /** Answers the first <Gather> of a TwiML document, as the caller's keys or speech. */
  answer(previous: TwimlAnswer, input: { Digits?: string; SpeechResult?: string }): Promise<TwimlAnswer> {
    const gather = previous.doc.Gather?.[0];
    if (!gather) throw new Error(`no <Gather> to answer in ${previous.xml}`);
    const extra: Record<string, string> = {};
    if (input.Digits !== undefined) extra.Digits = input.Digits;
    if (input.SpeechResult !== undefined) Object.assign(extra, { SpeechResult: input.SpeechResult, Confidence: '0.92' });
    return this.post(gather.action as string, extra);
  }
}

export interface LiveEvent {
  type: string;
  data: any;
}

/** The operators' feed as a fetch-based reader sees it. */
export class LiveFeedReader {
  readonly events: LiveEvent[] = [];
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];

  static async open(url: string, token: string): Promise<LiveFeedReader> {
    const reader = new LiveFeedReader();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: reader.controller.signal });
    if (response.status !== 200 || !response.body) throw new Error(`live feed answered ${response.status}`);
    void reader.read(response.body);
    await reader.next((e) => e.type === 'ready');
    return reader;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (type && data) this.events.push({ type, data: JSON.parse(data) });
          this.waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // Aborted by close().
    }
  }

  /** The first event (seen or to come) matching `match`. */
  async next(match: (event: LiveEvent) => boolean, timeoutMs = 10_000): Promise<LiveEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching live event; saw ${JSON.stringify(this.events.map((e) => e.type))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  close(): void {
    this.controller.abort();
  }
}

/** Operators on their seats whatever the time of day the suite runs (restored afterwards). */
export function useSeatHoursAllDay(): void {
  let original: unknown;
  before(async () => {
    const row = await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key: 'ivr.seatHours' } });
    original = row.value;
    await testPrisma().ruleSetting.update({ where: { key: 'ivr.seatHours' }, data: { value: { start: '00:00', end: '24:00', timeZone: 'Asia/Shanghai' } } });
  });
  after(async () => {
    await testPrisma().ruleSetting.update({ where: { key: 'ivr.seatHours' }, data: { value: original as never } });
  });
}

/** `ivr.knowledgePlaybackCount` for the suite (restored afterwards); 0: option 1 queues at once. */
export function useKnowledgePlayback(count: number): void {
  let original: unknown;
  before(async () => {
    const row = await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key: 'ivr.knowledgePlaybackCount' } });
    original = row.value;
    await testPrisma().ruleSetting.update({ where: { key: 'ivr.knowledgePlaybackCount' }, data: { value: count } });
  });
  after(async () => {
    await testPrisma().ruleSetting.update({ where: { key: 'ivr.knowledgePlaybackCount' }, data: { value: original as never } });
  });
}
