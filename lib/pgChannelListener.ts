// One PostgreSQL LISTEN connection per channel and process, open while someone subscribes:
// the operators' live call feed and intake's wait for new case rows hear the database through
// it. It reconnects after a lost connection; notices sent meanwhile are missed, so subscribers
// are told (onReconnect) to re-read what they wait for.
import pg from 'pg';
import type { Logger } from '../config/logger';

export interface ChannelSubscriber {
  /** A NOTIFY on the channel, with its payload ('' when none). */
  onNotice(payload: string): void;
  /** The connection was lost and is listening again: notices may have been missed. */
  onReconnect?(): void;
}

const RECONNECT_MS = 1_000;

export class PgChannelListener {
  private readonly subscribers = new Set<ChannelSubscriber>();
  private client: pg.Client | null = null;
  private listening: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly log: Logger,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a plain channel name: ${channel}`);
  }

  /** Resolves once notices are being received; returns the unsubscribe function. */
  async subscribe(subscriber: ChannelSubscriber): Promise<() => void> {
    this.subscribers.add(subscriber);
    try {
      await this.listen();
    } catch (error) {
      this.subscribers.delete(subscriber);
      throw error;
    }
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) void this.stop();
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
      this.log.warn({ err: error, channel: this.channel }, 'LISTEN connection lost');
      this.client = null;
      this.listening = null;
      client.end().catch(() => {});
      this.reconnectLater();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== this.channel) return;
      for (const subscriber of this.subscribers) subscriber.onNotice(message.payload ?? '');
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.client = client;
    // Everyone left while the connection was being made.
    if (this.subscribers.size === 0) await this.stop();
  }

  private reconnectLater(): void {
    if (this.subscribers.size === 0 || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.subscribers.size === 0) return;
      this.listen().then(
        () => {
          for (const subscriber of this.subscribers) subscriber.onReconnect?.();
        },
        (error: unknown) => {
          this.log.warn({ err: error, channel: this.channel }, 'LISTEN reconnection failed');
          this.reconnectLater();
        },
      );
    }, RECONNECT_MS);
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
