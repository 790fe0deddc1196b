// The OpenAPI description of the voice webhooks (Twilio's side) and the console's telephony
// endpoints (a unit's bridge call to a citizen included).
import { caseIdParams } from '../cases/params';
import { BRIDGE_CALL_ROLES, bridgeCallBody } from '../cases/bridgeCalls';
import { bridgeCallQuery } from '../twilio/calls/bridgeCalls';
import type { Operation } from '../openapi/operation';
import { callCaseBody, callListQuery, callIdParams, calledBackBody, callTransferBody } from './schemas';
import { CALL_FILER_ROLES, CALL_READER_ROLES, CALL_TRANSFER_ROLES, CALLED_BACK_ROLES, LIVE_FEED_ROLES } from './routes';
import { callParams, callStatusParams, connectQuery, gatherParams, holdParams, knowledgeQuery, passwordStepQuery, queueResultParams, recordingStatusParams, stepQuery, transferResultParams } from '../twilio/voice/params';

function voiceWebhooks(): Operation[] {
  const twiml = { tag: 'telephony', auth: 'twilioSignature' as const, consumes: ['application/x-www-form-urlencoded'], produces: ['text/xml'], success: { status: 200, description: 'TwiML (Mandarin prompts)' } };
  const report = { tag: 'telephony', auth: 'twilioSignature' as const, consumes: ['application/x-www-form-urlencoded'], success: { status: 204, description: 'recorded (a repeat changes nothing)' } };
  const step = (path: string, summary: string, body = gatherParams) => ({ ...twiml, method: 'POST' as const, path: `/telephony/voice/${path}`, summary, body, query: stepQuery });
  return [
    { ...twiml, method: 'POST', path: '/telephony/voice/incoming', summary: 'The number’s Voice URL: the welcome menu, or voicemail after seat hours / with the queue full', body: callParams },
    step('menu', '1 operator (first the knowledge base’s top answers, ivr.knowledgePlaybackCount), 2 petition by voice, 3 case query, 4 policy queries (keys or speech); invalid input repeats the menu up to 3 times'),
    { ...twiml, method: 'POST', path: '/telephony/voice/knowledge/choice', summary: 'The top published answers (most recently published first): 1–9 plays one and lists them again; otherwise ?then=queue joins the operators’ queue, ?then=menu goes back to the menu on 0 and ends the call on silence', body: gatherParams, query: knowledgeQuery },
    { ...twiml, method: 'POST', path: '/telephony/voice/hold', summary: '<Enqueue waitUrl>: hold message with the queue position, looped', body: holdParams },
    { ...twiml, method: 'POST', path: '/telephony/voice/queue-result', summary: '<Enqueue action>: hang-up while waiting makes a missed call (feed: ended)', body: queueResultParams },
    { ...twiml, method: 'POST', path: '/telephony/voice/connect', summary: '<Queue url> of an operator’s <Dial>: the waiting caller is answered (feed: answered), credited to ?operator= (the operator route puts the user id there)', body: callParams, query: connectQuery },
    { ...twiml, method: 'POST', path: '/telephony/voice/operator', summary: 'Voice URL of an operator’s phone (From client:<username> or the operator’s desk number): <Dial><Queue>operators</Queue></Dial>', body: callParams },
    step('petition/what', 'Voice petition: what happened (speech)'),
    step('petition/where', 'Voice petition: where (speech)'),
    step('petition/contact', 'Voice petition: contact number (keys, or # for the calling number)'),
    step('petition/confidential', 'Voice petition: 实名保密 on the keypad (1 confidential; 2 or no key not), then the answers read back'),
    step('petition/confirm', 'Voice petition: 1 confirms: the case is registered once per CallSid and its number read back; 2 starts over'),
    step('query/lookup', 'Case query: takes the keyed case number and asks for its query password (whether or not the number exists)'),
    { ...step('query/password', 'Case query: status and deadline when the keyed query password opens the case; otherwise the same "not found" as an unknown number, 3 tries per call'), query: passwordStepQuery },
    { ...twiml, method: 'POST', path: '/telephony/voice/transfer-result', summary: '<Dial action> of an operator’s transfer to a unit’s duty phone: keeps DialCallStatus on the call; goodbye when the unit answered, otherwise a voicemail for a call-back', body: transferResultParams },
    { ...twiml, method: 'POST', path: '/telephony/voice/bridge/connect', summary: 'Voice URL of a bridge call’s first leg (the unit handler’s phone, placed by POST /api/cases/{id}/bridge-calls): the prompt voice.bridgeConnecting, then <Dial callerId=hotline timeLimit=bridgeCall.maxMinutes record=record-from-answer-dual> to the citizen’s number read from the case; voice.bridgeUnavailable when the case can no longer be called', body: callParams, query: bridgeCallQuery },
    { ...twiml, method: 'POST', path: '/telephony/voice/bridge/dial-result', summary: '<Dial action> of a bridge call: keeps DialCallStatus and DialCallDuration on the call; a conversation records the unit’s contact (recordContact, means phone; once per CallSid); goodbye, or voice.bridgeUnanswered', body: transferResultParams, query: bridgeCallQuery },
    { ...report, method: 'POST', path: '/telephony/voice/bridge/recording-status', summary: 'Recording status callback of a bridge call’s <Dial record> (both legs, dual channel): kept like a voicemail (source bridge), on the call and its case', body: recordingStatusParams, errors: [400, 404] },
    { ...report, method: 'POST', path: '/telephony/voice/bridge/status', summary: 'Status callback of a bridge call’s first leg: status, end, duration; the outcome is audited on the case (bridgeEnded)', body: callStatusParams, query: bridgeCallQuery },
    { ...twiml, method: 'POST', path: '/telephony/voice/voicemail/done', summary: '<Record action>: thanks and goodbye', body: callParams },
    { ...report, method: 'POST', path: '/telephony/voice/recording-status', summary: 'Recording status callback: downloads the voicemail from RecordingUrl and keeps it (idempotent by RecordingSid); a RecordingUrl that is not this account’s recording on the configured Twilio API base is a 400 (nothing fetched)', body: recordingStatusParams, errors: [400, 404] },
    { ...report, method: 'POST', path: '/telephony/voice/status', summary: 'Inbound call status callback: status, end, duration; a call still queued at its end is missed', body: callStatusParams },
  ];
}

function consoleOperations(): Operation[] {
  const base = { tag: 'telephony', auth: 'bearer' as const };
  return [
    { ...base, method: 'GET', path: '/api/telephony/calls', summary: 'Calls (filter: needsCallback = missed-call list, queued = ringing now, purpose, direction, fromNumber, caseId; range, sort; Content-Range)', roles: CALL_READER_ROLES, query: callListQuery, success: { status: 200, description: 'a page of calls', list: true } },
    { ...base, method: 'GET', path: '/api/telephony/calls/:id', summary: 'A call with its recordings (play them through /api/attachments/{id}/content) and transcript segments', roles: CALL_READER_ROLES, params: callIdParams, success: { status: 200, description: 'the call' }, errors: [404] },
    { ...base, method: 'POST', path: '/api/telephony/calls/:id/called-back', summary: 'Record that a missed or voicemail caller was called back (audited)', roles: CALLED_BACK_ROLES, params: callIdParams, body: calledBackBody, success: { status: 200, description: 'the call' }, errors: [404, 409] },
    { ...base, method: 'POST', path: '/api/telephony/calls/:id/case', summary: 'File a call under the case registered from it (audited; ends the operator’s after-call work in the call-centre figures); 409 when filed under another case', roles: CALL_FILER_ROLES, params: callIdParams, body: callCaseBody, success: { status: 200, description: 'the call' }, errors: [404, 409] },
    { ...base, method: 'POST', path: '/api/telephony/calls/:id/transfer', summary: 'Transfer the caller an operator took from the queue to a unit’s duty phone: the live call is redirected to a prompt (voice.transferring) and a <Dial> from the hotline’s number (audited; the call keeps transferredToUnitId/At/ById); 409 when the call is not answered by an operator, over, transferred already, or the unit has no dialable duty phone; 502 when Twilio refuses', roles: CALL_TRANSFER_ROLES, params: callIdParams, body: callTransferBody, success: { status: 200, description: 'the call' }, errors: [404, 409, 502] },
    {
      ...base, method: 'GET', path: '/api/telephony/live',
      summary: 'Operators’ live call feed, Server-Sent Events `ready`, `ringing` (with caller history), `answered`, `ended`. Send the JWT in the Authorization header (read with fetch; EventSource cannot send it)',
      roles: LIVE_FEED_ROLES, produces: ['text/event-stream'], success: { status: 200, description: 'an endless event stream' }, errors: [503],
    },
    {
      ...base, method: 'POST', path: '/api/cases/:id/bridge-calls',
      summary: 'A handler of the lead or an assisting unit (live assignment) calls the case’s citizen through the hotline: Twilio calls the handler’s phone (`phone`, or the one on their profile) and then <Dial>s the citizen with the hotline’s number as caller ID, recorded, capped by bridgeCall.maxMinutes, within bridgeCall.hours. The answer (the call row) never carries the citizen’s number. Audited (bridgeRequested; bridgeEnded with the outcome); a conversation records the unit’s contact (recordContact). 403 without a live lead/assist assignment; 409 when the case is over, has no citizen phone, outside the hours, or the user has a bridge call running; 502 when Twilio refuses',
      roles: BRIDGE_CALL_ROLES, params: caseIdParams, body: bridgeCallBody, success: { status: 201, description: 'the call (purpose bridge)' }, errors: [403, 404, 409, 502],
    },
    { ...base, method: 'GET', path: '/api/cases/:id/calls', summary: 'A case’s calls with recordings and transcripts (caller numbers masked for units)', params: caseIdParams, success: { status: 200, description: 'calls', array: true }, errors: [404] },
  ];
}

export function telephonyOperations(): Operation[] {
  return [...voiceWebhooks(), ...consoleOperations()];
}
