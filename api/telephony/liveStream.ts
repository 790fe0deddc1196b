// GET /api/telephony/live: the operators' live call feed as Server-Sent Events (ringing,
// answered, ended). EventSource cannot send headers, so readers use fetch with
// `Authorization: Bearer <JWT>` and read the body as a stream. Notices come through PostgreSQL
// LISTEN/NOTIFY (api/twilio/calls/liveFeed.ts); each API process reads a notice's details once
// and writes them to all of its connected screens.
import type { Request, Response } from 'express';
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';
import { callerHistory } from '../twilio/calls/callerHistory';
import { LiveCallListener, type LiveCallNotice } from '../twilio/calls/liveFeed';
import type { LiveCallEvent } from './liveCallEvent';
import { HttpError } from '../http/errors';
import { sessionGuardOf } from '../auth/sessionGuard';

/** Proxies drop idle connections; a comment line keeps the stream alive. */
const KEEPALIVE_MS = 25_000;
/** How often a stream checks that its reader's session still holds (and its token has not expired). */
export const SESSION_RECHECK_MS = 2_000;

export class LiveCallHub {
  private readonly screens = new Set<Response>();
  private subscription: Promise<() => void> | null = null;
  /** Notices are described one after another, so that screens see them in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly listener: LiveCallListener | null,
    private readonly log: Logger,
  ) {}

  async attach(req: Request, res: Response): Promise<void> {
    if (!this.listener) throw new HttpError(503, 'unavailable', 'the live call feed is not configured (no database URL for LISTEN)');
    await this.subscribe();
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    // Tells the reader that events from now on will reach it.
    res.write('event: ready\ndata: {}\n\n');
    this.screens.add(res);
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    let closed = false;
    const detach = () => {
      if (closed) return;
      closed = true;
      clearInterval(keepalive);
      clearInterval(recheck);
      this.screens.delete(res);
      if (this.screens.size === 0) void this.unsubscribe();
    };
    // The stream outlives the request's one check: deactivation, a role change or the token's
    // expiry ends it within seconds (the reader reconnects, and is refused or signs in again).
    const guard = sessionGuardOf(req);
    const user = req.user!;
    const token = req.accessToken!;
    const recheck = setInterval(() => {
      const expired = Date.now() >= token.exp * 1000;
      void (expired ? Promise.resolve(false) : guard.holds(user.sub, token.sv)).then(
        (holds) => {
          if (holds || closed) return;
          this.log.info({ userId: user.sub, expired }, 'live call feed: session ended, stream closed');
          res.write(`event: session-ended\ndata: ${JSON.stringify({ reason: expired ? 'token expired' : 'session ended' })}\n\n`);
          detach();
          res.end();
        },
        (error: unknown) => this.log.warn({ err: error }, 'live call feed: session check failed'),
      );
    }, SESSION_RECHECK_MS);
    req.on('close', detach);
  }

  private subscribe(): Promise<() => void> {
    this.subscription ??= this.listener!.subscribe((notice) => {
      this.queue = this.queue.then(() => this.broadcast(notice)).catch((error: unknown) => this.log.error({ err: error, notice }, 'live call feed: event not delivered'));
    }).catch((error: unknown) => {
      this.subscription = null;
      throw error;
    });
    return this.subscription;
  }

  private async unsubscribe(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    // A screen may have connected again meanwhile: it holds its own subscription then.
    if (subscription && this.screens.size === 0) (await subscription)();
  }

  private async broadcast(notice: LiveCallNotice): Promise<void> {
    if (this.screens.size === 0) return;
    const event = await describe(this.prisma, notice);
    if (!event) return;
    const frame = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const screen of this.screens) screen.write(frame);
  }
}

async function describe(prisma: PrismaClient, notice: LiveCallNotice): Promise<LiveCallEvent | null> {
  const call = await prisma.call.findUnique({ where: { id: notice.callId }, select: { fromNumber: true, toNumber: true, queuedAt: true, caseId: true } });
  if (!call) return null;
  const event: LiveCallEvent = { ...notice, ...call };
  if (notice.type === 'ringing') event.callerHistory = await callerHistory(prisma, call.fromNumber);
  return event;
}
