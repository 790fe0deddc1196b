// A local server speaking the FunASR runtime's WebSocket protocol (runtime/docs/websocket_protocol.md):
// it keeps what each connection sent (the start message, the PCM, the end-of-audio message) and
// answers from a script of the runtime's results, each once enough audio has arrived or at the
// end of the audio. `finalAnswer: false` keeps the last answer back, as a stalled runtime would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { PROJECT_ROOT } from '../../config/env';

export interface ScriptedAnswer {
  afterAudioMs?: number;
  atEnd?: boolean;
  message: Record<string, unknown>;
}

export interface FunasrConnection {
  start: Record<string, unknown> | undefined;
  audio: Buffer;
  /** Text messages after the start message, e.g. {"is_speaking": false}. */
  controls: Record<string, unknown>[];
}

/** The recorded 2pass exchange of tests/fixtures/funasr/. */
export function twoPassExchange(): ScriptedAnswer[] {
  const file = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'funasr', '2pass-exchange.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { answers: ScriptedAnswer[] }).answers;
}

export async function startFunasrServer(answers: ScriptedAnswer[], options: { finalAnswer?: boolean } = {}) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const connections: FunasrConnection[] = [];
  server.on('connection', (socket: WebSocket) => {
    const connection: FunasrConnection = { start: undefined, audio: Buffer.alloc(0), controls: [] };
    connections.push(connection);
    const due = [...answers];
    const send = (answer: ScriptedAnswer) => {
      const wavName = String(connection.start?.wav_name ?? '');
      socket.send(JSON.stringify(answer.message).replaceAll('{wav_name}', wavName));
    };
    socket.on('message', (data, isBinary) => {
      const bytes = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
      if (isBinary) {
        connection.audio = Buffer.concat([connection.audio, bytes]);
        // 8 kHz, 16-bit: 16 bytes a millisecond.
        while (due[0]?.afterAudioMs !== undefined && connection.audio.length / 16 >= due[0].afterAudioMs) send(due.shift()!);
        return;
      }
      const message = JSON.parse(bytes.toString()) as Record<string, unknown>;
      if (!connection.start) connection.start = message;
      else connection.controls.push(message);
      if (message.is_speaking === false) {
        for (const answer of due.splice(0)) if (options.finalAnswer !== false || answer.message.is_final !== true) send(answer);
      }
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections,
    close: () => new Promise<void>((resolve) => {
      for (const client of server.clients) client.terminate();
      server.close(() => resolve());
    }),
  };
}
