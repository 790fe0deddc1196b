// The TwiML interpreter: plays Twilio's side of a call, verb by verb, fetching each next document
// from the application. The caller's part comes from the call's script: the next answer is used
// at each <Gather> or <Record>; with none left the caller stays silent, and Twilio's timeout rules
// apply. <Say>/<Play> take no time here; <Pause>, <Record> and queues take (scaled) real time.
import { setTimeout as sleep } from 'node:timers/promises';
import { loadCallAudio, recordingWav, SAMPLE_RATE } from './audio';
import { CallJumped, type CallJump, type LocalCall } from './call';
import { dial } from './dial';
import { callParams, postForCall } from './callWebhooks';
import { MediaStreamRun, type StreamSpec, type StreamTrack } from './mediaStream';
import { newSid, rfc2822 } from './sids';
import type { LocalQueue, LocalTwilioContext, QueueBridge } from './store';
import { boolAttr, intAttr, methodAttr, parseTwiml, TwimlParseError, type TwimlNode } from './twiml';
import type { HttpMethod } from './webhooks';

type VerbResult = 'next' | CallJump;

const HANGUP: CallJump = { kind: 'hangup' };

/** Runs TwiML from `first` until the call ends (a hang-up, the end of a document, an error). */
export async function runTwiml(context: LocalTwilioContext, call: LocalCall, first: CallJump): Promise<void> {
  let next: CallJump | null = first;
  while (next && next.kind !== 'hangup' && !call.isOver) {
    try {
      const document = next.kind === 'twiml' ? parseInline(call, next.twiml) : await fetchTwiml(context, call, next.url, next.method, next.params ?? {}, 'twiml');
      if (!document) return applicationError(call);
      if (next.kind === 'url') call.documentUrl = next.url;
      const result = await executeVerbs(context, call, document.children);
      next = result === 'next' ? null : result; // the end of a document hangs up
    } catch (error) {
      if (!call.signal.aborted) throw error;
      next = call.takeJump();
      if (next) call.record('interrupted', { by: next.kind });
    }
  }
}

/** What Twilio does when the application fails: it answers, apologises and hangs up. */
function applicationError(call: LocalCall): void {
  answer(call);
  call.record('say', { text: 'We are sorry, an application error has occurred. Goodbye.', language: 'en-US', voice: null, loop: 1, applicationError: true });
}

function parseInline(call: LocalCall, twiml: string): TwimlNode | null {
  try {
    return parseTwiml(twiml);
  } catch (error) {
    call.record('error', { code: 12100, message: (error as Error).message });
    return null;
  }
}

/**
 * Requests a TwiML document; null when the application failed (Twilio then says "an application
 * error has occurred" and hangs up: errors 11200 and 12100).
 */
async function fetchTwiml(context: LocalTwilioContext, call: LocalCall, url: string, method: HttpMethod, extra: Record<string, string>, purpose: string): Promise<TwimlNode | null> {
  call.twimlRequests += 1;
  if (call.twimlRequests > context.timing.maxTwimlRequests) {
    call.record('error', { code: 'loop', message: `more than ${context.timing.maxTwimlRequests} TwiML requests; the caller hangs up` });
    return null;
  }
  const answer = await postForCall(context, call, purpose, { url, method, params: { ...callParams(context, call), ...extra } }, call.signal);
  if (answer.status < 200 || answer.status >= 300) {
    call.record('error', { code: 11200, message: `HTTP retrieval failure: ${answer.status || answer.error}`, url });
    return null;
  }
  try {
    return parseTwiml(answer.body);
  } catch (error) {
    if (!(error instanceof TwimlParseError)) throw error;
    call.record('error', { code: 12100, message: error.message, url });
    return null;
  }
}

async function executeVerbs(context: LocalTwilioContext, call: LocalCall, verbs: TwimlNode[]): Promise<VerbResult> {
  for (const verb of verbs) {
    if (call.isOver) return HANGUP;
    if (verb.name !== 'Reject') answer(call);
    const result = await executeVerb(context, call, verb);
    if (result !== 'next') return result;
  }
  return 'next';
}

/** Any verb but <Reject> answers a ringing inbound call. */
function answer(call: LocalCall): void {
  if (call.status !== 'ringing') return;
  call.status = 'in-progress';
  call.answeredAt = new Date();
  call.record('answered');
}

async function executeVerb(context: LocalTwilioContext, call: LocalCall, verb: TwimlNode): Promise<VerbResult> {
  switch (verb.name) {
    case 'Say':
    case 'Play':
    case 'Pause':
      await playPrompt(context, call, verb);
      return 'next';
    case 'Gather':
      return gather(context, call, verb);
    case 'Record':
      return recordVerb(context, call, verb);
    case 'Start':
      await startForks(context, call, verb);
      return 'next';
    case 'Stop':
      await stopForks(call, verb);
      return 'next';
    case 'Connect':
      return connect(context, call, verb);
    case 'Enqueue':
      return enqueue(context, call, verb);
    case 'Dial':
      return dial(context, call, verb, verb.attrs.action ? resolveUrl(call, verb.attrs.action) : null);
    case 'Redirect': {
      const url = resolveUrl(call, verb.text);
      call.record('redirect', { url });
      return url ? { kind: 'url', url, method: methodAttr(verb) } : HANGUP;
    }
    case 'Hangup':
      call.record('hangup', { by: 'twiml' });
      return HANGUP;
    case 'Reject': {
      const reason = verb.attrs.reason === 'busy' ? 'busy' : 'rejected';
      if (call.status === 'ringing') call.rejectedAs = reason === 'busy' ? 'busy' : 'no-answer';
      call.record('reject', { reason });
      return HANGUP;
    }
    case 'Leave':
      call.record('leave', { inQueue: false });
      return 'next';
    default:
      call.record('unsupported', { verb: verb.name, attrs: verb.attrs });
      return 'next';
  }
}

/** <Say>, <Play>, <Pause>: what the caller hears (logged); pauses wait. */
async function playPrompt(context: LocalTwilioContext, call: LocalCall, verb: TwimlNode, untilMs = Infinity): Promise<void> {
  if (verb.name === 'Say') {
    call.record('say', { text: verb.text, language: verb.attrs.language ?? 'en-US', voice: verb.attrs.voice ?? null, loop: intAttr(verb, 'loop', 1) });
  } else if (verb.name === 'Play') {
    call.record('play', { url: verb.text || null, digits: verb.attrs.digits ?? null, loop: intAttr(verb, 'loop', 1) });
  } else if (verb.name === 'Pause') {
    const seconds = intAttr(verb, 'length', 1);
    call.record('pause', { seconds });
    const ms = Math.min(seconds * 1000 * context.timing.pauseScale, untilMs - Date.now());
    if (ms > 0) await sleep(ms, undefined, { signal: call.signal });
  }
}

function resolveUrl(call: LocalCall, raw: string | undefined): string | null {
  const target = raw?.trim() || call.documentUrl;
  if (!target) return null;
  try {
    return new URL(target, call.documentUrl ?? undefined).toString();
  } catch {
    call.record('error', { code: 11100, message: `invalid URL: ${target}` });
    return null;
  }
}

async function gather(context: LocalTwilioContext, call: LocalCall, verb: TwimlNode): Promise<VerbResult> {
  for (const child of verb.children) await playPrompt(context, call, child);
  const inputs = (verb.attrs.input ?? 'dtmf').split(/\s+/);
  const finishOnKey = verb.attrs.finishOnKey ?? '#';
  const numDigits = intAttr(verb, 'numDigits', Infinity);
  const action = resolveUrl(call, verb.attrs.action);
  const method = methodAttr(verb);
  // A recording meant for a later <Record> is not spoken into this gather: it times out.
  const given = call.takeAnswer((next) => !('audioPath' in next));
  let params: Record<string, string> | null = null;
  const timeoutMs = intAttr(verb, 'timeout', 5) * 1000;
  // A caller slower than the timeout is not heard: the gather times out.
  const keyedInTime = !given || !('digits' in given) || (given.keyingMs ?? 0) <= timeoutMs;
  if (given && 'digits' in given && given.keyingMs && inputs.includes('dtmf')) await sleep(Math.min(given.keyingMs, timeoutMs), undefined, { signal: call.signal });
  if (given && 'digits' in given && inputs.includes('dtmf') && keyedInTime) {
    const keys = given.digits.replace(/w/g, '');
    const cut = finishOnKey ? keys.indexOf(finishOnKey) : -1;
    const digits = (cut >= 0 ? keys.slice(0, cut) : keys).slice(0, Number.isFinite(numDigits) ? numDigits : undefined);
    params = { Digits: digits, ...(cut >= 0 && digits.length < numDigits ? { FinishedOnKey: finishOnKey } : {}) };
  } else if (given && 'speech' in given && inputs.includes('speech')) {
    if (given.speakingMs) await sleep(given.speakingMs, undefined, { signal: call.signal });
    params = { SpeechResult: given.speech, Confidence: String(given.confidence ?? 0.9) };
  }
  const hangsUp = given !== undefined && 'hangup' in given && given.hangup === true;
  call.record('gather', { input: inputs, numDigits: Number.isFinite(numDigits) ? numDigits : null, result: params ?? (hangsUp ? 'hangup' : 'timeout'), action });
  if (!params) {
    if (hangsUp) return HANGUP;
    // Twilio on timeout: the next verb, unless actionOnEmptyResult asks for the action anyway.
    if (!boolAttr(verb, 'actionOnEmptyResult', false) || !action) return 'next';
    params = {};
  }
  if (!action) return HANGUP;
  if (hangsUp) {
    await postForCall(context, call, 'gatherAction', { url: action, method, params: { ...callParams(context, call), ...params } });
    return HANGUP;
  }
  return { kind: 'url', url: action, method, params };
}

async function recordVerb(context: LocalTwilioContext, call: LocalCall, verb: TwimlNode): Promise<VerbResult> {
  if (boolAttr(verb, 'playBeep', true)) call.record('beep');
  const given = call.takeAnswer((next) => 'audioPath' in next || 'silence' in next || (!('digits' in next) && !('speech' in next)));
  const audioPath = given && 'audioPath' in given ? given.audioPath : given ? undefined : call.setup.audioPath;
  const hangsUp = given !== undefined && 'hangup' in given && given.hangup === true;
  if (!audioPath) {
    // Nothing said: Twilio does not request the action and moves on (or the caller is gone).
    call.record('record', { result: hangsUp ? 'hangup' : 'silence' });
    return hangsUp ? HANGUP : 'next';
  }
  const audio = await loadCallAudio(audioPath);
  const maxBytes = intAttr(verb, 'maxLength', 3600) * SAMPLE_RATE;
  const samples = audio.mulaw.subarray(0, maxBytes);
  const durationMs = (samples.length / SAMPLE_RATE) * 1000;
  const startedAt = new Date();
  await sleep(durationMs * context.timing.recordScale, undefined, { signal: call.signal });

  const sid = newSid('RE');
  context.store.recordings.set(sid, { sid, callSid: call.sid, wav: recordingWav(samples), durationMs, createdAt: startedAt, channels: 1, source: 'RecordVerb' });
  call.recordingSids.push(sid);
  const recordingUrl = `${context.baseUrl()}/2010-04-01/Accounts/${context.accountSid}/Recordings/${sid}`;
  const recordingDuration = String(Math.round(durationMs / 1000));
  call.record('record', { result: 'recorded', recordingSid: sid, durationMs, truncated: samples.length < audio.mulaw.length });

  const statusCallback = verb.attrs.recordingStatusCallback ? resolveUrl(call, verb.attrs.recordingStatusCallback) : null;
  if (statusCallback) {
    // Twilio posts this once the recording is processed, apart from the call flow.
    call.track(
      postForCall(context, call, 'recordingStatus', {
        url: statusCallback,
        method: methodAttr(verb, 'recordingStatusCallbackMethod'),
        params: {
          AccountSid: context.accountSid,
          CallSid: call.sid,
          RecordingSid: sid,
          RecordingUrl: recordingUrl,
          RecordingStatus: 'completed',
          RecordingDuration: recordingDuration,
          RecordingChannels: '1',
          RecordingStartTime: rfc2822(startedAt),
          RecordingSource: 'RecordVerb',
          RecordingTrack: 'inbound',
          ErrorCode: '0',
        },
      }),
    );
  }
  const action = resolveUrl(call, verb.attrs.action);
  const params = { RecordingUrl: recordingUrl, RecordingDuration: recordingDuration, RecordingSid: sid, ...(hangsUp ? { Digits: 'hangup' } : {}) };
  if (!action) return HANGUP;
  if (hangsUp) {
    // The caller is gone: Twilio still reports the recording, and ignores the answer.
    await postForCall(context, call, 'recordAction', { url: action, method: methodAttr(verb), params: { ...callParams(context, call), ...params } });
    return HANGUP;
  }
  return { kind: 'url', url: action, method: methodAttr(verb), params };
}

function streamSpec(call: LocalCall, node: TwimlNode, bidirectional: boolean): StreamSpec | null {
  const url = node.attrs.url;
  if (!url) {
    call.record('error', { code: 31941, message: '<Stream> needs a url' });
    return null;
  }
  const customParameters: Record<string, string> = {};
  for (const parameter of node.children) {
    if (parameter.name === 'Parameter' && parameter.attrs.name) customParameters[parameter.attrs.name] = parameter.attrs.value ?? '';
  }
  const track = (['inbound_track', 'outbound_track', 'both_tracks'] as const).find((t) => t === node.attrs.track) ?? 'inbound_track';
  return {
    url,
    ...(node.attrs.name ? { name: node.attrs.name } : {}),
    // A bidirectional stream only carries the caller's audio.
    track: bidirectional ? 'inbound_track' : (track as StreamTrack),
    customParameters,
    bidirectional,
    ...(node.attrs.statusCallback ? { statusCallback: resolveUrl(call, node.attrs.statusCallback) ?? undefined } : {}),
    statusCallbackMethod: methodAttr(node, 'statusCallbackMethod'),
  };
}

async function openStream(context: LocalTwilioContext, call: LocalCall, spec: StreamSpec): Promise<MediaStreamRun> {
  if (call.setup.audioPath && !call.audio) call.audio = await loadCallAudio(call.setup.audioPath);
  const run = new MediaStreamRun(spec, {
    accountSid: context.accountSid,
    callSid: call.sid,
    authToken: context.authToken,
    audio: call.audio,
    end: call.setup.streamEnd,
    postStatus: (streamSpec, params) => {
      if (!streamSpec.statusCallback) return;
      call.track(postForCall(context, call, 'streamStatus', { url: streamSpec.statusCallback, method: streamSpec.statusCallbackMethod, params }));
    },
  });
  call.streams.push(run);
  const opened = await run.open();
  call.record('stream', { event: opened ? 'started' : 'failed', streamSid: run.stats.streamSid, name: spec.name ?? null, url: spec.url, bidirectional: spec.bidirectional, ...(opened ? {} : { error: run.stats.error }) });
  return run;
}

async function startForks(context: LocalTwilioContext, call: LocalCall, verb: TwimlNode): Promise<void> {
  for (const child of verb.children) {
    if (child.name !== 'Stream') {
      call.record('unsupported', { verb: `Start>${child.name}` });
      continue;
    }
    const spec = streamSpec(call, child, false);
    if (spec) await openStream(context, call, spec);
  }
}

async function stopForks(call: LocalCall, verb: TwimlNode): Promise<void> {
  for (const child of verb.children) {
    if (child.name !== 'Stream') continue;
    const name = child.attrs.name;
    const running = call.streams.filter((run) => run.stats.stoppedBy === null && (!name || run.spec.name === name));
    await Promise.all(running.map((run) => run.stop('stop-verb')));
    call.record('stream', { event: 'stopped', name: name ?? null, count: running.length });
  }
}

/** <Connect><Stream>: holds the call until the socket closes. */
async function connect(context: LocalTwilioContext, call: LocalCall, verb: TwimlNode): Promise<VerbResult> {
  const node = verb.children.find((child) => child.name === 'Stream');
  if (!node) {
    call.record('unsupported', { verb: `Connect>${verb.children[0]?.name ?? 'nothing'}` });
    return 'next';
  }
  const spec = streamSpec(call, node, true);
  if (!spec) return 'next';
  const run = await openStream(context, call, spec);
  try {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(new CallJumped());
      call.signal.addEventListener('abort', onAbort, { once: true });
      void run.closed.then(() => {
        call.signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  } catch (error) {
    await run.stop('call-end');
    throw error;
  }
  call.record('stream', { event: 'closed', streamSid: run.stats.streamSid, stoppedBy: run.stats.stoppedBy });
  // The caller said everything and hangs up.
  if (run.stats.stoppedBy === 'audio-end') return HANGUP;
  const action = verb.attrs.action ? resolveUrl(call, verb.attrs.action) : null;
  return action ? { kind: 'url', url: action, method: methodAttr(verb) } : 'next';
}

type QueueResult = 'hangup' | 'leave' | 'redirected' | 'bridged' | 'redirected-from-bridged';

async function enqueue(context: LocalTwilioContext, call: LocalCall, verb: TwimlNode): Promise<VerbResult> {
  const queue = context.store.queue(verb.text || 'default');
  queue.members.push(call.sid);
  const enteredAt = Date.now();
  const holdMs = call.setup.holdMs ?? context.timing.maxHoldMs;
  const deadline = enteredAt + holdMs;
  let waitUrl = verb.attrs.waitUrl ? resolveUrl(call, verb.attrs.waitUrl) : null;
  let waitMethod = methodAttr(verb, 'waitUrlMethod');
  call.record('enqueue', { queue: queue.name, queueSid: queue.sid, holdMs, waitUrl });
  const queueParams = (): Record<string, string> => ({
    QueueSid: queue.sid,
    QueuePosition: String(queue.members.indexOf(call.sid) + 1),
    QueueTime: String(Math.round((Date.now() - enteredAt) / 1000)),
    AvgQueueTime: '0',
    CurrentQueueSize: String(queue.members.length),
    MaxQueueSize: '100',
  });
  let result: QueueResult = 'hangup';
  let waitRuns = 0;
  try {
    holding: while (Date.now() < deadline) {
      if (queue.bridges.has(call.sid)) break;
      if (waitUrl) {
        const document = await fetchTwiml(context, call, waitUrl, waitMethod, queueParams(), 'waitUrl');
        waitRuns += 1;
        for (const node of document?.children ?? []) {
          if (node.name === 'Leave') {
            result = 'leave';
            break holding;
          }
          if (node.name === 'Hangup') break holding;
          if (node.name === 'Redirect') {
            waitUrl = resolveUrl(call, node.text);
            waitMethod = methodAttr(node);
            break;
          }
          await playPrompt(context, call, node, deadline);
        }
      }
      const rest = deadline - Date.now();
      if (rest > 0 && !queue.bridges.has(call.sid)) await sleep(Math.min(context.timing.queueWaitLoopMs, rest), undefined, { signal: call.signal });
    }
    const bridge = queue.bridges.get(call.sid);
    if (bridge) {
      await bridgeCaller(context, call, queue, bridge, enteredAt);
      result = 'bridged';
    }
  } catch (error) {
    if (!call.signal.aborted) throw error;
    const bridged = queue.bridges.get(call.sid)?.bridgedAt != null;
    result = call.pendingJump?.kind === 'hangup' ? 'hangup' : bridged ? 'redirected-from-bridged' : 'redirected';
  } finally {
    if (queue.members.includes(call.sid)) queue.members.splice(queue.members.indexOf(call.sid), 1);
    const bridge = queue.bridges.get(call.sid);
    queue.bridges.delete(call.sid);
    bridge?.settle();
    bridge?.markCallerLeft();
  }
  const queueTime = String(Math.round((Date.now() - enteredAt) / 1000));
  call.record('dequeue', { queue: queue.name, result, queueTimeSec: Number(queueTime), waitRuns });
  const action = verb.attrs.action ? resolveUrl(call, verb.attrs.action) : null;
  const params = { QueueResult: result, QueueSid: queue.sid, QueueTime: queueTime };
  // After <Leave>, or a bridge the dequeuing party ended, the action's TwiML goes on with the call.
  if (action && (result === 'leave' || result === 'bridged')) return { kind: 'url', url: action, method: methodAttr(verb), params };
  // Twilio reports how the caller left the queue; the answer is not used.
  if (action) await postForCall(context, call, 'enqueueAction', { url: action, method: methodAttr(verb), params: { ...callParams(context, call), ...params } });
  // Cut by a REST update: the call goes where the update says.
  if (call.signal.aborted) throw new CallJumped();
  if (result === 'hangup') {
    call.record('hangup', { by: 'caller' });
    return HANGUP;
  }
  return 'next';
}

/**
 * A <Dial><Queue> took the caller: the <Queue url> TwiML (Say, Play, Pause) plays to the caller,
 * then the two are connected until the dequeuing call leaves (or this one is cut).
 */
async function bridgeCaller(context: LocalTwilioContext, call: LocalCall, queue: LocalQueue, bridge: QueueBridge, enteredAt: number): Promise<void> {
  queue.members.splice(queue.members.indexOf(call.sid), 1);
  if (bridge.url) {
    const params = { QueueSid: queue.sid, QueueTime: String(Math.round((Date.now() - enteredAt) / 1000)), DequeingCallSid: bridge.by.sid };
    const document = await fetchTwiml(context, call, bridge.url, bridge.method, params, 'queueUrl');
    for (const node of document?.children ?? []) {
      if (['Say', 'Play', 'Pause'].includes(node.name)) await playPrompt(context, call, node);
    }
  }
  bridge.bridgedAt = Date.now();
  call.record('bridged', { with: bridge.by.sid, queue: queue.name });
  bridge.settle();
  await new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new CallJumped());
    call.signal.addEventListener('abort', onAbort, { once: true });
    void bridge.dequeuerLeft.then(() => {
      call.signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
