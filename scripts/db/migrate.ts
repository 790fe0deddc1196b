// Applies pending migrations as DATABASE_OWNER_URL's role (or the local cluster's owner) and grants
// DATABASE_URL's role the application's rights.   npm run db:migrate
import { loadEnv } from '../../config/env';
import { roleOf } from '../../prisma/databaseRoles';
import { migrate } from '../../prisma/migrator';

async function main(): Promise<void> {
  const env = loadEnv();
  const result = await migrate(env.databaseOwnerUrl, { appRole: roleOf(env.databaseUrl) });
  console.log(result.applied.length > 0 ? `applied ${result.applied.join(', ')}` : `up to date (${result.alreadyApplied} migrations)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
