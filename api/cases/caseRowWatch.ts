// Waits until new cases' projection rows can be read, so that intake answers 201 only for a
// case `GET /api/cases` already lists. The database says when to look: a trigger NOTIFYs
// `case_rows_inserted` after every statement that inserts into "Case" (migration
// intake_requests), and each notice checks all the cases this process waits for with one query.
// A slow interval check covers notices missed while the LISTEN connection was down; without a
// database URL to LISTEN on, the check runs on a short interval instead.
import type { Logger } from '../../config/logger';
import { PgChannelListener } from '../../lib/pgChannelListener';
import type { PrismaClient } from '../../prisma/client';

export const CASE_ROWS_CHANNEL = 'case_rows_inserted';

/** How often waiting cases are checked without a notice: as a safety net, or (no LISTEN) as the way. */
const CHECK_EVERY_MS = { listening: 1_000, polling: 50 };
/** The LISTEN connection stays open this long after the last wait (intakes come in bursts). */
const LINGER_MS = 60_000;

interface Waiter {
  caseId: string;
  settle(visible: boolean): void;
}

export class CaseRowWatch {
  private readonly waiters = new Set<Waiter>();
  private readonly listener: PgChannelListener | null;
  private unsubscribe: Promise<(() => void) | null> | null = null;
  private lingerTimer: NodeJS.Timeout | null = null;
  private intervalTimer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private checkAgain = false;
  private closed = false;

  constructor(
    private readonly prisma: Pick<PrismaClient, 'case'>,
    databaseUrl: string | undefined,
    private readonly log: Logger,
    private readonly checkEveryMs: { listening: number; polling: number } = CHECK_EVERY_MS,
  ) {
    this.listener = databaseUrl ? new PgChannelListener(databaseUrl, CASE_ROWS_CHANNEL, log) : null;
  }

  /** True once the case's row exists; false if it did not appear within `ms` (or the watch closed). */
  async visibleWithin(caseId: string, ms: number): Promise<boolean> {
    if (this.closed) return this.exists(caseId);
    let waiter!: Waiter;
    const seen = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => waiter.settle(false), ms);
      waiter = {
        caseId,
        settle: (visible) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          if (this.waiters.size === 0 && !this.checking) this.idle();
          resolve(visible);
        },
      };
    });
    this.waiters.add(waiter);
    const listening = await this.listen();
    if (this.waiters.size === 0) {
      this.idle();
      return seen;
    }
    this.keepChecking(listening);
    // A row written before LISTEN took effect sent its notice to no one: look once now.
    this.check();
    return seen;
  }

  /** Ends every wait now (as not yet visible) and closes the LISTEN connection: the API is stopping. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.settle(false);
    this.stopTimers();
    const unsubscribe = await this.unsubscribe;
    this.unsubscribe = null;
    unsubscribe?.();
  }

  private async exists(caseId: string): Promise<boolean> {
    return (await this.prisma.case.findUnique({ where: { id: caseId }, select: { id: true } })) !== null;
  }

  /** Subscribes once; false when notices cannot be heard (no URL, or the connection failed). */
  private async listen(): Promise<boolean> {
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = null;
    if (!this.listener) return false;
    this.unsubscribe ??= this.listener
      .subscribe({ onNotice: () => this.check(), onReconnect: () => this.check() })
      .catch((error: unknown) => {
        this.log.warn({ err: error }, 'new case rows: LISTEN failed; checking on an interval');
        this.unsubscribe = null;
        return null;
      });
    return (await this.unsubscribe) !== null;
  }

  private keepChecking(listening: boolean): void {
    if (this.intervalTimer) return;
    this.intervalTimer = setInterval(() => this.check(), listening ? this.checkEveryMs.listening : this.checkEveryMs.polling);
    this.intervalTimer.unref();
  }

  /** One query for every waiting case; a notice during a check runs one more after it. */
  private check(): void {
    if (this.waiters.size === 0) return;
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    this.checking = this.checkOnce()
      .catch((error: unknown) => this.log.warn({ err: error }, 'new case rows: check failed'))
      .finally(() => {
        this.checking = null;
        if (this.checkAgain) {
          this.checkAgain = false;
          this.check();
        }
        if (this.waiters.size === 0) this.idle();
      });
  }

  private async checkOnce(): Promise<void> {
    const waiting = [...this.waiters];
    const ids = [...new Set(waiting.map((w) => w.caseId))];
    const rows = await this.prisma.case.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const found = new Set(rows.map((row) => row.id));
    for (const waiter of waiting) if (found.has(waiter.caseId)) waiter.settle(true);
  }

  private idle(): void {
    this.stopTimers();
    if (this.closed || !this.unsubscribe || this.lingerTimer) return;
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = null;
      if (this.waiters.size > 0 || !this.unsubscribe) return;
      const unsubscribe = this.unsubscribe;
      this.unsubscribe = null;
      void unsubscribe.then((stop) => stop?.());
    }, LINGER_MS);
    this.lingerTimer.unref();
  }

  private stopTimers(): void {
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    this.intervalTimer = null;
    if (this.lingerTimer) clearTimeout(this.lingerTimer);
    this.lingerTimer = null;
  }
}
