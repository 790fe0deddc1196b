// Throw-away databases for test runs and benchmarks: a server to put them on (the configured
// one, or the project-local cluster), and a new database there, migrated and seeded with the
// demo city. Callers drop the database and release the server afterwards.
import type { Env } from '../../config/env';
import { localDatabaseUrl } from '../../config/env';
import { createPrismaClient } from '../../prisma/client';
import { migrate } from '../../prisma/migrator';
import { runSeed } from '../../prisma/seed';
import { freePort, PortInUseError } from '../lib/ports';
import { ensureDatabase, ensureLocalPostgres } from '../services/postgres';

export interface ScratchServer {
  serverUrl: string;
  /** Stops the local cluster if this call started it. */
  release(): void;
}

export async function scratchServer(env: Env, log: (message: string) => void): Promise<ScratchServer> {
  if (env.DATABASE_URL) return { serverUrl: env.DATABASE_URL, release: () => {} };
  let pgServer;
  try {
    pgServer = await ensureLocalPostgres({ dataRoot: env.DATA_DIR, port: env.LOCAL_PG_PORT, log, acceptRunningPort: true });
  } catch (error) {
    // Another program (say, another clone's `npm start`) holds the default port: a scratch
    // run only needs the cluster for its own duration, so any free port will do.
    if (!(error instanceof PortInUseError) || process.env.LOCAL_PG_PORT) throw error;
    const port = await freePort();
    log(`port ${env.LOCAL_PG_PORT} is taken; running the cluster on ${port}`);
    pgServer = await ensureLocalPostgres({ dataRoot: env.DATA_DIR, port, log });
  }
  const server = pgServer;
  return { serverUrl: localDatabaseUrl(server.port), release: () => (server.startedHere ? server.stop() : undefined) };
}

export async function createFreshDatabase(serverUrl: string, prefix: string): Promise<string> {
  const url = new URL(serverUrl);
  url.pathname = `/${prefix}_${Date.now()}_${process.pid}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const prisma = createPrismaClient(databaseUrl);
  try {
    await runSeed(prisma, { demo: true });
  } finally {
    await prisma.$disconnect();
  }
  return databaseUrl;
}
