// What each route of the API is, for its OpenAPI description: method, path (Express syntax),
// who may call it, and the zod schemas the route itself validates with. A test checks this
// table against the routes the app really serves, both ways.
import { loginBody, refreshBody } from '../auth/routes';
import { dayBody, dayParams, openYearBody, removeYearBody, yearQuery } from '../calendar/routes';
import { RULES_BROADCAST_READERS, rulesBroadcastBody } from '../rulesBroadcast/routes';
import { caseListQuery } from '../cases/listQuery';
import { caseAnswer, caseIdParams } from '../cases/params';
import { registrationBody } from '../cases/registration';
import { complainedUnitBody, COMPLAINED_UNIT_ROLES, confidentialityBody, CONFIDENTIALITY_ROLES } from '../cases/confidentiality';
import { adminOperations } from './adminOperations';
import { auditOperations } from '../audit/operations';
import { smsOperations } from '../telephony/smsOperations';
import { blockedCallerOperations } from '../telephony/blockedCallerOperations';
import { apiClientCreateBody } from '../apiClients/routes';
import { idParams } from '../http/fields';
import { attachmentContentQuery, attachmentParams, caseAttachmentListQuery, caseAttachmentParams, removalBody, uploadFields } from '../attachments/schemas';
import { UPLOADER_ROLES } from '../attachments/access';
import { fileParams, formatParams, jurisdictionQuery, serviceRequestBody, serviceRequestsQuery } from '../open311/schemas';
import { reReviewBody, surveyAnswerBody } from '../public/links';
import { lookupParams, lookupQuery } from '../public/lookup';
import { publicPetitionBody } from '../public/petitionForm';
import { publishedListQuery, publishedParams } from '../public/publishedResults';
import { telephonyOperations } from '../telephony/operations';
import { callbackCallOperations } from '../twilio/callback/operations';
import { pollCallOperations } from '../twilio/poll/operations';
import { pollOperations } from '../polls/operations';
import { caseReplayOperations } from '../caseReplay/operations';
import { codecOperations } from '../codec/operations';
import { statisticsOperations } from '../statistics/operations';
import { hotspotOperations } from '../statistics/hotspotOperations';
import { callCentreOperation } from '../statistics/callCentreRoutes';
import { stuckCaseOperations } from '../stuckCases/operations';
import { replyReportParams } from '../papers/routes';
import type { Operation } from './operation';

const OPEN311_FORMATS = ['application/json', 'text/xml'];

/**
 * GeoReport v2 (docs/open311.md): the format is the URL's extension; errors are the spec's list.
 * Every /v2 resource answers 404 for a jurisdiction_id other than the one served.
 */
function open311Operations(): Operation[] {
  // Every read is limited per address (429).
  const base = { tag: 'open311', auth: 'none' as const, produces: OPEN311_FORMATS, errors: [429] };
  const v2 = { ...base, errors: [404, 429] };
  return [
    { ...base, method: 'GET', path: '/open311/discovery.:format', summary: 'Service Discovery document', params: formatParams, success: { status: 200, description: 'endpoints and formats' } },
    { ...v2, method: 'GET', path: '/open311/v2/services.:format', summary: 'Service list: the active leaf categories', params: formatParams, query: jurisdictionQuery, success: { status: 200, description: 'services', array: true } },
    { ...v2, method: 'GET', path: '/open311/v2/services/:file', summary: 'Service definition; {file} is `<service_code>.<format>`', params: fileParams, query: jurisdictionQuery, success: { status: 200, description: 'the definition' } },
    { ...v2, method: 'POST', path: '/open311/v2/requests.:format', summary: 'Submit a service request (needs api_key); becomes a case', params: formatParams, body: serviceRequestBody, consumes: ['application/x-www-form-urlencoded', 'application/json'], success: { status: 201, description: '[{service_request_id, service_notice, account_id}]', array: true }, errors: [403, 404, 429], idempotencyKey: 'intake', registersCase: true },
    { ...v2, method: 'GET', path: '/open311/v2/requests.:format', summary: 'Service requests (ids, service codes, status, date window; no personal data)', params: formatParams, query: serviceRequestsQuery, success: { status: 200, description: 'requests', array: true } },
    { ...v2, method: 'GET', path: '/open311/v2/requests/:file', summary: 'One service request; {file} is `<service_request_id>.<format>`', params: fileParams, query: jurisdictionQuery, success: { status: 200, description: 'the request (a list of one, as the spec has it)', array: true } },
  ];
}

export const operations: Operation[] = [
  { method: 'GET', path: '/healthz', tag: 'system', summary: 'Health of PostgreSQL, Temporal and the working-day calendar (503 when degraded)', auth: 'none', success: { status: 200, description: 'every check passed' }, errors: [503] },
  { method: 'GET', path: '/api/openapi.json', tag: 'system', summary: 'This description', auth: 'none', success: { status: 200, description: 'OpenAPI 3.1 document' } },

  { method: 'POST', path: '/auth/login', tag: 'auth', summary: 'Sign in: a short-lived access JWT and a single-use refresh token', auth: 'none', body: loginBody, success: { status: 200, description: 'tokens and the user' }, errors: [401, 429] },
  { method: 'POST', path: '/auth/refresh', tag: 'auth', summary: 'Trade a refresh token for new tokens (reuse revokes every session)', auth: 'none', body: refreshBody, success: { status: 200, description: 'new tokens' }, errors: [401] },
  { method: 'POST', path: '/auth/logout', tag: 'auth', summary: 'Revoke a refresh token', auth: 'none', body: refreshBody, success: { status: 204, description: 'revoked' } },
  { method: 'GET', path: '/auth/me', tag: 'auth', summary: 'The signed-in user', auth: 'bearer', success: { status: 200, description: 'user, roles, unit and the user’s own phone' } },

  { method: 'GET', path: '/api/cases', tag: 'cases', summary: 'List cases from the projection (filter, range, sort as JSON; Content-Range, its total `*` past 1,000 matching cases; a full page sorted by one column other than status or warningLevel has `Link: <…&after=…>; rel="next"`, the keyset continuation after its last row); each row its list columns only (the case itself has the text and address), or with `fields` (a JSON array of list columns and `timeLeft`) only those and its id; citizen identity masked (for units also inside the text, which their q searches); 403 for a unit filtering by citizenPhone, citizenName or a q with more than 2 digits', auth: 'bearer', query: caseListQuery, success: { status: 200, description: 'a page of cases', list: true }, errors: [403] },
  { method: 'POST', path: '/api/cases', tag: 'cases', summary: 'Register a case (operator intake): number, query password, duplicate candidates, caller history', auth: 'bearer', roles: ['operator', 'dispatcher'], body: registrationBody, success: { status: 201, description: 'the registered case', creates: { pointer: '/id', under: '/api/cases/:id' } }, idempotencyKey: 'intake', registersCase: true },
  { method: 'GET', path: '/api/cases/:id', tag: 'cases', summary: 'A case with assignments, results, callbacks, urges, supervision notices (with the unit\'s reply, its deadline and the office\'s evaluation), return and extension requests, and the commands the user could give it now (`allowedCommands`); full citizen identity for office roles (audited)', auth: 'bearer', params: caseIdParams, success: { status: 200, description: 'the case', schema: caseAnswer }, errors: [404] },
  { method: 'GET', path: '/api/cases/:id/dispatch-sheet.pdf', tag: 'cases', summary: 'The printable 交办单 (dispatch sheet) of a dispatched case, a PDF in Chinese: whoever may read the case, with the citizen identity as the case read shows it (masked for units; an office read of it is audited); 404 before the first dispatch', auth: 'bearer', params: caseIdParams, produces: ['application/pdf'], success: { status: 200, description: 'the PDF (attachment)' }, errors: [404] },
  { method: 'GET', path: '/api/cases/:id/results/:resultId/reply-report.pdf', tag: 'cases', summary: 'The unit’s 答复报告 (reply report) of one result, a PDF in Chinese: 调查情况, 法律依据, 承办人, 审核人, the reply to the citizen; readable and masked as the case read', auth: 'bearer', params: replyReportParams, produces: ['application/pdf'], success: { status: 200, description: 'the PDF (attachment)' }, errors: [404] },
  { method: 'GET', path: '/api/cases/:id/history', tag: 'cases', summary: 'Every audit event of a case, oldest first', auth: 'bearer', params: caseIdParams, success: { status: 200, description: 'audit events', array: true }, errors: [404] },
  { method: 'GET', path: '/api/cases/:id/identity-reads', tag: 'cases', summary: 'Who read the citizen’s unmasked identity, newest first', auth: 'bearer', roles: ['auditor', 'supervisor', 'admin'], params: caseIdParams, success: { status: 200, description: 'reads', array: true }, errors: [404] },
  { method: 'POST', path: '/api/cases/:id/confidentiality', tag: 'cases', summary: 'Set or lift 保密 on a case (identity withheld from every unit, call audio refused to units, out of every public list), with a reason, audited; 409 when the case is in that state already', auth: 'bearer', roles: CONFIDENTIALITY_ROLES, params: caseIdParams, body: confidentialityBody, success: { status: 200, description: '{ id, confidential, complainedUnitId }' }, errors: [404, 409] },
  { method: 'POST', path: '/api/cases/:id/complained-unit', tag: 'cases', summary: 'Name (or clear) the unit the citizen complains about (回避: it and the units below it do not receive the citizen’s words), with a reason, audited; 409 when unchanged', auth: 'bearer', roles: COMPLAINED_UNIT_ROLES, params: caseIdParams, body: complainedUnitBody, success: { status: 200, description: '{ id, confidential, complainedUnitId }' }, errors: [404, 409] },
  // POST /api/cases/:id/commands/:command is described per command by the document builder.

  { method: 'GET', path: '/api/calendar', tag: 'calendar', summary: 'The working-day calendar of a year, covered years and years importable from chinese-days', auth: 'bearer', query: yearQuery, success: { status: 200, description: 'the year' } },
  { method: 'PUT', path: '/api/calendar/:date', tag: 'calendar', summary: 'Change a day (working or not); open cases recompute their deadlines', auth: 'bearer', roles: ['admin'], params: dayParams, body: dayBody, success: { status: 200, description: 'the day and the rules broadcast it requested (`rulesBroadcast`)' }, errors: [404] },
  { method: 'POST', path: '/api/calendar/import/:year', tag: 'calendar', summary: 'Import a year from chinese-days (a covered year again, or one adjoining the covered years: 409 otherwise)', auth: 'bearer', roles: ['admin'], params: yearQuery, success: { status: 200, description: 'days imported' }, errors: [404, 409] },
  { method: 'POST', path: '/api/calendar/years/:year', tag: 'calendar', summary: 'Open a year chinese-days has no notice for: every day, Monday to Friday working, to be edited by hand (adjoining the covered years)', auth: 'bearer', roles: ['admin'], params: yearQuery, body: openYearBody, success: { status: 201, description: 'the year opened' }, errors: [409] },
  { method: 'DELETE', path: '/api/calendar/years/:year', tag: 'calendar', summary: 'Remove the first or last covered year (not the current one), with a reason; open cases recompute their deadlines', auth: 'bearer', roles: ['admin'], params: yearQuery, body: removeYearBody, success: { status: 200, description: 'the year removed and the rules broadcast it requested (`rulesBroadcast`)' }, errors: [404, 409] },


  { method: 'GET', path: '/api/rules-broadcast', tag: 'policies', summary: 'How far the last rules broadcast (telling open cases that the calendar, a policy or a setting changed) has come', auth: 'bearer', roles: RULES_BROADCAST_READERS, success: { status: 200, description: 'the broadcast, its Temporal status and its progress' }, errors: [404, 503] },
  { method: 'POST', path: '/api/rules-broadcast', tag: 'policies', summary: 'Tell every open case again that the rules changed (audited, with a reason)', auth: 'bearer', roles: ['admin'], body: rulesBroadcastBody, success: { status: 202, description: 'the broadcast requested' }, errors: [503] },

  { method: 'GET', path: '/api/api-clients', tag: 'open311', summary: 'Open311 API clients (never their keys)', auth: 'bearer', roles: ['admin'], success: { status: 200, description: 'clients', list: true } },
  { method: 'GET', path: '/api/api-clients/:id', tag: 'open311', summary: 'An Open311 API client', auth: 'bearer', roles: ['admin'], params: idParams, success: { status: 200, description: 'the client' }, errors: [404] },
  { method: 'POST', path: '/api/api-clients', tag: 'open311', summary: 'Issue an API key (shown once; only its hash is kept)', auth: 'bearer', roles: ['admin'], body: apiClientCreateBody, success: { status: 201, description: 'the client and its key', creates: { pointer: '/id', under: '/api/api-clients/:id' } } },
  { method: 'DELETE', path: '/api/api-clients/:id', tag: 'open311', summary: 'Deactivate a client (its key stops working)', auth: 'bearer', roles: ['admin'], params: idParams, success: { status: 200, description: 'the deactivated client' }, errors: [404] },

  { method: 'GET', path: '/api/cases/:id/attachments', tag: 'attachments', summary: 'A case’s photos, documents and recordings (metadata)', auth: 'bearer', params: caseAttachmentParams, query: caseAttachmentListQuery, success: { status: 200, description: 'attachments', array: true }, errors: [404] },
  { method: 'POST', path: '/api/cases/:id/attachments', tag: 'attachments', summary: 'Upload up to 10 files to a case (multipart field `file`, optional `kind`); type read from the bytes', auth: 'bearer', roles: UPLOADER_ROLES, params: caseAttachmentParams, body: uploadFields, consumes: ['multipart/form-data'], success: { status: 201, description: 'the stored attachments', array: true, creates: { pointer: '/0/id', under: '/api/attachments/:id' } }, errors: [404, 409, 413, 415] },
  { method: 'POST', path: '/api/attachments', tag: 'attachments', summary: 'Upload files not yet tied to a case (a result cites them in attachmentIds)', auth: 'bearer', roles: UPLOADER_ROLES, body: uploadFields, consumes: ['multipart/form-data'], success: { status: 201, description: 'the stored attachments', array: true, creates: { pointer: '/0/id', under: '/api/attachments/:id' } }, errors: [413, 415] },
  { method: 'GET', path: '/api/attachments/:id', tag: 'attachments', summary: 'An attachment’s metadata', auth: 'bearer', params: attachmentParams, success: { status: 200, description: 'the attachment' }, errors: [404] },
  { method: 'GET', path: '/api/attachments/:id/content', tag: 'attachments', summary: 'The bytes, streamed, with Range support (206 / 416)', auth: 'bearer', params: attachmentParams, query: attachmentContentQuery, produces: ['application/octet-stream'], success: { status: 200, description: 'the file' }, errors: [404, 416] },
  { method: 'DELETE', path: '/api/attachments/:id', tag: 'attachments', summary: 'Remove a file that is not yet evidence (uploader only; audited)', auth: 'bearer', params: attachmentParams, body: removalBody, success: { status: 200, description: 'removed' }, errors: [403, 404, 409] },

  ...adminOperations(),
  ...open311Operations(),
  ...smsOperations(),
  ...telephonyOperations(),
  ...blockedCallerOperations(),
  ...callbackCallOperations(),
  ...pollOperations(),
  ...pollCallOperations(),
  ...caseReplayOperations(),
  ...codecOperations(),
  ...statisticsOperations(),
  ...hotspotOperations(),
  callCentreOperation,
  ...stuckCaseOperations(),
  ...auditOperations(),

  { method: 'POST', path: '/public/cases', tag: 'public', summary: 'A citizen’s web petition; answers the case number and query password (the receipt SMS follows); 409 with the earlier caseId for the same form again; 429 past the per-address and per-phone caps', auth: 'none', body: publicPetitionBody, success: { status: 201, description: '{ caseId, queryPassword }', creates: { pointer: '/caseId', under: '/public/cases/:caseId', query: { check: '/queryPassword' } } }, errors: [409, 413, 429], idempotencyKey: 'intake', registersCase: true },
  { method: 'GET', path: '/public/form-options', tag: 'public', summary: 'Case types and top-level categories the web form offers', auth: 'none', success: { status: 200, description: 'options' }, errors: [429] },
  { method: 'GET', path: '/public/links/:token', tag: 'public', summary: 'What a signed SMS link (survey or re-review) shows; no personal data', auth: 'none', success: { status: 200, description: 'the link’s case and question' }, errors: [404, 410, 429] },
  { method: 'POST', path: '/public/links/:token/survey', tag: 'public', summary: 'The citizen’s satisfaction answer through a survey link (unsatisfied → rehandle)', auth: 'none', body: surveyAnswerBody, success: { status: 202, description: 'taken by the callback' }, errors: [404, 409, 410, 429] },
  { method: 'POST', path: '/public/links/:token/re-review', tag: 'public', summary: 'A re-review request through the completion SMS link', auth: 'none', body: reReviewBody, success: { status: 200, description: '{ caseId, status }' }, errors: [404, 409, 410, 429] },
  { method: 'GET', path: '/public/published-results', tag: 'public', summary: 'Results the citizens agreed to publish (公开): closed cases of the types the rule publication.caseTypeCodes allows (举报 never), newest first, 20 a page; redacted: no name, phone, ID number, address or staff name', auth: 'none', query: publishedListQuery, success: { status: 200, description: '{ page, pageSize, total, items }' }, errors: [429] },
  { method: 'GET', path: '/public/published-results/:caseId', tag: 'public', summary: 'One published result: the request and the accepted reply, redacted; 404 for any case not published', auth: 'none', params: publishedParams, success: { status: 200, description: 'the redacted case and reply' }, errors: [404, 429] },
  { method: 'GET', path: '/public/cases/:caseId', tag: 'public', summary: 'A citizen looks a case up by number and query password or the phone’s last 4 digits; no personal data', auth: 'none', params: lookupParams, query: lookupQuery, success: { status: 200, description: 'status and public timeline' }, errors: [404, 429] },
];
