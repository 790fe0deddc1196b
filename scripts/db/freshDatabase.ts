// Throw-away databases for test runs and benchmarks: a server to put them on (the configured
// one, or the project-local cluster), and a new database there, migrated and seeded with the
// demo city. Callers drop the database and release the server afterwards.
import type { Env } from '../../config/env';
import { LOCAL_ROLES, localDatabaseUrl } from '../../config/env';
import { asRole, ensureRoles, roleOf } from '../../prisma/databaseRoles';
import type { RoleUrls } from './localDatabase';
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

/**
 * A new database on `serverUrl`'s server (whose role must be allowed to create roles and
 * databases: the local cluster's superuser), owned by the owner role, migrated and seeded as it,
 * with the application's role granted its rights: the same two roles `npm start` sets up.
 * When the server's role may not create roles, everything runs as that one role (logged).
 */
export async function createFreshDatabase(serverUrl: string, prefix: string, log: (message: string) => void = () => {}): Promise<RoleUrls> {
  const url = new URL(serverUrl);
  url.pathname = `/${prefix}_${Date.now()}_${process.pid}`;
  const superuserUrl = url.toString();
  let roles: RoleUrls = { appUrl: superuserUrl, ownerUrl: superuserUrl, superuserUrl };
  try {
    await ensureRoles(serverUrl, LOCAL_ROLES);
    roles = { appUrl: asRole(superuserUrl, LOCAL_ROLES.app), ownerUrl: asRole(superuserUrl, LOCAL_ROLES.owner), superuserUrl };
  } catch (error) {
    log(`cannot create the database roles (${(error as Error).message}); running as ${roleOf(serverUrl)} alone`);
  }
  await ensureDatabase(superuserUrl, roles.ownerUrl === superuserUrl ? undefined : LOCAL_ROLES.owner);
  await migrate(roles.ownerUrl, { appRole: roleOf(roles.appUrl) });
  const prisma = createPrismaClient(roles.ownerUrl);
  try {
    await runSeed(prisma, { demo: true });
  } finally {
    await prisma.$disconnect();
  }
  return roles;
}
