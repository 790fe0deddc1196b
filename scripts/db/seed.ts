// Seeds the database as DATABASE_OWNER_URL's role (or the local cluster's owner).   npm run db:seed [-- --reference-only]
import { loadEnv } from '../../config/env';
import { createPrismaClient } from '../../prisma/client';
import { runSeed } from '../../prisma/seed';

async function main(): Promise<void> {
  const env = loadEnv();
  const prisma = createPrismaClient(env.databaseOwnerUrl);
  try {
    const demo = !process.argv.includes('--reference-only') && env.NODE_ENV !== 'production';
    const report = await runSeed(prisma, { demo, log: console.log });
    console.log(JSON.stringify(report));
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
