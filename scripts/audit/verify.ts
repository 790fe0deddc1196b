// Verifies the audit hash chains of DATABASE_URL (docs/audit.md), and the chains against the
// signed checkpoints kept outside the database (docs/security.md), and prints the report as JSON.
//   npm run audit:verify                       every chain
//   npm run audit:verify -- --case <caseId>    one case
//   npm run audit:verify -- --chain <entityType:entityId>
//   … --checkpoints <file>                     the checkpoint file (default AUDIT_CHECKPOINT_FILE, when it exists)
// Exit code: 0 every chain verified, 1 a chain is broken or disagrees with a checkpoint, 2 usage or connection error.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadEnv } from '../../config/env';
import { createPrismaClient } from '../../prisma/client';
import { verifyAllChains, verifyChain } from '../../api/audit/verifyChain';
import { checkCheckpoints } from '../../lib/auditCheckpoints/check';
import { verifyingKeys } from '../../lib/auditCheckpoints/keys';

const USAGE = 'usage: audit:verify [--case <caseId> | --chain <entityType:entityId>] [--batch <rows>] [--checkpoints <file>]';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { case: { type: 'string' }, chain: { type: 'string' }, batch: { type: 'string' }, checkpoints: { type: 'string' } }, strict: true });
  const batchSize = values.batch === undefined ? undefined : Number(values.batch);
  if ((values.case && values.chain) || (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))) {
    console.error(USAGE);
    return 2;
  }
  const env = loadEnv();
  const checkpointFile = values.checkpoints ?? (existsSync(env.auditCheckpointFile) ? env.auditCheckpointFile : null);
  if (values.checkpoints && !existsSync(values.checkpoints)) {
    console.error(`no checkpoint file ${values.checkpoints}`);
    return 2;
  }
  const prisma = createPrismaClient(env.databaseUrl, { max: 2 });
  try {
    const chainKey = values.case ?? values.chain;
    const started = Date.now();
    const report = chainKey ? await verifyChain(prisma, chainKey, { batchSize }) : await verifyAllChains(prisma, { batchSize });
    if ('brokenLink' in report && report.rows === 0 && report.ok) {
      console.error(`no audit chain ${chainKey}`);
      return 2;
    }
    const checkpoints = checkpointFile ? await checkCheckpoints(prisma, { file: checkpointFile, publicKeys: verifyingKeys(env), chainKey }) : null;
    console.log(JSON.stringify({ ...report, checkpoints, ms: Date.now() - started }, null, 2));
    return report.ok && (checkpoints?.ok ?? true) ? 0 : 1;
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
