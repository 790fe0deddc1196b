// The case's state as of a moment and the difference between two moments, rebuilt from its
// audit trail by the lifecycle's pure replay (rules/lifecycle/replay.ts).
import type { PrismaClient } from '../../prisma/client';
import { jsonDiff, type JsonChange } from '../../lib/jsonDiff';
import { lifecycleEvents, replayEvents, type Replay } from '../../rules/lifecycle/replay';
import type { PetitionEvent } from '../../rules/lifecycle/types';

/** The lifecycle events of a case, ordered by seq, from its audit rows. */
export async function loadLifecycleEvents(prisma: PrismaClient, caseId: string): Promise<PetitionEvent[]> {
  const rows = await prisma.auditEvent.findMany({ where: { caseId, entityType: 'case' }, orderBy: { id: 'asc' } });
  return lifecycleEvents(caseId, rows);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A replay as the API answers it: times as ISO strings. */
export function presentReplay(caseId: string, asOf: number, replay: Replay) {
  return { caseId, asOf: iso(asOf), last: replay.last && { seq: replay.last.seq, at: iso(replay.last.at) }, state: replay.state };
}

/** GET /api/cases/:id/state?asOf= */
export type ReplayAnswer = ReturnType<typeof presentReplay>;

/** An event as an auditor reads it: who (id, roles, unit), when, what, why, and its data. */
export function presentEvent(event: PetitionEvent) {
  const { seq, at, actor, reason, type, ...data } = event;
  return { seq, at: iso(at), action: type, actorId: actor.id, actorRoles: actor.roles, actorUnitId: actor.unitId, reason, data };
}

/**
 * `recent` (the state's sliding window of the last 20 events) is left out of the paths: it
 * shifts on every event and the diff lists the events themselves.
 */
export const DIFF_IGNORED_PATHS = ['recent'] as const;

function withoutIgnored(state: unknown): unknown {
  if (state === null || typeof state !== 'object') return state;
  const copy = { ...(state as Record<string, unknown>) };
  for (const key of DIFF_IGNORED_PATHS) delete copy[key];
  return copy;
}

export function stateDiff(caseId: string, events: PetitionEvent[], from: number, to: number) {
  const before = replayEvents(events, from);
  const after = replayEvents(events, to);
  const fromSeq = before.last?.seq ?? 0;
  const changes: JsonChange[] = jsonDiff(withoutIgnored(before.state), withoutIgnored(after.state));
  return {
    caseId,
    from: presentReplay(caseId, from, before),
    to: presentReplay(caseId, to, after),
    ignoredPaths: DIFF_IGNORED_PATHS,
    changes,
    events: after.events.filter((e) => e.seq > fromSeq).map(presentEvent),
  };
}

/** GET /api/cases/:id/state-diff?from=&to= */
export type StateDiffAnswer = ReturnType<typeof stateDiff>;
