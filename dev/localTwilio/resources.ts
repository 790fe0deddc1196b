// The REST representations of calls, messages and recordings, field for field as Twilio's
// 2010-04-01 API returns them (snake_case, RFC 2822 dates, numbers as strings where Twilio has them).
import type { LocalCall } from './call';
import { rfc2822 } from './sids';
import type { LocalMessage, LocalRecording, LocalTwilioContext } from './store';

export function accountPath(context: LocalTwilioContext): string {
  return `/2010-04-01/Accounts/${context.accountSid}`;
}

export function callResource(context: LocalTwilioContext, call: LocalCall): Record<string, unknown> {
  const uri = `${accountPath(context)}/Calls/${call.sid}`;
  const number = context.store.numbers.get(call.direction === 'inbound' ? call.setup.to : call.setup.from);
  const updated = call.endedAt ?? call.answeredAt ?? call.createdAt;
  return {
    sid: call.sid,
    date_created: rfc2822(call.createdAt),
    date_updated: rfc2822(updated),
    parent_call_sid: call.setup.parentCallSid ?? null,
    account_sid: context.accountSid,
    to: call.setup.to,
    to_formatted: call.setup.to,
    from: call.setup.from,
    from_formatted: call.setup.from,
    phone_number_sid: number?.sid ?? null,
    status: call.status,
    start_time: call.status === 'queued' ? null : rfc2822(call.answeredAt ?? call.createdAt),
    end_time: call.endedAt ? rfc2822(call.endedAt) : null,
    duration: call.endedAt ? String(call.durationSec) : null,
    price: null,
    price_unit: 'USD',
    direction: call.direction,
    answered_by: null,
    api_version: '2010-04-01',
    forwarded_from: null,
    group_sid: null,
    caller_name: null,
    queue_time: '0',
    trunk_sid: null,
    uri: `${uri}.json`,
    subresource_uris: {
      notifications: `${uri}/Notifications.json`,
      recordings: `${uri}/Recordings.json`,
      payments: `${uri}/Payments.json`,
      events: `${uri}/Events.json`,
      siprec: `${uri}/Siprec.json`,
      streams: `${uri}/Streams.json`,
      transcriptions: `${uri}/Transcriptions.json`,
      user_defined_message_subscriptions: `${uri}/UserDefinedMessageSubscriptions.json`,
      user_defined_messages: `${uri}/UserDefinedMessages.json`,
    },
  };
}

export function messageResource(context: LocalTwilioContext, message: LocalMessage): Record<string, unknown> {
  const uri = `${accountPath(context)}/Messages/${message.sid}`;
  return {
    account_sid: context.accountSid,
    api_version: '2010-04-01',
    body: message.body,
    date_created: rfc2822(message.dateCreated),
    date_sent: message.dateSent ? rfc2822(message.dateSent) : null,
    date_updated: rfc2822(message.dateUpdated),
    direction: message.direction,
    error_code: message.errorCode,
    error_message: message.errorMessage,
    from: message.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: String(message.numSegments),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
    to: message.to,
    uri: `${uri}.json`,
  };
}

export function recordingMediaUrl(context: LocalTwilioContext, sid: string): string {
  return `${context.baseUrl()}${accountPath(context)}/Recordings/${sid}`;
}

export function recordingResource(context: LocalTwilioContext, recording: LocalRecording): Record<string, unknown> {
  const uri = `${accountPath(context)}/Recordings/${recording.sid}`;
  return {
    account_sid: context.accountSid,
    api_version: '2010-04-01',
    call_sid: recording.callSid,
    conference_sid: null,
    date_created: rfc2822(recording.createdAt),
    date_updated: rfc2822(recording.createdAt),
    start_time: rfc2822(recording.createdAt),
    duration: String(Math.round(recording.durationMs / 1000)),
    sid: recording.sid,
    price: null,
    price_unit: 'USD',
    status: 'completed',
    channels: recording.channels,
    source: recording.source,
    error_code: null,
    uri: `${uri}.json`,
    encryption_details: null,
    subresource_uris: { add_on_results: `${uri}/AddOnResults.json`, transcriptions: `${uri}/Transcriptions.json` },
    media_url: recordingMediaUrl(context, recording.sid),
  };
}

/** One page of a list, with the paging fields Twilio's helper libraries follow. */
export function listPage(key: string, path: string, items: Record<string, unknown>[], query: Record<string, unknown>): Record<string, unknown> {
  const pageSize = clampInt(query.PageSize, 50, 1, 1000);
  const page = clampInt(query.Page, 0, 0, Number.MAX_SAFE_INTEGER);
  const start = page * pageSize;
  const slice = items.slice(start, start + pageSize);
  const pageUri = (n: number) => `${path}?PageSize=${pageSize}&Page=${n}`;
  return {
    [key]: slice,
    end: start + Math.max(slice.length - 1, 0),
    first_page_uri: pageUri(0),
    next_page_uri: start + pageSize < items.length ? `${pageUri(page + 1)}&PageToken=PA${page + 1}` : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? pageUri(page - 1) : null,
    start,
    uri: pageUri(page),
  };
}

function clampInt(raw: unknown, fallback: number, min: number, max: number): number {
  const value = Number.parseInt(String(raw ?? ''), 10);
  return Number.isFinite(value) ? Math.min(Math.max(value, min), max) : fallback;
}
