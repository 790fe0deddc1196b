// The project-local cluster's database as `npm start` and the test runs use it: the owner and
// application roles exist, the database belongs to the owner (an older one, made when everything
// ran as the superuser, is handed over), and migrations then run as the owner.
import { LOCAL_ROLES, localDatabaseUrl } from '../../config/env';
import { ensureRoles, transferOwnership } from '../../prisma/databaseRoles';
import { ensureDatabase } from '../services/postgres';

export interface RoleUrls {
  /** The application's role: what the API and worker connect as. */
  appUrl: string;
  /** The schema's owner: migrations and seeds. */
  ownerUrl: string;
  /** The cluster's superuser: creating and copying databases, tests that must go behind the triggers. */
  superuserUrl: string;
}

export async function prepareLocalDatabase(port: number, database: string, log: (message: string) => void = () => {}): Promise<RoleUrls> {
  const superuserUrl = localDatabaseUrl(port, database, LOCAL_ROLES.superuser);
  await ensureRoles(superuserUrl, LOCAL_ROLES);
  await ensureDatabase(superuserUrl, LOCAL_ROLES.owner);
  if (await transferOwnership(superuserUrl, LOCAL_ROLES.owner)) log(`database ${database}: ownership handed to ${LOCAL_ROLES.owner} (the application connects as ${LOCAL_ROLES.app})`);
  return { appUrl: localDatabaseUrl(port, database, LOCAL_ROLES.app), ownerUrl: localDatabaseUrl(port, database, LOCAL_ROLES.owner), superuserUrl };
}
