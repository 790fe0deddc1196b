// The HTTP server of the API: the Express app, plus the Media Streams WebSocket endpoint on the
// same port (Twilio's <Stream url> is wss://<public host>/telephony/media-stream).
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Express } from 'express';
import { MediaStreamServer } from '../telephony/mediaStreams/mediaStreamServer';
import type { Transcriber } from '../telephony/transcription/transcriber';
import { intakeOf, type AppDeps } from './app';

export interface ApiServerDeps extends Pick<AppDeps, 'prisma' | 'attachmentStore' | 'log' | 'twilio' | 'publicBaseUrl' | 'now'> {
  /** Speech-to-text of streamed call audio (TRANSCRIBER); default none. */
  transcriber?: Transcriber;
  /** Where streamed audio is written while a call lasts; default: the OS temporary folder. */
  mediaStreamTempDir?: string;
}

export interface ApiServer {
  server: Server;
  mediaStreams: MediaStreamServer;
  /**
   * Stops accepting; answers the writes in flight (within DRAIN_WITHIN_MS), so that no client
   * loses the answer to what was done for it; ends open reads (live feeds); closes media
   * streams and waits until their audio is stored.
   */
  close(): Promise<void>;
}

/** How long a stopping API waits for the writes in flight (an intake's start takes at most 5 s). */
const DRAIN_WITHIN_MS = 10_000;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createApiServer(app: Express, deps: ApiServerDeps): ApiServer {
  const server = createServer(app);
  const writesInFlight = new Set<ServerResponse>();
  let stopping = false;
  server.on('request', (req, res: ServerResponse) => {
    if (stopping) res.setHeader('connection', 'close');
    if (READS.has(req.method ?? 'GET')) return;
    writesInFlight.add(res);
    res.once('close', () => writesInFlight.delete(res));
  });
  const mediaStreams = new MediaStreamServer({
    prisma: deps.prisma,
    attachmentStore: deps.attachmentStore,
    log: deps.log,
    authToken: deps.twilio.authToken,
    publicBaseUrl: deps.publicBaseUrl,
    transcriber: deps.transcriber,
    tempDir: deps.mediaStreamTempDir,
    now: deps.now,
  });
  mediaStreams.attach(server);
  return {
    server,
    mediaStreams,
    close: async () => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const res of writesInFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      // Intakes waiting for their case's row answer 202 now (the case is registered either way).
      await intakeOf(app)?.close();
      const deadline = Date.now() + DRAIN_WITHIN_MS;
      while (writesInFlight.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      // Upgraded sockets are no longer the HTTP server's: the media-stream server closes them.
      server.closeAllConnections();
      await mediaStreams.close();
      await closed;
    },
  };
}
