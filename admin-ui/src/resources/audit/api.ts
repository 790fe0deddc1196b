// What the auditor's screens read: the case's audit rows, its replayed state, the diff between
// two moments, its Temporal history and the audit chains' verification — all through the data
// provider, as react-query queries so that a command's refresh reloads them too.
import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { BrokenLink, ChainReport, VerifyAllReport } from '../../../../api/audit/verificationReport';
import type { CaseHistoryRow } from '../../../../api/cases/answers';
import type { ReplayAnswer, StateDiffAnswer } from '../../../../api/caseReplay/caseStates';
import type { Clock, PetitionState } from '../../../../rules/lifecycle/types';
import type { HotlineDataProvider } from '../../shell/providers/dataProvider';
import type { Json } from '../../shell/providers/json';

export type { BrokenLink };

/** One row of `GET /api/cases/:id/history` (an AuditEvent). */
export type AuditRow = Json<CaseHistoryRow>;

/** The workflow's state as the replay rebuilds it (the workflow's own type, as JSON). */
export type ReplayedState = PetitionState;
export type ReplayedClock = Clock;

/** `GET /api/cases/:id/state?asOf=`. */
export type Replay = Json<ReplayAnswer>;

/** `GET /api/cases/:id/state-diff?from=&to=`. */
export type StateDiff = Json<StateDiffAnswer>;

export interface TemporalEvent {
  eventId: string;
  eventTime: string;
  eventType: string;
  [attributes: string]: unknown;
}

/** `GET /api/cases/:id/temporal-history`. */
export interface TemporalHistory {
  caseId: string;
  workflowId: string;
  available: boolean;
  reason?: string;
  runs: { runId: string; history: { events?: TemporalEvent[] } }[];
}

const casePath = (caseId: string, rest: string) => `/api/cases/${encodeURIComponent(caseId)}/${rest}`;

/** The lifecycle rows of a case's trail are keyed `<caseId>:<seq>` (docs/audit-replay.md). */
export const isLifecycleRow = (caseId: string, row: AuditRow) => row.entityType === 'case' && row.idempotencyKey.startsWith(`${caseId}:`);

export const useCaseHistory = (caseId: string) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  return useQuery({
    queryKey: ['hotline', 'audit', 'history', caseId],
    queryFn: ({ signal }) => dataProvider.getJson<AuditRow[]>(casePath(caseId, 'history'), { signal }),
  });
};

/** The replayed state as of `asOf` (ISO 8601 with offset), or now without it. */
export const useReplay = (caseId: string, asOf?: string, enabled = true) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  const query = asOf === undefined ? '' : `?asOf=${encodeURIComponent(asOf)}`;
  return useQuery({
    queryKey: ['hotline', 'audit', 'state', caseId, asOf ?? 'now'],
    queryFn: ({ signal }) => dataProvider.getJson<Replay>(casePath(caseId, `state${query}`), { signal }),
    enabled,
    placeholderData: (previous) => previous,
  });
};

export const useStateDiff = (caseId: string, from: string, to: string) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  return useQuery({
    queryKey: ['hotline', 'audit', 'stateDiff', caseId, from, to],
    queryFn: ({ signal }) => dataProvider.getJson<StateDiff>(casePath(caseId, `state-diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`), { signal }),
  });
};

export const useTemporalHistory = (caseId: string) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  return useQuery({
    queryKey: ['hotline', 'audit', 'temporalHistory', caseId],
    queryFn: ({ signal }) => dataProvider.getJson<TemporalHistory>(casePath(caseId, 'temporal-history'), { signal }),
  });
};

export const useCaseChainReport = (caseId: string) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  return useQuery({
    queryKey: ['hotline', 'audit', 'verify', caseId],
    queryFn: ({ signal }) => dataProvider.getJson<ChainReport>(`/api/audit/verify?caseId=${encodeURIComponent(caseId)}`, { signal }),
  });
};

/**
 * Every chain: a full pass reads the whole trail (about 30 s at a million rows, docs/audit.md),
 * so it runs when the auditor asks, and its result is kept for the session.
 */
export const useWholeChainReport = () => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  return useQuery({
    queryKey: ['hotline', 'audit', 'verifyAll'],
    queryFn: ({ signal }) => dataProvider.getJson<VerifyAllReport>('/api/audit/verify', { signal }),
    enabled: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });
};
