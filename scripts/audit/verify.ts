// Verifies the audit hash chains of DATABASE_URL (docs/audit.md) and prints the report as JSON.
//   npm run audit:verify                       every chain
//   npm run audit:verify -- --case <caseId>    one case
//   npm run audit:verify -- --chain <entityType:entityId>
// Exit code: 0 every chain verified, 1 a chain is broken, 2 usage or connection error.
import { parseArgs } from 'node:util';
import { loadEnv } from '../../config/env';
import { createPrismaClient } from '../../prisma/client';
import { verifyAllChains, verifyChain } from '../../api/audit/verifyChain';

const USAGE = 'usage: audit:verify [--case <caseId> | --chain <entityType:entityId>] [--batch <rows>]';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { case: { type: 'string' }, chain: { type: 'string' }, batch: { type: 'string' } }, strict: true });
  const batchSize = values.batch === undefined ? undefined : Number(values.batch);
  if ((values.case && values.chain) || (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))) {
    console.error(USAGE);
    return 2;
  }
  const prisma = createPrismaClient(loadEnv().databaseUrl, { max: 2 });
  try {
    const chainKey = values.case ?? values.chain;
    const started = Date.now();
    const report = chainKey ? await verifyChain(prisma, chainKey, { batchSize }) : await verifyAllChains(prisma, { batchSize });
    if ('brokenLink' in report && report.rows === 0 && report.ok) {
      console.error(`no audit chain ${chainKey}`);
      return 2;
    }
    console.log(JSON.stringify({ ...report, ms: Date.now() - started }, null, 2));
    return report.ok ? 0 : 1;
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
