// A case as an Open311 service request. Anyone may read these, so nothing personal goes out:
// never the citizen's name, phone or email. The citizen's own words (description), the place
// (address, lat/long) and the unit's reply to the citizen (as status_notes once closed) are
// shown only for requests that came in through Open311, whose submitters posted them to a
// public API; a phone caller or web-form user was never told their words would be published.
// Even there, the citizen's own name and number are masked wherever the text repeats them.
import { maskIdentityInText } from '../../lib/citizenIdentity';
import { SHANGHAI_OFFSET_MS } from '../../rules/shanghaiTime';
import { FINISHED_STATUSES, type CaseStatus } from '../../rules/lifecycle/types';
import { bilingual } from './services';

export type Open311Status = 'open' | 'closed';

export function open311Status(status: string): Open311Status {
  return FINISHED_STATUSES.includes(status as CaseStatus) ? 'closed' : 'open';
}

/** What the citizen may be told about each state (never who did what, nor why). */
const STATUS_NOTES: Record<CaseStatus, string> = {
  registered: bilingual('已受理，等待交办', 'Registered; awaiting dispatch'),
  dispatched: bilingual('已交办承办单位', 'Dispatched to the responsible unit'),
  returnRequested: bilingual('正在重新确定承办单位', 'The responsible unit is being re-determined'),
  arbitration: bilingual('正在重新确定承办单位', 'The responsible unit is being re-determined'),
  signed: bilingual('承办单位正在办理', 'Being handled by the responsible unit'),
  subDispatched: bilingual('承办单位正在办理', 'Being handled by the responsible unit'),
  resultSubmitted: bilingual('办理结果审核中', 'The result is being reviewed'),
  unitApproved: bilingual('办理结果审核中', 'The result is being reviewed'),
  callback: bilingual('正在回访', 'Satisfaction callback in progress'),
  awaitingUnsatisfiedDecision: bilingual('已收到您的评价，正在研究处理', 'Your feedback was received and is being considered'),
  closed: bilingual('已办结', 'Closed'),
  reReview: bilingual('复核中', 'Under re-review'),
  archived: bilingual('已办结', 'Closed'),
  answeredDirectly: bilingual('已直接答复', 'Answered at first contact'),
  rejected: bilingual('不予受理（不属于热线受理范围）', 'Not accepted: outside the hotline’s remit'),
  merged: bilingual('重复诉求，已合并办理', 'Duplicate request; merged into another request'),
};

/** Epoch → w3c datetime in China Standard Time, e.g. 2026-12-14T23:59:59+08:00. */
export function w3cDateTime(date: Date): string {
  return `${new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * The text with the citizen's name and phone number masked in any form, and any other phone or
 * ID-card number in it too (lib/citizenIdentity.ts).
 */
export function withoutCitizenIdentity(text: string, citizen: { citizenName: string | null; citizenPhone: string | null }): string {
  return maskIdentityInText(text, { names: citizen.citizenName ? [citizen.citizenName] : [], phones: citizen.citizenPhone ? [citizen.citizenPhone] : [] });
}

export interface CaseForOpen311 {
  id: string;
  channel: string;
  status: string;
  content: string;
  /** Only to mask them in the texts that go out. */
  citizenName: string | null;
  citizenPhone: string | null;
  address: string | null;
  latitude: { toNumber(): number } | null;
  longitude: { toNumber(): number } | null;
  receivedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  handleDueAt: Date | null;
  mergedIntoId: string | null;
  leadUnit: { name: string; nameEn: string | null } | null;
}

export interface RequestContext {
  service: { code: string; name: string } | null;
  serviceNotice: string | null;
  /** The accepted reply to the citizen, once the case is closed. */
  reply: string | null;
  submission: { addressId: string | null; mediaUrl: string | null } | null;
}

/** One <request> of GET /requests, in the spec's field order. */
export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export function toOpen311Request(row: CaseForOpen311, context: RequestContext): Open311Request {
  const status = open311Status(row.status);
  const submittedHere = row.channel === 'open311';
  const note = STATUS_NOTES[row.status as CaseStatus] ?? STATUS_NOTES.registered;
  const reply = submittedHere && status === 'closed' && context.reply ? withoutCitizenIdentity(context.reply, row) : null;
  return {
    service_request_id: row.id,
    status,
    status_notes: reply ?? (row.status === 'merged' && row.mergedIntoId ? `${note}: ${row.mergedIntoId}` : note),
    service_name: context.service?.name ?? null,
    service_code: context.service?.code ?? null,
    description: submittedHere ? withoutCitizenIdentity(row.content, row) : null,
    agency_responsible: row.leadUnit ? bilingual(row.leadUnit.name, row.leadUnit.nameEn) : null,
    service_notice: context.serviceNotice,
    requested_datetime: w3cDateTime(row.receivedAt),
    // The spec: for a closed request, the time it was closed.
    updated_datetime: w3cDateTime(status === 'closed' && row.closedAt ? row.closedAt : row.updatedAt),
    expected_datetime: row.handleDueAt ? w3cDateTime(row.handleDueAt) : null,
    address: submittedHere ? row.address : null,
    address_id: submittedHere ? (context.submission?.addressId ?? null) : null,
    zipcode: null,
    lat: submittedHere && row.latitude ? row.latitude.toNumber() : null,
    long: submittedHere && row.longitude ? row.longitude.toNumber() : null,
    media_url: submittedHere ? (context.submission?.mediaUrl ?? null) : null,
  };
}
