// The slowest commands of a run, each told by its case's own history: when Temporal scheduled
// the workflow task that carried the Update, when the worker started and completed it, how long
// each database step (local activity) in it ran, when the Update was accepted and completed,
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
type Told = { at: number; text: (at: number) => string };

/**
 * Each event at its time, and each database step (local activity) by how long it ran. Core
 * stamps a step's marker with the workflow's clock when the step was scheduled (the task's start,
 * or the end of the step before it in the same task) plus the step's run time, not with when it
 * finished (local_activity_state_machine.rs, `try_resolve`); so the run time is what it tells.
 */
function timeline(events: HistoryEvent[]): Told[] {
  let clock = 0;
  return events.flatMap((event): Told[] => {
    const at = epochMs(event.eventTime);
    const name = eventName(event.eventType);
    if (event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) clock = at;
    const data = event.markerRecordedEventAttributes?.markerName === 'core_local_activity' ? event.markerRecordedEventAttributes.details?.data?.payloads?.[0]?.data : null;
    const told: Told = { at, text: (offset) => `+${offset} ${name}` };
    if (!data) return [told];
    const step = JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string; complete_time?: { seconds?: number; nanos?: number } };
    if (!step.complete_time) return [told];
    const ran = epochMs(step.complete_time) - clock;
    clock += ran;
    return [{ at, text: () => `${step.activity_type ?? 'localActivity'} ran ${ran} ms` }, told];
  });
}

/** One line per slow call: its wall time and the case's events in it, as milliseconds after the request was sent. */
export async function describeSlowest(client: Client, calls: TimedCall[], count = 3): Promise<string[]> {
  const slowest = [...calls].sort((a, b) => b.answeredAt - b.sentAt - (a.answeredAt - a.sentAt)).slice(0, count);
  return Promise.all(
    slowest.map(async (call) => {
      const history = await client.workflow.getHandle(call.caseId).fetchHistory();
      const during = timeline(history.events ?? [])
        .map((event) => ({ ...event, at: event.at - call.sentAt }))
        .filter((event) => event.at >= 0 && event.at <= call.answeredAt - call.sentAt);
      return `${call.caseId}: ${call.answeredAt - call.sentAt} ms; ${during.map((event) => event.text(event.at)).join(', ') || 'no event of its history in it'}; answered +${call.answeredAt - call.sentAt}`;
    }),
  );
}
