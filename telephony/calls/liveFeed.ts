// The operator's live call feed travels through PostgreSQL LISTEN/NOTIFY, so that a webhook
// handled by one API process reaches the screens connected to any other. A notice carries only
// what happened to which call; each listening process reads the details itself (NOTIFY
// payloads are limited to 8000 bytes, and caller history would not fit).
import pg from 'pg';
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';

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

const RECONNECT_MS = 1_000;

/**
 * One LISTEN connection per process, open while someone subscribes; reconnects after a lost
 * connection (notices sent meanwhile are missed: screens re-read the queued calls on reconnect).
 */
export class LiveCallListener {
  private readonly handlers = new Set<Handler>();
  private client: pg.Client | null = null;
  private listening: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
  ) {}

  /** Resolves once notices are being received; returns the unsubscribe function. */
  async subscribe(handler: Handler): Promise<() => void> {
    this.handlers.add(handler);
    try {
      await this.listen();
    } catch (error) {
      this.handlers.delete(handler);
      throw error;
    }
    return () => {
      this.handlers.delete(handler);
      if (this.handlers.size === 0) void this.stop();
    };
  }

  private listen(): Promise<void> {
    this.listening ??= this.connect().catch((error: unknown) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.log.warn({ err: error }, 'live call feed: LISTEN connection lost');
      this.client = null;
      this.listening = null;
      client.end().catch(() => {});
      if (this.handlers.size > 0 && !this.reconnectTimer) {
        this.reconnectTimer = setTimeout(() => {
          this.reconnectTimer = null;
          if (this.handlers.size > 0) this.listen().catch((e: unknown) => lost(e as Error));
        }, RECONNECT_MS);
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== LIVE_CALLS_CHANNEL || !message.payload) return;
      let notice: LiveCallNotice;
      try {
        notice = JSON.parse(message.payload) as LiveCallNotice;
      } catch {
        return;
      }
      for (const handler of this.handlers) handler(notice);
    });
    await client.connect();
    await client.query(`LISTEN ${LIVE_CALLS_CHANNEL}`);
    this.client = client;
    // Everyone left while the connection was being made.
    if (this.handlers.size === 0) await this.stop();
  }

  async stop(): Promise<void> {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const client = this.client;
    this.client = null;
    this.listening = null;
    await client?.end().catch(() => {});
  }
}
