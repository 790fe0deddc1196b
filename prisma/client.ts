import { PrismaPg } from '@prisma/adapter-pg';
import { createLogger } from '../config/logger';
import { PrismaClient } from './generated/client';
import { textGuard } from './textGuard';

export type { PrismaClient };
export * as db from './generated/client';

const guardLog = createLogger('text-guard');

/**
 * Prisma Client 7 over the pg driver: no engine binary, the query compiler runs in WebAssembly.
 * Every query passes the text guard (prisma/textGuard.ts); the extended client keeps the
 * plain client's API, hence the cast.
 */
export function createPrismaClient(databaseUrl: string, options: { max?: number } = {}): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 }) });
  const guarded = client.$extends(textGuard((report) => guardLog.warn(report, 'text a door did not clean was cleaned before PostgreSQL')));
  return guarded as unknown as PrismaClient;
}
