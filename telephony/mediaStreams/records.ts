// The database side of a stream: the Call (created here when the voice webhooks have not done
// it yet), its Recording (inProgress while the stream runs), and at the end the WAV as an
// Attachment of the call's case, each change with its audit event (actor: Twilio, a system).
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { isUniqueViolation } from '../../lib/prismaErrors';
import type { db, PrismaClient } from '../../prisma/client';
import type { AttachmentStore } from '../../storage/attachmentStore';

const AUDIT_ACTOR = { actorId: 'twilio', actorRole: 'system', actorUnitId: null };
/** Many streams may start or end at once (a busy hour); waiting for a connection is fine. */
const TX_OPTIONS = { maxWait: 30_000, timeout: 30_000 };
const CALL_PURPOSES = new Set(['intake', 'voicemail', 'caseQuery', 'callback', 'other']);

export type RecordingOutcome = 'completed' | 'partial';

export class DuplicateStreamError extends Error {
  constructor(streamSid: string) {
    super(`stream ${streamSid} has already been recorded`);
  }
}

export interface StreamStart {
  callSid: string;
  streamSid: string;
  /** <Stream><Parameter>s: from, to, direction, purpose describe a call not yet known here. */
  customParameters: Record<string, string>;
  at: Date;
}

export interface StartedRecording {
  recordingId: string;
  callCreated: boolean;
}

function newCall(start: StreamStart): db.Prisma.CallCreateInput {
  const p = start.customParameters;
  return {
    id: start.callSid,
    callSid: start.callSid,
    direction: p.direction === 'outbound' ? 'outbound' : 'inbound',
    purpose: p.purpose && CALL_PURPOSES.has(p.purpose) ? (p.purpose as db.CallPurpose) : 'other',
    fromNumber: p.from ?? 'unknown',
    toNumber: p.to ?? 'unknown',
    status: 'in-progress',
    startedAt: start.at,
  };
}

/** The call's row if it exists, else a new one (a concurrent webhook may create it first). */
async function ensureCall(tx: db.Prisma.TransactionClient, start: StreamStart): Promise<{ caseId: string | null; created: boolean }> {
  const existing = await tx.call.findUnique({ where: { id: start.callSid }, select: { caseId: true } });
  if (existing) return { caseId: existing.caseId, created: false };
  await tx.call.create({ data: newCall(start) });
  return { caseId: null, created: true };
}

async function tryBegin(prisma: PrismaClient, start: StreamStart): Promise<StartedRecording> {
  const recordingId = randomUUID();
  return prisma.$transaction(async (tx) => {
    const call = await ensureCall(tx, start);
    await tx.recording.create({ data: { id: recordingId, streamSid: start.streamSid, callId: start.callSid, source: 'mediaStream', status: 'inProgress' } });
    await tx.auditEvent.create({
      data: {
        idempotencyKey: `recording:${recordingId}:started`,
        caseId: call.caseId,
        entityType: 'recording',
        entityId: recordingId,
        action: 'callStreamStarted',
        ...AUDIT_ACTOR,
        payload: { callSid: start.callSid, streamSid: start.streamSid, callCreated: call.created },
        occurredAt: start.at,
      },
    });
    return { recordingId, callCreated: call.created };
  }, TX_OPTIONS);
}

/** Opens the recording of a stream; DuplicateStreamError when the stream was seen before. */
export async function beginRecording(prisma: PrismaClient, start: StreamStart): Promise<StartedRecording> {
  try {
    return await tryBegin(prisma, start);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (await prisma.recording.findUnique({ where: { streamSid: start.streamSid }, select: { id: true } })) throw new DuplicateStreamError(start.streamSid);
    // The call row was created by a webhook between our read and our insert: once more.
    return tryBegin(prisma, start);
  }
}

export interface StreamEnd {
  recordingId: string;
  callSid: string;
  streamSid: string;
  outcome: RecordingOutcome;
  durationMs: number;
  /** What the recording holds, for the audit trail (received, filled with silence, dropped). */
  stats: Record<string, unknown>;
  wav: Readable;
  at: Date;
}

/** Stores the WAV and closes the recording; the attachment belongs to the call's case as of now. */
export async function finishRecording(prisma: PrismaClient, store: AttachmentStore, end: StreamEnd): Promise<{ attachmentId: string; caseId: string | null; sizeBytes: number }> {
  const stored = await store.put(end.wav);
  const attachmentId = randomUUID();
  try {
    return await prisma.$transaction(async (tx) => {
      const call = await tx.call.findUniqueOrThrow({ where: { id: end.callSid }, select: { caseId: true } });
      const fileName = `call-${end.callSid}-${end.streamSid}.wav`;
      await tx.attachment.create({
        data: { id: attachmentId, caseId: call.caseId, kind: 'recording', fileName, contentType: 'audio/wav', sizeBytes: stored.size, storageKey: stored.key, sha256: stored.sha256, uploadedById: null, createdAt: end.at },
      });
      await tx.recording.update({ where: { id: end.recordingId }, data: { attachmentId, status: end.outcome, durationMs: Math.round(end.durationMs) } });
      await tx.auditEvent.createMany({
        data: [
          {
            idempotencyKey: `attachment:${attachmentId}:added`,
            caseId: call.caseId,
            entityType: 'attachment',
            entityId: attachmentId,
            action: call.caseId ? 'attachmentAdded' : 'attachmentUploaded',
            ...AUDIT_ACTOR,
            payload: { kind: 'recording', fileName, contentType: 'audio/wav', sizeBytes: stored.size, sha256: stored.sha256 },
            occurredAt: end.at,
          },
          {
            idempotencyKey: `recording:${end.recordingId}:${end.outcome}`,
            caseId: call.caseId,
            entityType: 'recording',
            entityId: end.recordingId,
            action: end.outcome === 'completed' ? 'callStreamRecorded' : 'callStreamRecordedPartially',
            ...AUDIT_ACTOR,
            payload: { callSid: end.callSid, streamSid: end.streamSid, attachmentId, durationMs: Math.round(end.durationMs), ...end.stats },
            occurredAt: end.at,
          },
        ],
      });
      return { attachmentId, caseId: call.caseId, sizeBytes: stored.size };
    }, TX_OPTIONS);
  } catch (error) {
    await store.delete(stored.key).catch(() => undefined);
    throw error;
  }
}

/** The recording could not be stored: its row says so rather than staying inProgress. */
export async function markRecordingFailed(prisma: PrismaClient, recordingId: string, reason: string, at: Date): Promise<void> {
  await prisma.$transaction([
    prisma.recording.update({ where: { id: recordingId }, data: { status: 'failed' } }),
    prisma.auditEvent.create({
      data: { idempotencyKey: `recording:${recordingId}:failed`, entityType: 'recording', entityId: recordingId, action: 'callStreamRecordingFailed', ...AUDIT_ACTOR, reason, payload: {}, occurredAt: at },
    }),
  ]);
}
