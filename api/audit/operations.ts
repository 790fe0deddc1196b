// The audit routes in the OpenAPI description.
import type { Operation } from '../openapi/operation';
import { AUDIT_VERIFIER_ROLES, verifyQuery } from './routes';

export function auditOperations(): Operation[] {
  return [
    {
      method: 'GET',
      path: '/api/audit/verify',
      tag: 'audit',
      summary: 'Recompute the audit hash chains (one case, one chainKey, or all): ok, or the first broken link of each chain (hashMismatch, gap, prevMismatch, headMismatch)',
      auth: 'bearer',
      roles: AUDIT_VERIFIER_ROLES,
      query: verifyQuery,
      success: { status: 200, description: 'the verification report (200 also when a chain is broken)' },
      errors: [404],
    },
  ];
}
