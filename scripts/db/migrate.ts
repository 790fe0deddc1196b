// Applies pending migrations to DATABASE_URL (or the local cluster).   npm run db:migrate
import { loadEnv } from '../../config/env';
import { migrate } from '../../prisma/migrator';

async function main(): Promise<void> {
  const env = loadEnv();
  const result = await migrate(env.databaseUrl);
  console.log(result.applied.length > 0 ? `applied ${result.applied.join(', ')}` : `up to date (${result.alreadyApplied} migrations)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
