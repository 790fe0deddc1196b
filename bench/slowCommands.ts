// The slowest commands of a run, each told by its case's own history: when Temporal scheduled
// the workflow task that carried the Update, when the worker started and completed it, when the
// Update was accepted and completed, against when the bench sent the request and got the answer.
// The worker's histograms (commandTiming.ts) say how long tasks took; this says which part of one
// slow command's wall time they were.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface TimedCall {
  caseId: string;
  /** Epoch milliseconds, this machine's clock (Temporal's server runs on it too). */
  sentAt: number;
  answeredAt: number;
}

const eventName = (type: number | null | undefined) =>
  (temporal.api.enums.v1.EventType[type ?? 0] ?? String(type))
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/_([a-z])/g, (_all, letter: string) => letter.toUpperCase());

const epochMs = (time: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6);

/** One line per slow call: its wall time and the case's events in it, as milliseconds after the request was sent. */
export async function describeSlowest(client: Client, calls: TimedCall[], count = 3): Promise<string[]> {
  const slowest = [...calls].sort((a, b) => b.answeredAt - b.sentAt - (a.answeredAt - a.sentAt)).slice(0, count);
  return Promise.all(
    slowest.map(async (call) => {
      const history = await client.workflow.getHandle(call.caseId).fetchHistory();
      const during = (history.events ?? [])
        .map((event) => ({ at: epochMs(event.eventTime) - call.sentAt, name: eventName(event.eventType) }))
        .filter((event) => event.at >= 0 && event.at <= call.answeredAt - call.sentAt);
      return `${call.caseId}: ${call.answeredAt - call.sentAt} ms; ${during.map((event) => `+${event.at} ${event.name}`).join(', ') || 'no event of its history in it'}; answered +${call.answeredAt - call.sentAt}`;
    }),
  );
}
