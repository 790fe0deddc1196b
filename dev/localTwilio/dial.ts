// <Dial> to a phone number (`<Dial>+86…</Dial>` or one `<Dial><Number>`) or to a queue
// (`<Dial><Queue>`, see dequeue below). To a number, Twilio places a child leg (direction
// outbound-dial) from `callerId` (default: the parent's caller) to the number, which rings the
// scripted phone there; answered, the two are bridged until the phone hangs up (its script's
// talkMs), the `timeLimit` runs out or the parent call is cut (REST update, hang-up). Then Twilio
// requests the `action` URL with DialCallStatus, DialCallSid and DialCallDuration and goes on
// with its TwiML; without an action it goes on with the next verb. `record` on a <Dial><Number>
// records the bridged call (dialRecording.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { CallJumped, LocalCall, type CallJump, type CallStatus } from './call';
import { callParams, postForCall } from './callWebhooks';
import { dialRecordMode, startDialRecording, type DialRecordMode } from './dialRecording';
import { ringPhone } from './phones';
import { E164 } from './sids';
import type { LocalQueue, LocalTwilioContext, QueueBridge } from './store';
import { intAttr, methodAttr, type TwimlNode } from './twiml';
import type { HttpMethod } from './webhooks';

/** What a <Dial> reports in DialCallStatus. */
type DialCallStatus = 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export async function dial(context: LocalTwilioContext, call: LocalCall, verb: TwimlNode, action: string | null): Promise<'next' | CallJump> {
  const nouns = verb.children;
  const unsupported = nouns.find((noun) => noun.name !== 'Number' && noun.name !== 'Queue');
  if (unsupported || nouns.length > 1) {
    call.record('unsupported', { verb: `Dial>${unsupported?.name ?? `several ${nouns[0]?.name}`}` });
    return 'next';
  }
  const queueNoun = nouns[0]?.name === 'Queue' ? nouns[0] : null;
  const recordMode = dialRecordMode(verb);
  // Recording a dequeued caller is not played here; an unknown value is not Twilio's either.
  if (recordMode === undefined || (recordMode && queueNoun)) call.record('unsupported', { verb: queueNoun ? 'Dial>Queue' : 'Dial', attr: 'record', value: verb.attrs.record });
  const { status, child, extra } = queueNoun ? await dequeue(context, call, verb, queueNoun) : { ...(await dialNumber(context, call, verb, nouns[0]?.text ?? verb.text, recordMode ?? null)), extra: {} };
  const params: Record<string, string> = {
    DialCallStatus: status,
    ...(child ? { DialCallSid: child.sid, DialCallDuration: String(child.durationSec) } : {}),
    ...extra,
  };
  call.record('dial', { event: 'ended', dialCallStatus: status, dialCallSid: child?.sid ?? null, durationSec: Number(params.DialCallDuration ?? 0), action });
  if (call.signal.aborted) {
    // The parent was cut (redirected or hung up): Twilio still reports the Dial, and ignores the answer.
    if (action) await postForCall(context, call, 'dialAction', { url: action, method: methodAttr(verb), params: { ...callParams(context, call), ...params } });
    throw new CallJumped();
  }
  return action ? { kind: 'url', url: action, method: methodAttr(verb), params } : 'next';
}

async function dialNumber(context: LocalTwilioContext, call: LocalCall, verb: TwimlNode, number: string, recordMode: DialRecordMode | null): Promise<{ status: DialCallStatus; child: LocalCall | null }> {
  const to = number.replace(/[\s-]/g, '');
  const callerId = verb.attrs.callerId ?? call.setup.from;
  if (!E164.test(to)) {
    call.record('error', { code: 13223, message: `Dial: Invalid phone number format: ${to}` });
    return { status: 'failed', child: null };
  }
  if (!isAllowedCallerId(context, call, callerId)) {
    call.record('error', { code: 13214, message: `Dial: Invalid callerId value: ${callerId}` });
    return { status: 'failed', child: null };
  }
  return bridge(context, call, verb, to, callerId, recordMode);
}

/**
 * <Dial><Queue>: takes the first caller waiting in the queue (waiting up to `timeout` for one),
 * has the <Queue url> played to them, and stays connected until they leave the bridge or this
 * call is cut. A queue never used is an error, reported as failed.
 */
async function dequeue(context: LocalTwilioContext, call: LocalCall, verb: TwimlNode, noun: TwimlNode): Promise<{ status: DialCallStatus; child: LocalCall | null; extra: Record<string, string> }> {
  const queue = context.store.queues.get(noun.text || 'default');
  if (!queue) {
    call.record('error', { code: 'queue', message: `Dial: no queue ${noun.text}` });
    return { status: 'failed', child: null, extra: {} };
  }
  const extra = { QueueSid: queue.sid };
  const deadline = Date.now() + intAttr(verb, 'timeout', 30) * 1000;
  let member: LocalCall | undefined;
  try {
    while (!(member = nextWaiting(context, queue))) {
      const rest = deadline - Date.now();
      if (rest <= 0) return { status: 'no-answer', child: null, extra };
      await sleep(Math.min(context.timing.queueWaitLoopMs, rest), undefined, { signal: call.signal });
    }
  } catch (error) {
    if (!call.signal.aborted) throw error;
    return { status: 'canceled', child: null, extra };
  }
  const bridge = newBridge(call, noun.attrs.url ? new URL(noun.attrs.url, call.documentUrl ?? undefined).toString() : null, methodAttr(noun));
  queue.bridges.set(member.sid, bridge);
  call.record('dial', { event: 'dequeuing', queue: queue.name, dialCallSid: member.sid });
  try {
    await untilSettledOrCut(bridge.settled, call);
    if (bridge.bridgedAt === null) return { status: 'failed', child: member, extra };
    call.record('dial', { event: 'bridged', dialCallSid: member.sid });
    await untilSettledOrCut(bridge.callerLeft, call).catch((error: unknown) => {
      if (!call.signal.aborted) throw error;
    });
    return { status: 'completed', child: member, extra: { ...extra, DialCallDuration: String(Math.round((Date.now() - bridge.bridgedAt) / 1000)) } };
  } catch (error) {
    if (!call.signal.aborted) throw error;
    return { status: 'canceled', child: member, extra };
  } finally {
    bridge.markDequeuerLeft();
  }
}

function nextWaiting(context: LocalTwilioContext, queue: LocalQueue): LocalCall | undefined {
  const sid = queue.members.find((member) => !queue.bridges.has(member));
  return sid ? context.store.calls.get(sid) : undefined;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function newBridge(by: LocalCall, url: string | null, method: HttpMethod): QueueBridge {
  const settled = deferred();
  const callerLeft = deferred();
  const dequeuerLeft = deferred();
  return {
    by, url, method, bridgedAt: null,
    settled: settled.promise, settle: settled.resolve,
    callerLeft: callerLeft.promise, markCallerLeft: callerLeft.resolve,
    dequeuerLeft: dequeuerLeft.promise, markDequeuerLeft: dequeuerLeft.resolve,
  };
}

/** Waits for `promise`; a redirect or hang-up of `call` cuts the wait (CallJumped). */
function untilSettledOrCut(promise: Promise<void>, call: LocalCall): Promise<void> {
  if (call.signal.aborted) return Promise.reject(new CallJumped());
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new CallJumped());
    call.signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      call.signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/** Twilio accepts the account's numbers and, passed through, the parent call's own numbers. */
function isAllowedCallerId(context: LocalTwilioContext, call: LocalCall, callerId: string): boolean {
  return context.store.numbers.has(callerId) || callerId === call.setup.from || callerId === call.setup.to;
}

async function bridge(context: LocalTwilioContext, parent: LocalCall, verb: TwimlNode, to: string, callerId: string, recordMode: DialRecordMode | null): Promise<{ status: DialCallStatus; child: LocalCall }> {
  const { phone, outcome } = ringPhone(context, to);
  const child = new LocalCall({
    direction: 'outbound-dial',
    from: callerId,
    to,
    accountSid: context.accountSid,
    answers: phone.script.answers,
    streamEnd: phone.script.streamEnd,
    parentCallSid: parent.sid,
  });
  context.store.calls.set(child.sid, child);
  child.record('outgoing', { to, from: callerId, outcome, parentCallSid: parent.sid });
  parent.record('dial', { event: 'dialing', to, callerId, dialCallSid: child.sid });
  const end = (status: CallStatus, dialStatus: DialCallStatus) => {
    child.status = status;
    child.endedAt = new Date();
    child.record('ended', { status, durationSec: child.durationSec });
    child.markFinished();
    return { status: dialStatus, child };
  };
  const ringLimitMs = intAttr(verb, 'timeout', 30) * 1000;
  // A -ringing recording starts now; it is kept only if the child answers, as Twilio keeps none of an unanswered Dial.
  const ringingRecording = recordMode?.fromRinging ? startDialRecording(context, parent, verb, recordMode) : null;
  try {
    child.status = 'ringing';
    if (outcome === 'failed') return end('failed', 'failed');
    await sleep(Math.min(phone.script.ringMs, ringLimitMs), undefined, { signal: parent.signal });
    if (outcome === 'busy') return end('busy', 'busy');
    if (outcome === 'no-answer' || phone.script.ringMs > ringLimitMs) return end('no-answer', 'no-answer');
  } catch (error) {
    if (!parent.signal.aborted) throw error;
    return end('canceled', 'canceled');
  }
  child.status = 'in-progress';
  child.answeredAt = new Date();
  child.record('answered');
  parent.record('dial', { event: 'bridged', dialCallSid: child.sid });
  const recording = ringingRecording ?? (recordMode ? startDialRecording(context, parent, verb, recordMode) : null);
  const talkMs = Math.min(phone.script.talkMs, intAttr(verb, 'timeLimit', 14_400) * 1000);
  // The phone hangs up after talkMs; a cut parent call ends the bridge sooner.
  await sleep(talkMs, undefined, { signal: parent.signal }).catch((error: unknown) => {
    if (!parent.signal.aborted) throw error;
  });
  const ended = end('completed', 'completed');
  await recording?.finish(child, phone.script.audioPath);
  return ended;
}
