// The HTTP server of the API: the Express app, plus the Media Streams WebSocket endpoint on the
// same port (Twilio's <Stream url> is wss://<public host>/telephony/media-stream).
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import { MediaStreamServer } from '../telephony/mediaStreams/mediaStreamServer';
import type { Transcriber } from '../telephony/transcription/transcriber';
import { intakeOf } from './app';
import type { AppDeps } from './deps';

export interface ApiServerDeps extends Pick<AppDeps, 'prisma' | 'attachmentStore' | 'log' | 'twilio' | 'publicBaseUrl' | 'now' | 'publicLinkSecret'> {
  /** Speech-to-text of streamed call audio (TRANSCRIBER); default none. */
  transcriber?: Transcriber;
  /** Where streamed audio is written while a call lasts; default: the OS temporary folder. */
  mediaStreamTempDir?: string;
}

export interface ApiServer {
  server: Server;
  mediaStreams: MediaStreamServer;
  /**
   * Stops accepting connections and lets the requests in flight finish (an intake waiting on
   * Temporal gets its answer), up to `graceMs`, after which open connections are cut; closes
   * media streams and waits until their audio is stored.
   */
  close(graceMs?: number): Promise<void>;
}

export function createApiServer(app: Express, deps: ApiServerDeps): ApiServer {
  const server = createServer(app);
  const mediaStreams = new MediaStreamServer({
    prisma: deps.prisma,
    attachmentStore: deps.attachmentStore,
    log: deps.log,
    authToken: deps.twilio.authToken,
    publicBaseUrl: deps.publicBaseUrl,
    streamTokenSecret: deps.publicLinkSecret,
    transcriber: deps.transcriber,
    tempDir: deps.mediaStreamTempDir,
    now: deps.now,
  });
  mediaStreams.attach(server);
  return {
    server,
    mediaStreams,
    close: async (graceMs = 10_000) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections go as soon as they are idle (a request in flight ends first).
      server.closeIdleConnections();
      // Intakes waiting for their case's row answer 202 now (the case is registered either way),
      // so that they are answered well within the grace time.
      await intakeOf(app)?.close();
      const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
      const cutOff = setTimeout(() => server.closeAllConnections(), graceMs);
      try {
        // Upgraded sockets are no longer the HTTP server's: the media-stream server closes them.
        await mediaStreams.close();
        await closed;
      } finally {
        clearInterval(idleSweep);
        clearTimeout(cutOff);
      }
    },
  };
}
