// What the operator's desk reads from the API: the server's own answer types (intake, calls,
// SMS drafts, the live feed), with dates as the strings JSON carries.
import type { RegisteredCase as ServerRegisteredCase } from '../../../../api/cases/intake';
import type { EarlierCaseView } from '../../../../api/cases/intakeRequests';
import type { LiveCallEvent as ServerLiveCallEvent } from '../../../../api/telephony/liveCallEvent';
import type { CallDetail as ServerCallDetail, CallRow as ServerCallRow, SmsDraftView } from '../../../../api/telephony/answers';
import type { ArticleSearchHit } from '../../../../api/knowledge/answers';
import type { Json } from '../../shell/providers/json';

/** An earlier case of the same caller or place (POST /api/cases, the live feed). */
export type EarlierCase = Json<EarlierCaseView>;

/** POST /api/cases and POST /api/telephony/sms-drafts/:id/register */
export type RegisteredCase = Json<ServerRegisteredCase>;
export type DuplicateCandidate = RegisteredCase['duplicateCandidates'][number];

/** GET /api/knowledge/search */
export type KnowledgeArticle = Json<ArticleSearchHit>;

/** GET /api/telephony/calls */
export type CallRow = Json<ServerCallRow>;

/** GET /api/telephony/calls/:id */
export type CallDetail = Json<ServerCallDetail>;

/** GET /api/telephony/sms-drafts */
export type SmsDraft = Json<SmsDraftView>;

/** One frame of GET /api/telephony/live. */
export type LiveCallEvent = Json<ServerLiveCallEvent>;
