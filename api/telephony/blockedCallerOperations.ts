// The caller blocklist's routes in the OpenAPI description (issue 20).
import type { Operation } from '../openapi/operation';
import { blockApprovalBody, blockIdParams, blockLiftBody, blockListQuery, blockProposalBody, blockRejectionBody } from './blockedCallerSchemas';
import { BLOCK_PROPOSER_ROLES, BLOCK_READER_ROLES, BLOCK_REVIEWER_ROLES } from './blockedCallers';

export function blockedCallerOperations(): Operation[] {
  const base = { tag: 'telephony', auth: 'bearer' as const };
  const path = '/api/telephony/blocked-callers';
  return [
    { ...base, method: 'GET', path, summary: 'Caller blocks (filter: status pending|active|expired|rejected|lifted, one or several; number; id), newest proposal first; each with its derived status', roles: BLOCK_READER_ROLES, query: blockListQuery, success: { status: 200, description: 'a page of blocks', list: true } },
    { ...base, method: 'GET', path: `${path}/:id`, summary: 'A caller block with its status', roles: BLOCK_READER_ROLES, params: blockIdParams, success: { status: 200, description: 'the block' }, errors: [404] },
    { ...base, method: 'POST', path, summary: 'Propose blocking a harassing number (pending until a supervisor approves it) for `days` (default ivr.blockDefaultDays, at most ivr.blockMaxDays); 409 when the number has a pending or active block; audited', roles: BLOCK_PROPOSER_ROLES, body: blockProposalBody, success: { status: 201, description: 'the proposed block' }, errors: [409] },
    { ...base, method: 'POST', path: `${path}/:id/approve`, summary: 'Approve a pending block: the IVR refuses the number from now until now + days; 409 when not pending; audited', roles: BLOCK_REVIEWER_ROLES, params: blockIdParams, body: blockApprovalBody, success: { status: 200, description: 'the active block' }, errors: [404, 409] },
    { ...base, method: 'POST', path: `${path}/:id/reject`, summary: 'Reject a pending block with a comment; 409 when not pending; audited', roles: BLOCK_REVIEWER_ROLES, params: blockIdParams, body: blockRejectionBody, success: { status: 200, description: 'the rejected block' }, errors: [404, 409] },
    { ...base, method: 'POST', path: `${path}/:id/lift`, summary: 'Lift an active block before its expiry, with a reason; 409 when not active; audited', roles: BLOCK_REVIEWER_ROLES, params: blockIdParams, body: blockLiftBody, success: { status: 200, description: 'the lifted block' }, errors: [404, 409] },
  ];
}
