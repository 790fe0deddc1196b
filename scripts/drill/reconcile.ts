// Holds the drill's ledger (what the API acknowledged) against what the database holds: the
// projection (Case, CaseAssignment, Urge rows) and the audit trail (AuditEvent), found by the
// keys the drill wrote into titles and urge reasons.
import pg from 'pg';
import { isAcknowledged, type Operation, type OperationKind } from './load';

export interface Sighting {
  /** Rows in the projection that this operation made. */
  projected: number;
  /** Audit events that record it. */
  audited: number;
  /** When its first audit event was recorded (ms since the epoch), if any. */
  firstRecordedAt: number | null;
}

export interface Tally {
  sent: number;
  acknowledged: number;
  /** Acknowledged and both in the projection and in the audit trail. */
  visible: number;
  /** Acknowledged, but missing from the projection or the audit trail. */
  lost: number;
  /** In the projection or the audit trail more than once. */
  doubled: number;
  /** Answered with a 4xx (a retried command whose first attempt had been applied, say). */
  refused: number;
  /** The refusals by status and error code ("409 invalidState"). */
  refusedAs: Record<string, number>;
  /** No answer within the client's bound. */
  unanswered: number;
  /** Applied although never acknowledged. */
  appliedUnacknowledged: number;
  /** From the first attempt to the first audit event, acknowledged operations only (ms). */
  visibleAfterMs: number[];
}

/** How each operation shows in the database, by its key. */
export async function sightings(databaseUrl: string, runId: string): Promise<Map<string, Sighting>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const prefix = `drill-${runId}-%`;
    const rows = async (sql: string) => (await client.query<{ key: string; projected: number; audited: number; first: Date | null }>(sql, [prefix])).rows;
    const found = [
      // Intake: the case (its title is the key) and its registration event.
      ...(await rows(`
        SELECT c.title AS key, count(DISTINCT c.id)::int AS projected, count(a.id)::int AS audited, min(a."recordedAt") AS first
        FROM "Case" c LEFT JOIN "AuditEvent" a ON a."caseId" = c.id AND a.action = 'registered'
        WHERE c.title LIKE $1 GROUP BY c.title`)),
      // Dispatch: the case's lead assignments and dispatch events, keyed by the case's title.
      ...(await rows(`
        SELECT replace(c.title, '-intake', '-dispatch') AS key,
          (SELECT count(*)::int FROM "CaseAssignment" ca WHERE ca."caseId" = c.id AND ca.role = 'lead') AS projected,
          (SELECT count(*)::int FROM "AuditEvent" a WHERE a."caseId" = c.id AND a.action = 'dispatched') AS audited,
          (SELECT min(a."recordedAt") FROM "AuditEvent" a WHERE a."caseId" = c.id AND a.action = 'dispatched') AS first
        FROM "Case" c WHERE c.title LIKE $1`)),
      // Urge: the urge rows and events whose reason is the key.
      ...(await rows(`
        SELECT u.reason AS key, count(DISTINCT u.id)::int AS projected,
          (SELECT count(*)::int FROM "AuditEvent" a WHERE a.action = 'urged' AND a.reason = u.reason) AS audited,
          (SELECT min(a."recordedAt") FROM "AuditEvent" a WHERE a.action = 'urged' AND a.reason = u.reason) AS first
        FROM "Urge" u WHERE u.reason LIKE $1 GROUP BY u.reason`)),
    ];
    const byKey = new Map<string, Sighting>();
    for (const row of found) {
      // A case doubled by a retried intake appears twice here under one dispatch key: add up.
      const seen = byKey.get(row.key) ?? { projected: 0, audited: 0, firstRecordedAt: null };
      const first = row.first ? row.first.getTime() : null;
      byKey.set(row.key, {
        projected: seen.projected + row.projected,
        audited: seen.audited + row.audited,
        firstRecordedAt: first === null ? seen.firstRecordedAt : Math.min(first, seen.firstRecordedAt ?? first),
      });
    }
    return byKey;
  } finally {
    await client.end();
  }
}

export function emptyTally(): Tally {
  return { sent: 0, acknowledged: 0, visible: 0, lost: 0, doubled: 0, refused: 0, refusedAs: {}, unanswered: 0, appliedUnacknowledged: 0, visibleAfterMs: [] };
}

/** Adds one operation to `tally`, given how it shows in the database. */
export function count(tally: Tally, op: Operation, seen: Sighting | undefined): void {
  const projected = seen?.projected ?? 0;
  const audited = seen?.audited ?? 0;
  const applied = projected > 0 && audited > 0;
  tally.sent += 1;
  if (projected > 1 || audited > 1) tally.doubled += 1;
  if (op.answer.status === null) tally.unanswered += 1;
  else if (op.answer.status >= 400) {
    tally.refused += 1;
    const as = `${op.answer.status} ${(op.answer.body as { error?: { code?: string } } | null)?.error?.code ?? ''}`.trim();
    tally.refusedAs[as] = (tally.refusedAs[as] ?? 0) + 1;
  }
  if (isAcknowledged(op.answer)) {
    tally.acknowledged += 1;
    if (applied) {
      tally.visible += 1;
      if (seen!.firstRecordedAt !== null) tally.visibleAfterMs.push(Math.max(0, seen!.firstRecordedAt - op.answer.sentAt));
    } else {
      tally.lost += 1;
    }
  } else if (projected > 0 || audited > 0) {
    tally.appliedUnacknowledged += 1;
  }
}

/** Tallies per phase and kind of operation. */
export function tallies(ledger: Operation[], seen: Map<string, Sighting>): Map<number, Map<OperationKind, Tally>> {
  const result = new Map<number, Map<OperationKind, Tally>>();
  for (const op of ledger) {
    const phase = result.get(op.phase) ?? new Map<OperationKind, Tally>();
    result.set(op.phase, phase);
    const tally = phase.get(op.kind) ?? emptyTally();
    phase.set(op.kind, tally);
    count(tally, op, seen.get(op.key));
  }
  return result;
}

/** Whether every acknowledged operation is in the projection and the audit trail. */
export function allAcknowledgedVisible(ledger: Operation[], seen: Map<string, Sighting>): boolean {
  return ledger.every((op) => {
    if (!isAcknowledged(op.answer)) return true;
    const s = seen.get(op.key);
    return s !== undefined && s.projected > 0 && s.audited > 0;
  });
}
