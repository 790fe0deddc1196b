// What the operator's desk reads from the API, as the API returns it.

/** GET /api/case-types */
export interface CaseTypeRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  active: boolean;
}

/** GET /api/categories */
export interface CategoryRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  parentId: string | null;
  lineage: string[];
  active: boolean;
  sortOrder: number;
}

/** An earlier case of the same caller or place (POST /api/cases, the live feed). */
export interface EarlierCase {
  id: string;
  title: string;
  status: string;
  receivedAt: string;
}

export interface DuplicateCandidate extends EarlierCase {
  reason: 'sameCaller' | 'samePlaceAndCategory';
}

/** POST /api/cases and POST /api/telephony/sms-drafts/:id/register */
export interface RegisteredCase {
  caseId: string;
  queryPassword: string;
  duplicateCandidates: DuplicateCandidate[];
  callerHistory: EarlierCase[];
}

/** GET /api/knowledge/search */
export interface KnowledgeArticle {
  id: string;
  title: string;
  keywords: string[];
  answers: { id: string; body: string; sortOrder: number }[];
  matchedBy: 'text' | 'similarTitle';
}

/** GET /api/telephony/calls */
export interface CallRow {
  id: string;
  purpose: 'intake' | 'voicemail' | 'caseQuery' | 'callback' | 'other';
  fromNumber: string;
  status: string;
  startedAt: string;
  answeredAt: string | null;
  queueName: string | null;
  queuedAt: string | null;
  needsCallback: boolean;
  calledBackAt: string | null;
  caseId: string | null;
}

/** GET /api/telephony/calls/:id */
export interface CallDetail extends CallRow {
  recordings: { id: string; status: string; attachment: { id: string; contentType: string } | null }[];
}

/** GET /api/telephony/sms-drafts */
export interface SmsDraft {
  id: string;
  state: 'open' | 'registered' | 'dismissed';
  fromNumber: string;
  body: string;
  receivedAt: string;
  caseId: string | null;
}

/** One frame of GET /api/telephony/live (api/telephony/liveStream.ts). */
export interface LiveCallEvent {
  type: 'ringing' | 'answered' | 'ended';
  callId: string;
  fromNumber: string;
  callerHistory?: EarlierCase[];
}
