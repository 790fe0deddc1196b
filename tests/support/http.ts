// Runs the real Express app on an ephemeral port for a test file.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import type { AppDeps } from '../../api/deps';
import { createApiServer, type ApiServer, type ApiServerDeps } from '../../api/server';
import { createLogger } from '../../config/logger';
import { DiskStore } from '../../storage/diskStore';
import { testDatabaseUrl, testPrisma } from './db';
import { TEST_LINK_SECRET } from './links';
import { testDataConverter } from './temporal';
import { testTelephony } from './twilio';

export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789-0123456789';

export interface RunningApi {
  url: string;
  /** The Express app itself, for tests that read its route table. */
  app: Express;
  /** The HTTP server with the Media Streams endpoint (ws://…/telephony/media-stream). */
  server: ApiServer;
  close(): Promise<void>;
}

export type ApiOverrides = Partial<AppDeps> & { temporal?: Connection } & Pick<ApiServerDeps, 'transcriber' | 'mediaStreamTempDir'>;

export async function startApi(overrides: ApiOverrides = {}): Promise<RunningApi> {
  const temporal = overrides.temporal ?? Connection.lazy({ address: '127.0.0.1:1' });
  // A store of its own per API, created on the first upload and removed on close.
  const attachmentDir = path.join(os.tmpdir(), `api-test-attachments-${randomUUID()}`);
  const { transcriber, mediaStreamTempDir, ...appOverrides } = overrides;
  const deps: AppDeps = {
    prisma: testPrisma(),
    temporal,
    namespace: 'default',
    dataConverter: testDataConverter(),
    taskQueue: 'petitions',
    log: createLogger('api-test', 'silent'),
    jwtSecret: TEST_JWT_SECRET,
    publicLinkSecret: TEST_LINK_SECRET,
    accessTtlSeconds: 900,
    version: 'test',
    adminUiDir: '/nonexistent',
    attachmentStore: new DiskStore(attachmentDir),
    attachmentMaxBytes: 10 * 1024 * 1024,
    twilio: testTelephony(),
    databaseUrl: testDatabaseUrl(),
    // Rate limits count in the shared database: each API counts apart unless a test gives two the same scope.
    rateLimitScope: `test-${randomUUID()}:`,
    ...appOverrides,
  };
  const app = createApp(deps);
  const server = createApiServer(app, { ...deps, transcriber, mediaStreamTempDir: mediaStreamTempDir ?? path.join(attachmentDir, '.media-streams') });
  await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    server,
    close: async () => {
      await server.close();
      await rm(attachmentDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch(() => null), headers: response.headers };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: await response.json().catch(() => null), headers: response.headers };
}
