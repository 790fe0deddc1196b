// What the console's call and SMS screens get from /api/telephony: the calls as stored, a call
// with its recordings and transcript, an inbound SMS as a draft to register, and a caller block.
// The routes build their answers from these; the console reads the same types.
import type { BlockedCaller, Call } from '../../prisma/generated/browser';
import type { CallerBlockStatus } from '../../lib/callerBlocks';
import type { CallGetPayload, CallInclude } from '../../prisma/generated/models';
import { confidentialMarkOf } from '../../rules/confidentialMark';

/** GET /api/telephony/calls: the rows as stored. */
export type CallRow = Call;

/** What GET /api/telephony/calls/:id adds to the row: its recordings (and their files) and its transcript. */
export const CALL_WITH_MEDIA = {
  recordings: { orderBy: { createdAt: 'asc' }, include: { attachment: { select: { id: true, fileName: true, contentType: true, sizeBytes: true, caseId: true } } } },
  transcript: { orderBy: { startMs: 'asc' } },
} satisfies CallInclude;

/** GET /api/telephony/calls/:id */
export type CallDetail = CallGetPayload<{ include: typeof CALL_WITH_MEDIA }>;

export type SmsDraftState = 'open' | 'registered' | 'dismissed';

/** GET /api/telephony/sms-drafts: an inbound SMS no case was made of yet, or what became of it. */
export function smsDraftView(m: { id: string; fromNumber: string; toNumber: string; body: string; createdAt: Date; caseId: string | null; dismissedAt: Date | null; dismissedById: string | null }) {
  const state: SmsDraftState = m.caseId ? 'registered' : m.dismissedAt ? 'dismissed' : 'open';
  // confidentialRequested: the text is marked 【保密】/保密： — registered, its case is confidential.
  return { id: m.id, state, fromNumber: m.fromNumber, toNumber: m.toNumber, body: m.body, confidentialRequested: confidentialMarkOf(m.body).confidential, receivedAt: m.createdAt, caseId: m.caseId, dismissedAt: m.dismissedAt, dismissedById: m.dismissedById };
}
export type SmsDraftView = ReturnType<typeof smsDraftView>;

/** GET /api/telephony/blocked-callers: a caller block as stored, with its status when answered. */
export type BlockedCallerAnswer = BlockedCaller & { status: CallerBlockStatus };
