// The OpenAPI description of the replay routes (api/openapi/operations.ts spreads it in).
import { caseIdParams } from '../cases/params';
import type { Operation } from '../openapi/operation';
import { REPLAY_ROLES } from './routes';
import { stateDiffQuery, stateQuery } from './schemas';

export function caseReplayOperations(): Operation[] {
  const base = { tag: 'audit', auth: 'bearer' as const, roles: REPLAY_ROLES, params: caseIdParams, errors: [404] };
  return [
    { ...base, method: 'GET', path: '/api/cases/:id/state', summary: 'The case’s state as of a moment (default now), replayed from its audit trail, with the seq and time of the last event included', query: stateQuery, success: { status: 200, description: '{ caseId, asOf, last, state }' } },
    { ...base, method: 'GET', path: '/api/cases/:id/state-diff', summary: 'The case’s states at two moments, the changed paths (before → after) and the events between (who, role, unit, when, action, reason)', query: stateDiffQuery, success: { status: 200, description: '{ from, to, changes, events }' } },
    { ...base, method: 'GET', path: '/api/cases/:id/temporal-history', summary: 'The case workflow’s Temporal event history, every run oldest first, as Temporal’s proto JSON (an identity read)', success: { status: 200, description: '{ caseId, workflowId, available, runs: [{ runId, history }], reason? }' } },
    { ...base, method: 'GET', path: '/api/cases/:id/case-file', summary: 'The case file as one JSON attachment: projection, full audit trail, Temporal history of every run, replayed state, generation metadata (audited)', success: { status: 200, description: 'case-<id>.json' } },
  ];
}
