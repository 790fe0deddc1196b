// The stuck-cases routes in the OpenAPI description.
import type { Operation } from '../openapi/operation';
import { STUCK_CASE_READERS, STUCK_CASE_RETRIERS } from './routes';
import { retryBody, stuckCaseListQuery, stuckStepParams } from './schemas';

export function stuckCaseOperations(): Operation[] {
  const base = { tag: 'system', auth: 'bearer' as const };
  return [
    { ...base, method: 'GET', path: '/api/stuck-cases', summary: 'Workflow steps that failed and wait (projection writes, rules loads, notices, callback and poll writes), with the error and the case or poll campaign; filter resolved, caseId, pollCampaignId, step, permanent', roles: STUCK_CASE_READERS, query: stuckCaseListQuery, success: { status: 200, description: 'a page of stuck steps', list: true } },
    { ...base, method: 'POST', path: '/api/stuck-cases/retry', summary: 'Retry every stuck step now (after fixing the cause); audited', roles: STUCK_CASE_RETRIERS, body: retryBody, success: { status: 200, description: 'how many workflows were signalled' } },
    { ...base, method: 'POST', path: '/api/stuck-cases/:id/retry', summary: 'Retry the stuck steps of one workflow (a case’s or a poll campaign’s) now; audited', roles: STUCK_CASE_RETRIERS, params: stuckStepParams, body: retryBody, success: { status: 202, description: 'the workflow was signalled; the step runs again' }, errors: [404, 409] },
  ];
}
