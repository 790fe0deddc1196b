// The WebSocket endpoint Twilio's <Stream url> points at, sharing the API's HTTP server: an
// upgrade to MEDIA_STREAM_PATH with a valid signature becomes a MediaStreamSession; any other
// upgrade is dropped. Sessions are tracked so that shutdown can close them and wait until their
// audio is stored.
import { mkdirSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../config/logger';
import type { PrismaClient } from '../../prisma/client';
import type { AttachmentStore } from '../../storage/attachmentStore';
import { noTranscriber } from '../transcription/none';
import type { Transcriber } from '../transcription/transcriber';
import { MediaStreamSession } from './session';
import { checkUpgradeSignature, MEDIA_STREAM_PATH } from './upgrade';

/** A media frame is ~300 bytes of JSON; a start with custom parameters a few kB. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Twilio sends a frame every 20 ms for as long as the call lasts; a minute of nothing is a dead peer. */
const IDLE_TIMEOUT_MS = 60_000;
/** How often a load line (open streams, event-loop delay) is logged while streams are open. */
const LOAD_LOG_MS = 5_000;

export interface MediaStreamServerDeps {
  prisma: PrismaClient;
  attachmentStore: AttachmentStore;
  log: Logger;
  /** Twilio's auth token: checks the upgrade's X-Twilio-Signature. */
  authToken: string;
  /** PUBLIC_BASE_URL; unset: the request's own host. */
  publicBaseUrl?: string;
  /** The server's secret (PUBLIC_LINK_SECRET) the per-call <Stream> tokens are signed with. */
  streamTokenSecret: string;
  transcriber?: Transcriber;
  /** Temporary track files; default: the OS temporary folder. */
  tempDir?: string;
  now?: () => Date;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

export class MediaStreamServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  private readonly sessions = new Set<MediaStreamSession>();
  private readonly log: Logger;
  private readonly tempDir: string;
  private readonly idleSweep: NodeJS.Timeout;
  private readonly loadLog: NodeJS.Timeout;
  /** How long ready frames wait for the event loop: the server's own share of any lag. */
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private closing = false;

  constructor(private readonly deps: MediaStreamServerDeps) {
    this.log = deps.log.child({ component: 'mediaStreams' });
    this.tempDir = deps.tempDir ?? path.join(os.tmpdir(), 'hotline-media-streams');
    mkdirSync(this.tempDir, { recursive: true });
    this.idleSweep = setInterval(() => this.closeIdle(), IDLE_TIMEOUT_MS / 4).unref();
    this.loopDelay.enable();
    this.loadLog = setInterval(() => this.logLoad(), LOAD_LOG_MS).unref();
  }

  private logLoad(): void {
    if (this.sessions.size > 0) {
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      this.log.info({ activeStreams: this.sessions.size, loopDelayP99Ms: ms(this.loopDelay.percentile(99)), loopDelayMaxMs: ms(this.loopDelay.max) }, 'media streams load');
    }
    this.loopDelay.reset();
  }

  /** Handles upgrades on `server` (call once per HTTP server). */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.handleUpgrade(req, socket, head));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) => this.log.debug({ err: error }, 'upgrade socket error'));
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== MEDIA_STREAM_PATH) {
      socket.destroy();
      return;
    }
    if (this.closing) {
      refuse(socket, 503, 'shutting down');
      return;
    }
    const check = checkUpgradeSignature(req, this.deps.authToken, this.deps.publicBaseUrl);
    if (!check.ok) {
      this.log.warn({ status: check.status, reason: check.reason, remoteAddress: req.socket.remoteAddress }, 'media stream upgrade refused');
      refuse(socket, check.status, check.reason);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new MediaStreamSession(ws, {
        prisma: this.deps.prisma,
        attachmentStore: this.deps.attachmentStore,
        log: this.log,
        transcriber: this.deps.transcriber ?? noTranscriber,
        tempDir: this.tempDir,
        now: this.deps.now ?? (() => new Date()),
        streamTokenSecret: this.deps.streamTokenSecret,
      });
      this.sessions.add(session);
      void session.finished.then(() => this.sessions.delete(session));
    });
  }

  private closeIdle(): void {
    const now = performance.now();
    for (const session of this.sessions) {
      if (now - session.lastMessageAt > IDLE_TIMEOUT_MS) {
        this.log.warn('media stream idle for a minute; closed');
        session.terminate();
      }
    }
  }

  /** Streams open now (not yet stored). */
  get activeStreams(): number {
    return this.sessions.size;
  }

  /** Refuses new streams, closes open ones (kept as partial) and waits until all are stored. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.idleSweep);
    clearInterval(this.loadLog);
    this.loopDelay.disable();
    const open = [...this.sessions];
    for (const session of open) session.close(1001, 'server shutting down');
    // A peer that does not answer the closing handshake is cut off rather than waited for.
    const cutOff = setTimeout(() => open.forEach((session) => session.terminate()), 2000);
    await Promise.all(open.map((session) => session.finished));
    clearTimeout(cutOff);
    this.wss.close();
  }
}
