// The operator's live call feed travels through PostgreSQL LISTEN/NOTIFY, so that a webhook
// handled by one API process reaches the screens connected to any other. A notice carries only
// what happened to which call; each listening process reads the details itself (NOTIFY
// payloads are limited to 8000 bytes, and caller history would not fit).
import type { Logger } from '../../../config/logger';
import { PgChannelListener } from '../../../lib/pgChannelListener';
import type { PrismaClient } from '../../../prisma/client';

export const LIVE_CALLS_CHANNEL = 'telephony_live_calls';

export type LiveCallEventType = 'ringing' | 'answered' | 'ended';

export interface LiveCallNotice {
  type: LiveCallEventType;
  callId: string;
  /** ISO instant of the change. */
  at: string;
  /** `ended` only: the caller left the queue unanswered (a missed call). */
  missed?: boolean;
}

export async function publishLiveCall(prisma: Pick<PrismaClient, '$executeRaw'>, notice: LiveCallNotice): Promise<void> {
  await prisma.$executeRaw`SELECT pg_notify(${LIVE_CALLS_CHANNEL}, ${JSON.stringify(notice)})`;
}

type Handler = (notice: LiveCallNotice) => void;

/**
 * The feed's notices, parsed, from the process's LISTEN connection on the channel (notices sent
 * while it reconnects are missed: screens re-read the queued calls on reconnect).
 */
export class LiveCallListener {
  private readonly channel: PgChannelListener;

  constructor(databaseUrl: string, log: Logger) {
    this.channel = new PgChannelListener(databaseUrl, LIVE_CALLS_CHANNEL, log);
  }

  /** Resolves once notices are being received; returns the unsubscribe function. */
  subscribe(handler: Handler): Promise<() => void> {
    return this.channel.subscribe({
      onNotice: (payload) => {
        let notice: LiveCallNotice;
        try {
          notice = JSON.parse(payload) as LiveCallNotice;
        } catch {
          return;
        }
        handler(notice);
      },
    });
  }
}
