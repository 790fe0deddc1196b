// Rebuilds a case's state from its audit trail, as of any moment: the auditor's replay. Pure
// (no I/O): the caller reads the audit rows. The events are folded with the very `applyEvents`
// the workflow uses, starting from the state the workflow starts from, so the final state is
// the workflow's own state — continue-as-new changes nothing, since a new run carries the
// state over and keeps numbering the events (every event of every run is in the trail).
import { applyEvents } from './apply';
import { initialState } from './evolve';
import { ROLES, type Actor, type PetitionEvent, type PetitionState, type Role } from './types';

/** The columns of an audit row the replay reads (a structural subset of Prisma's AuditEvent). */
export interface AuditRow {
  idempotencyKey: string;
  entityType: string;
  action: string;
  actorId: string | null;
  actorRole: string | null;
  actorUnitId: string | null;
  reason: string | null;
  payload: unknown;
  occurredAt: Date;
}

/** The seq and time of the last event a replay folded in. */
export interface ReplayPoint {
  seq: number;
  at: number;
}

export interface Replay {
  /** Null when no event had happened by then (before the registration). */
  state: PetitionState | null;
  last: ReplayPoint | null;
  /** The events folded in, oldest first. */
  events: PetitionEvent[];
}

/**
 * The lifecycle events of `caseId` among audit rows, ordered by seq. activities/projection.ts
 * keys them `<caseId>:<seq>`; other rows about the case (identity reads, attachments, calls)
 * have keys of their own and are not part of its lifecycle.
 */
export function lifecycleEvents(caseId: string, rows: readonly AuditRow[]): PetitionEvent[] {
  const prefix = `${caseId}:`;
  const events: PetitionEvent[] = [];
  for (const row of rows) {
    if (row.entityType !== 'case' || !row.idempotencyKey.startsWith(prefix)) continue;
    const seqText = row.idempotencyKey.slice(prefix.length);
    if (!/^\d+$/.test(seqText)) continue;
    events.push(eventOf(row, Number(seqText)));
  }
  events.sort((a, b) => a.seq - b.seq);
  events.forEach((event, index) => {
    // A gap would fold events into a state they were not decided on: refuse rather than guess.
    if (event.seq !== index + 1) throw new Error(`audit trail of case ${caseId} is not contiguous: event ${index + 1} is missing (found ${event.seq})`);
  });
  return events;
}

/** One audit row back into the event the workflow applied (projection.ts `payloadOf` inverted). */
export function eventOf(row: AuditRow, seq: number): PetitionEvent {
  const data = (row.payload ?? {}) as Record<string, unknown>;
  return { ...data, type: row.action, seq, at: row.occurredAt.getTime(), actor: actorOf(row), reason: row.reason } as PetitionEvent;
}

function actorOf(row: AuditRow): Actor {
  // `roles.join(',')` was written; an actor without roles wrote ''.
  const roles = (row.actorRole ?? '').split(',').filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  return { id: row.actorId ?? '', roles, unitId: row.actorUnitId };
}

/**
 * Folds `events` (ordered by seq, from the registration on) as of `asOf` (epoch ms; all of them
 * without it). An event's time is the workflow's clock when it was accepted, which is not
 * guaranteed to rise with seq, so "as of T" is the longest prefix of events that had all
 * happened by T: a later-numbered event stamped earlier is never applied without the events it
 * was decided after, and every state returned is one the workflow really held.
 */
export function replayEvents(events: readonly PetitionEvent[], asOf?: number): Replay {
  const included: PetitionEvent[] = [];
  for (const event of events) {
    if (asOf !== undefined && event.at > asOf) break;
    included.push(event);
  }
  const first = included[0];
  if (!first) return { state: null, last: null, events: [] };
  if (first.type !== 'registered') throw new Error(`a case's first event is its registration, not ${first.type}`);
  // The workflow's own start: initialState, then the `registered` event applied to it.
  const seed = initialState(first.caseId, first.profile, first.receivedAt, first.registeredAt);
  const state = applyEvents(seed, included);
  const last = included[included.length - 1]!;
  return { state, last: { seq: last.seq, at: last.at }, events: included };
}

/** The state of `caseId` as of `asOf` (epoch ms; its latest state without it) from its audit rows. */
export function replay(caseId: string, rows: readonly AuditRow[], asOf?: number): Replay {
  return replayEvents(lifecycleEvents(caseId, rows), asOf);
}
