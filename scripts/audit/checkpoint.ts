// Takes one audit checkpoint now (the worker takes one every AUDIT_CHECKPOINT_INTERVAL_SECONDS)
// and prints it.   npm run audit:checkpoint
import { loadEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import { signingKey } from '../../lib/auditCheckpoints/keys';
import { takeCheckpointOnce } from '../../lib/auditCheckpoints/schedule';
import { createPrismaClient } from '../../prisma/client';

async function main(): Promise<number> {
  const env = loadEnv();
  const prisma = createPrismaClient(env.databaseUrl, { max: 2 });
  try {
    const taken = await takeCheckpointOnce(prisma, { file: env.auditCheckpointFile, key: signingKey(env), log: createLogger('audit-checkpoint', 'warn') });
    console.log(taken ? JSON.stringify({ file: env.auditCheckpointFile, n: taken.checkpoint.n, chains: taken.checkpoint.heads.length, at: taken.checkpoint.at }) : 'no chain moved since the last checkpoint (or another process is taking one)');
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
