// Recordings Twilio made (<Record>: voicemail; <Dial record>: a bridge call): downloaded from RecordingUrl with the account's
// credentials, kept through the attachment store and tied to the call (and to its case, if
// any). Idempotent by RecordingSid: a repeated status callback stores nothing twice.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { WaveFile } from 'wavefile';
import { isUniqueViolation } from '../../../lib/prismaErrors';
import type { Logger } from '../../../config/logger';
import type { PrismaClient } from '../../../prisma/client';
import type { AttachmentStore } from '../../../storage/attachmentStore';

/** A voicemail is at most 120 s; 8 kHz 16-bit WAV is ~2 MB. This bounds what we download. */
const MAX_RECORDING_BYTES = 50 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 30_000;

export interface RecordingCredentials {
  username: string;
  password: string;
}

export interface FetchedAudio {
  bytes: Buffer;
  contentType: string;
  /** From the WAV header when the bytes are a WAV; else null. */
  durationMs: number | null;
}

export class RecordingDownloadError extends Error {}

/**
 * Why a RecordingUrl is not downloaded, or null when it may be. The account's credentials go
 * only to the Twilio API base the client is configured with (same scheme, host and port), and
 * only to this account's recording named in the callback: anything else (another host, a port
 * on it, plain http to an https base, credentials or a query in the URL, another REST resource
 * that would be kept and played back as "audio") is refused before any request is made.
 */
export function refusedRecordingUrl(recordingUrl: string, allowed: { apiBaseUrl: string; accountSid: string; recordingSid: string }): string | null {
  let target: URL;
  let base: URL;
  try {
    target = new URL(recordingUrl);
    base = new URL(allowed.apiBaseUrl);
  } catch {
    return 'not an absolute URL';
  }
  if (target.origin !== base.origin || target.protocol !== base.protocol) return `not on the Twilio API base ${base.origin}`;
  if (target.username || target.password) return 'credentials in the URL';
  if (target.search || target.hash) return 'a query or fragment in the URL';
  const expected = `/2010-04-01/Accounts/${allowed.accountSid}/Recordings/${allowed.recordingSid}`;
  if (target.pathname !== expected && target.pathname !== `${expected}.wav` && target.pathname !== `${expected}.mp3`) return `not this account's recording ${allowed.recordingSid}`;
  return null;
}

/** Twilio serves a recording as WAV at RecordingUrl (MP3 with `.mp3`), behind basic auth. */
export async function fetchRecording(url: string, credentials: RecordingCredentials): Promise<FetchedAudio> {
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new RecordingDownloadError(`not an http(s) URL: ${target.protocol}`);
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const response = await fetch(target, { headers: { authorization, accept: 'audio/wav, audio/*' }, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok) throw new RecordingDownloadError(`recording download answered ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_RECORDING_BYTES) throw new RecordingDownloadError(`recording of ${declared} bytes is too large`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length === 0 || bytes.length > MAX_RECORDING_BYTES) throw new RecordingDownloadError(`recording of ${bytes.length} bytes refused`);
  const durationMs = wavDurationMs(bytes);
  return { bytes, contentType: durationMs !== null ? 'audio/wav' : (response.headers.get('content-type')?.split(';')[0]?.trim() || 'application/octet-stream'), durationMs };
}

/** The duration a WAV's header and data chunk describe; null for anything else. */
export function wavDurationMs(bytes: Buffer): number | null {
  if (bytes.length < 44 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') return null;
  try {
    const wav = new WaveFile(bytes);
    const fmt = wav.fmt as { sampleRate: number; blockAlign: number };
    const data = wav.data as { chunkSize: number };
    if (!fmt.sampleRate || !fmt.blockAlign) return null;
    return Math.round((data.chunkSize / fmt.blockAlign / fmt.sampleRate) * 1000);
  } catch {
    return null;
  }
}

export interface TwilioRecording {
  callSid: string;
  recordingSid: string;
  recordingUrl: string;
  /** RecordingStatus: completed, failed or absent. */
  status: string;
  durationSec?: number;
  /** bridge: a <Dial record> of a unit's bridge call to a citizen (both legs). */
  source: 'voicemail' | 'record' | 'call' | 'bridge';
}

export interface RecordingDeps {
  prisma: PrismaClient;
  attachmentStore: AttachmentStore;
  log: Logger;
  credentials: RecordingCredentials;
  now: () => Date;
}

/** Who stores Twilio's recordings, in the audit trail. */
const RECORDING_ACTOR = { id: 'system:twilio', role: 'system' };

/** Stores a recording once; returns the Recording row's id (the earlier one for a repeat). */
export async function storeTwilioRecording(deps: RecordingDeps, input: TwilioRecording): Promise<{ recordingId: string; storedNow: boolean }> {
  const earlier = await deps.prisma.recording.findUnique({ where: { recordingSid: input.recordingSid }, select: { id: true } });
  if (earlier) return { recordingId: earlier.id, storedNow: false };
  const call = await deps.prisma.call.findUniqueOrThrow({ where: { id: input.callSid }, select: { id: true, caseId: true } });
  const recordingId = randomUUID();
  const now = deps.now();

  if (input.status !== 'completed') {
    // Nothing to download; the call shows that its recording failed.
    return createOnce(deps, input, async () => {
      await deps.prisma.recording.create({ data: { id: recordingId, recordingSid: input.recordingSid, callId: call.id, source: input.source, status: 'failed', durationSec: input.durationSec ?? null } });
      return { recordingId, storedNow: true };
    });
  }

  const audio = await fetchRecording(input.recordingUrl, deps.credentials);
  const stored = await deps.attachmentStore.put(Readable.from(audio.bytes), { maxBytes: MAX_RECORDING_BYTES });
  const attachmentId = randomUUID();
  const extension = audio.contentType === 'audio/wav' ? 'wav' : audio.contentType === 'audio/mpeg' ? 'mp3' : 'bin';
  try {
    return await createOnce(deps, input, async () => {
      await deps.prisma.$transaction([
        deps.prisma.attachment.create({
          data: { id: attachmentId, caseId: call.caseId, kind: 'recording', fileName: `${input.source}-${input.callSid}.${extension}`, contentType: audio.contentType, sizeBytes: stored.size, storageKey: stored.key, sha256: stored.sha256, uploadedById: null, createdAt: now },
        }),
        deps.prisma.recording.create({
          data: { id: recordingId, recordingSid: input.recordingSid, callId: call.id, attachmentId, source: input.source, status: 'completed', durationSec: input.durationSec ?? null, durationMs: audio.durationMs ?? (input.durationSec !== undefined ? input.durationSec * 1000 : null) },
        }),
        deps.prisma.auditEvent.create({
          data: {
            idempotencyKey: `attachment:${attachmentId}:added`,
            caseId: call.caseId,
            entityType: 'attachment',
            entityId: attachmentId,
            action: call.caseId ? 'attachmentAdded' : 'attachmentUploaded',
            actorId: RECORDING_ACTOR.id,
            actorRole: RECORDING_ACTOR.role,
            payload: { kind: 'recording', source: input.source, callSid: input.callSid, recordingSid: input.recordingSid, contentType: audio.contentType, sizeBytes: stored.size, sha256: stored.sha256, durationMs: audio.durationMs },
            occurredAt: now,
          },
        }),
      ]);
      return { recordingId, storedNow: true };
    });
  } finally {
    const kept = await deps.prisma.attachment.count({ where: { id: attachmentId } });
    if (kept === 0) await deps.attachmentStore.delete(stored.key).catch((error: unknown) => deps.log.error({ err: error, storageKey: stored.key }, 'a recording stored twice left its bytes behind'));
  }
}

/** A concurrent delivery of the same callback may have won the race: its row is the answer. */
async function createOnce(deps: RecordingDeps, input: TwilioRecording, create: () => Promise<{ recordingId: string; storedNow: boolean }>) {
  try {
    return await create();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await deps.prisma.recording.findUniqueOrThrow({ where: { recordingSid: input.recordingSid }, select: { id: true } });
    return { recordingId: winner.id, storedNow: false };
  }
}
