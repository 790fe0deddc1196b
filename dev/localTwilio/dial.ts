// <Dial> to a phone number (`<Dial>+86…</Dial>` or one `<Dial><Number>`): Twilio places a child
// leg (direction outbound-dial) from `callerId` (default: the parent's caller) to the number, which
// rings the scripted phone there; answered, the two are bridged until the phone hangs up
// (its script's talkMs), the `timeLimit` runs out or the parent call is cut (REST update, hang-up).
// Then Twilio requests the `action` URL with DialCallStatus, DialCallSid and DialCallDuration and
// goes on with its TwiML; without an action it goes on with the next verb.
import { setTimeout as sleep } from 'node:timers/promises';
import { CallJumped, LocalCall, type CallJump, type CallStatus } from './call';
import { callParams, postForCall } from './callWebhooks';
import { ringPhone } from './phones';
import { E164 } from './sids';
import type { LocalTwilioContext } from './store';
import { intAttr, methodAttr, type TwimlNode } from './twiml';

/** What a <Dial> reports in DialCallStatus. */
type DialCallStatus = 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export async function dialNumber(context: LocalTwilioContext, call: LocalCall, verb: TwimlNode, action: string | null): Promise<'next' | CallJump> {
  const nouns = verb.children;
  const unsupported = nouns.find((noun) => noun.name !== 'Number');
  if (unsupported || nouns.length > 1) {
    call.record('unsupported', { verb: `Dial>${unsupported?.name ?? 'several Number'}` });
    return 'next';
  }
  const to = (nouns[0]?.text ?? verb.text).replace(/[\s-]/g, '');
  const callerId = verb.attrs.callerId ?? call.setup.from;
  if (verb.attrs.record && verb.attrs.record !== 'do-not-record') call.record('unsupported', { verb: 'Dial', attr: 'record' });
  let outcome: { status: DialCallStatus; child: LocalCall | null };
  if (!E164.test(to)) {
    call.record('error', { code: 13223, message: `Dial: Invalid phone number format: ${to}` });
    outcome = { status: 'failed', child: null };
  } else if (!isAllowedCallerId(context, call, callerId)) {
    call.record('error', { code: 13214, message: `Dial: Invalid callerId value: ${callerId}` });
    outcome = { status: 'failed', child: null };
  } else {
    outcome = await bridge(context, call, verb, to, callerId);
  }
  const { status, child } = outcome;
  const params: Record<string, string> = {
    DialCallStatus: status,
    ...(child ? { DialCallSid: child.sid, DialCallDuration: String(child.durationSec) } : {}),
  };
  call.record('dial', { event: 'ended', dialCallStatus: status, dialCallSid: child?.sid ?? null, durationSec: child?.durationSec ?? 0, action });
  if (call.signal.aborted) {
    // The parent was cut (redirected or hung up): Twilio still reports the Dial, and ignores the answer.
    if (action) await postForCall(context, call, 'dialAction', { url: action, method: methodAttr(verb), params: { ...callParams(context, call), ...params } });
    throw new CallJumped();
  }
  return action ? { kind: 'url', url: action, method: methodAttr(verb), params } : 'next';
}

/** Twilio accepts the account's numbers and, passed through, the parent call's own numbers. */
function isAllowedCallerId(context: LocalTwilioContext, call: LocalCall, callerId: string): boolean {
  return context.store.numbers.has(callerId) || callerId === call.setup.from || callerId === call.setup.to;
}

async function bridge(context: LocalTwilioContext, parent: LocalCall, verb: TwimlNode, to: string, callerId: string): Promise<{ status: DialCallStatus; child: LocalCall }> {
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
  const talkMs = Math.min(phone.script.talkMs, intAttr(verb, 'timeLimit', 14_400) * 1000);
  // The phone hangs up after talkMs; a cut parent call ends the bridge sooner.
  await sleep(talkMs, undefined, { signal: parent.signal }).catch((error: unknown) => {
    if (!parent.signal.aborted) throw error;
  });
  return end('completed', 'completed');
}
