// The Call row of an inbound call through its life: created by the first webhook, given a
// purpose by the caller's choice, queued for an operator, answered, ended. Every write is
// conditional, so that a retried webhook finds the change made and changes nothing again; the
// functions say whether they changed something (callers publish feed events only then).
import type { PrismaClient } from '../../../prisma/client';
import type { db } from '../../../prisma/client';

export type CallRow = db.Call;
type CallDb = Pick<PrismaClient, 'call'>;

export interface InboundCall {
  callSid: string;
  from: string;
  to: string;
  status: string;
}

/** Twilio's final call states: the call is over. */
export const FINAL_CALL_STATUSES = ['completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;

/** Calls older than this are not counted as waiting even if their end was never reported. */
const STALE_QUEUE_MS = 2 * 3_600_000;

export async function ensureInboundCall(prisma: CallDb, call: InboundCall, now: Date): Promise<CallRow> {
  // Retried webhooks and the Media Streams server may create the row at the same moment:
  // insert-or-skip, then read, never a read-then-insert race.
  await prisma.call.createMany({
    data: [{ id: call.callSid, callSid: call.callSid, direction: 'inbound', purpose: 'other', fromNumber: call.from, toNumber: call.to, status: call.status || 'ringing', startedAt: now }],
    skipDuplicates: true,
  });
  return prisma.call.findUniqueOrThrow({ where: { id: call.callSid } });
}

export async function setPurpose(prisma: CallDb, callSid: string, purpose: db.CallPurpose, ivrPath: string): Promise<void> {
  await prisma.call.update({ where: { id: callSid }, data: { purpose, ivrPath } });
}

/**
 * The IVR path with one more step, e.g. "knowledge:kb-1>operator>voicemail"; a step repeating
 * the last one (a retried webhook) is not added again.
 */
export function extendedIvrPath(path: string | null, step: string): string {
  if (!path) return step;
  return path.split('>').at(-1) === step ? path : `${path}>${step}`;
}

/** Adds a step to the call's IVR path (what the call-centre view shows of the caller's way). */
export async function addIvrStep(prisma: CallDb, callSid: string, step: string): Promise<void> {
  const call = await prisma.call.findUniqueOrThrow({ where: { id: callSid }, select: { ivrPath: true } });
  await prisma.call.update({ where: { id: callSid }, data: { ivrPath: extendedIvrPath(call.ivrPath, step) } });
}

/** After hours, queue full or a failure: the caller is asked to leave a message and called back. */
export async function markVoicemail(prisma: CallDb, callSid: string): Promise<void> {
  const call = await prisma.call.findUniqueOrThrow({ where: { id: callSid }, select: { ivrPath: true } });
  await prisma.call.update({ where: { id: callSid }, data: { purpose: 'voicemail', ivrPath: extendedIvrPath(call.ivrPath, 'voicemail'), needsCallback: true } });
}

/** Callers waiting for an operator now. */
export async function waitingCallers(prisma: CallDb, queueName: string, now: Date): Promise<number> {
  return prisma.call.count({ where: queuedWhere(queueName, now) });
}

export function queuedWhere(queueName: string | undefined, now: Date): db.Prisma.CallWhereInput {
  return { queueName: queueName ?? { not: null }, queuedAt: { gte: new Date(now.getTime() - STALE_QUEUE_MS) }, answeredAt: null, endedAt: null, needsCallback: false };
}

/** True the first time: the call joined the queue (a retried webhook finds it queued). `ivrPath`: the call's so far. */
export async function enterQueue(prisma: CallDb, callSid: string, queueName: string, now: Date, ivrPath: string | null): Promise<boolean> {
  const { count } = await prisma.call.updateMany({ where: { id: callSid, queuedAt: null }, data: { queueName, queuedAt: now, purpose: 'intake', ivrPath: extendedIvrPath(ivrPath, 'operator') } });
  return count === 1;
}

/** An operator (known, or null when not) took the queued call. True the first time. */
export async function markAnswered(prisma: CallDb, callSid: string, now: Date, answeredById: string | null): Promise<boolean> {
  const { count } = await prisma.call.updateMany({ where: { id: callSid, answeredAt: null, endedAt: null }, data: { answeredAt: now, answeredById, status: 'in-progress' } });
  return count === 1;
}

/** The caller hung up while waiting: a missed call to call back. True the first time. */
export async function leaveQueueUnanswered(prisma: CallDb, callSid: string, now: Date): Promise<boolean> {
  const { count } = await prisma.call.updateMany({
    where: { id: callSid, queuedAt: { not: null }, answeredAt: null, endedAt: null },
    data: { endedAt: now, needsCallback: true },
  });
  return count === 1;
}

/** Still on the line but no operator will take it (queue full, error): a voicemail instead. True the first time. */
export async function leaveQueueForVoicemail(prisma: CallDb, callSid: string): Promise<boolean> {
  const { count } = await prisma.call.updateMany({
    where: { id: callSid, queuedAt: { not: null }, answeredAt: null, endedAt: null, needsCallback: false },
    data: { needsCallback: true },
  });
  return count === 1;
}

export interface StatusUpdate {
  callSid: string;
  status: string;
  durationSec?: number;
  at: Date;
}

/**
 * Applies a status callback. For a final status, says whether this update ended the call (the
 * first report of its end) and whether it ended as a missed call: still waiting in the queue.
 */
export async function applyCallStatus(prisma: CallDb, update: StatusUpdate): Promise<{ ended: CallRow; missed: boolean } | null> {
  const final = (FINAL_CALL_STATUSES as readonly string[]).includes(update.status);
  await prisma.call.update({ where: { id: update.callSid }, data: { status: update.status, ...(final && update.durationSec !== undefined ? { durationSec: update.durationSec } : {}) } });
  if (!final) return null;
  const { count } = await prisma.call.updateMany({ where: { id: update.callSid, endedAt: null }, data: { endedAt: update.at } });
  if (count === 0) return null;
  const call = await prisma.call.findUniqueOrThrow({ where: { id: update.callSid } });
  if (call.queuedAt && !call.answeredAt && !call.needsCallback) {
    return { ended: await prisma.call.update({ where: { id: call.id }, data: { needsCallback: true } }), missed: true };
  }
  return { ended: call, missed: false };
}
