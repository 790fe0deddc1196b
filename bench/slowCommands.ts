// The slowest commands of a run, each told by its case's own history: when Temporal scheduled
// the workflow task that carried the Update, when the worker started it, finished each database
// step (local activity) in it and completed it, when the Update was accepted and completed,
// against when the bench sent the request and got the answer.
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

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * A local activity's marker is written when its workflow task completes; the step itself ended
 * at the `complete_time` Core keeps in the marker's data. Told apart, they show whether a slow
 * task spent its time before a database step finished (replay, the step) or after it.
 */
function localStepOf(event: HistoryEvent): { at: number; name: string } | null {
  const attributes = event.markerRecordedEventAttributes;
  if (attributes?.markerName !== 'core_local_activity') return null;
  const data = attributes.details?.data?.payloads?.[0]?.data;
  if (!data) return null;
  const step = JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string; complete_time?: { seconds?: number; nanos?: number } };
  return step.complete_time ? { at: epochMs(step.complete_time), name: `${step.activity_type ?? 'localActivity'} done` } : null;
}

const timeline = (event: HistoryEvent): { at: number; name: string }[] => {
  const step = localStepOf(event);
  return [...(step ? [step] : []), { at: epochMs(event.eventTime), name: eventName(event.eventType) }];
};

/** One line per slow call: its wall time and the case's events in it, as milliseconds after the request was sent. */
export async function describeSlowest(client: Client, calls: TimedCall[], count = 3): Promise<string[]> {
  const slowest = [...calls].sort((a, b) => b.answeredAt - b.sentAt - (a.answeredAt - a.sentAt)).slice(0, count);
  return Promise.all(
    slowest.map(async (call) => {
      const history = await client.workflow.getHandle(call.caseId).fetchHistory();
      const during = (history.events ?? [])
        .flatMap(timeline)
        .map((event) => ({ ...event, at: event.at - call.sentAt }))
        .filter((event) => event.at >= 0 && event.at <= call.answeredAt - call.sentAt)
        .sort((a, b) => a.at - b.at);
      return `${call.caseId}: ${call.answeredAt - call.sentAt} ms; ${during.map((event) => `+${event.at} ${event.name}`).join(', ') || 'no event of its history in it'}; answered +${call.answeredAt - call.sentAt}`;
    }),
  );
}
