// The two database roles (docs/security.md, "Database roles"): the owner, which migrates and
// owns every table, and the application's role, which the API and worker connect as. The
// application may read and write the data but never change or remove audit rows, move a
// chain head, or switch a trigger off (only an owner or a superuser may). The grants are
// re-applied after every migration, so tables a migration adds are covered at once.
import pg from 'pg';

/** What the application's role may do: everything on the data except the trail's history. */
export function applicationGrants(role: string): string[] {
  const r = pg.escapeIdentifier(role);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "AuditEvent" FROM ${r}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "AuditChainHead" FROM ${r}`,
    // The migration history is the owner's business; the application only reads it (health).
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "_prisma_migrations" FROM ${r}`,
    `REVOKE TRUNCATE, TRIGGER, REFERENCES ON ALL TABLES IN SCHEMA public FROM ${r}`,
  ];
}

/** Runs the grants as the connected owner; a no-op when the application connects as the owner itself. */
export async function grantApplicationRole(client: pg.Client, role: string): Promise<void> {
  const { rows } = await client.query<{ me: string }>('SELECT current_user AS me');
  if (rows[0]!.me === role) return;
  for (const statement of applicationGrants(role)) await client.query(statement);
}

/** The user name a connection URL logs in as. */
export function roleOf(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).username);
}

/** `databaseUrl` with another user name (same host, port and database; no password). */
export function asRole(databaseUrl: string, role: string): string {
  const url = new URL(databaseUrl);
  url.username = encodeURIComponent(role);
  url.password = '';
  return url.toString();
}

/**
 * Creates the owner and application roles on a server we administer (the project-local
 * cluster, a test server): the owner may create databases, the application nothing.
 */
export async function ensureRoles(superuserUrl: string, roles: { owner: string; app: string }): Promise<void> {
  // Roles belong to the cluster: any database will do, and `postgres` always exists.
  const server = new URL(superuserUrl);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    for (const [role, options] of [[roles.owner, 'LOGIN CREATEDB NOSUPERUSER NOCREATEROLE'], [roles.app, 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT']] as const) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      // Two processes may race here; the loser's "already exists" is harmless.
      if (rowCount === 0) await client.query(`CREATE ROLE ${pg.escapeIdentifier(role)} ${options}`).catch((error: { code?: string }) => { if (error.code !== '42710') throw error; });
    }
  } finally {
    await client.end();
  }
}

/**
 * Hands a database created before the two roles (every object owned by the superuser that
 * ran the migrations) over to the owner role, so that migrations can go on as that role.
 */
export async function transferOwnership(superuserDatabaseUrl: string, owner: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: superuserDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ tableowner: string }>(`SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = '_prisma_migrations'`);
    if (rows.length === 0 || rows[0]!.tableowner === owner) return false;
    const o = pg.escapeIdentifier(owner);
    await client.query('BEGIN');
    await client.query(`ALTER DATABASE ${pg.escapeIdentifier(decodeURIComponent(new URL(superuserDatabaseUrl).pathname.slice(1)))} OWNER TO ${o}`);
    await client.query(`
      DO $$
      DECLARE item record;
      BEGIN
        FOR item IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND NOT EXISTS (
                      SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
        LOOP
          EXECUTE format('ALTER %s %s OWNER TO ${o}', CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, item.name);
        END LOOP;
        FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        LOOP
          EXECUTE format('ALTER ROUTINE %s OWNER TO ${o}', item.name);
        END LOOP;
        FOR item IN SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                    WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
        LOOP
          EXECUTE format('ALTER TYPE %s OWNER TO ${o}', item.name);
        END LOOP;
      END $$`);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

export interface RoleCheck {
  role: string;
  /** Why this role could rewrite the audit trail; empty when it cannot. */
  problems: string[];
}

/** What the connected role could do to the audit trail behind the application's back. */
export async function checkApplicationRole(query: <T>(sql: string) => Promise<T[]>): Promise<RoleCheck> {
  const [row] = await query<{ role: string; superuser: boolean; bypass: boolean; owner: boolean; update: boolean; delete: boolean; truncate: boolean }>(`
    SELECT current_user AS role, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
           pg_has_role(current_user, c.relowner, 'USAGE') AS owner,
           has_table_privilege('"AuditEvent"', 'UPDATE') AS update,
           has_table_privilege('"AuditEvent"', 'DELETE') AS delete,
           has_table_privilege('"AuditEvent"', 'TRUNCATE') AS truncate
    FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = '"AuditEvent"'::regclass`);
  const problems: string[] = [];
  if (row!.superuser) problems.push('is a superuser (can switch the audit triggers off)');
  if (row!.owner) problems.push('owns (or is a member of the owner of) the audit table (can switch its triggers off)');
  for (const right of ['update', 'delete', 'truncate'] as const) if (row![right]) problems.push(`holds ${right.toUpperCase()} on "AuditEvent"`);
  return { role: row!.role, problems };
}

/**
 * Start-up check of the API and the worker: in production, refuses a role that could rewrite the
 * audit trail (docs/security.md); elsewhere it warns. An unreachable database is only logged
 * (the API starts degraded and says so on /healthz).
 */
export async function assertApplicationRole(
  prisma: { $queryRawUnsafe<T>(sql: string): Promise<T> },
  options: { production: boolean; log: { warn(obj: object, msg: string): void } },
): Promise<void> {
  let check: RoleCheck;
  try {
    check = await checkApplicationRole((sql) => prisma.$queryRawUnsafe(sql));
  } catch (error) {
    options.log.warn({ err: error }, 'could not check the database role (is the database up and migrated?)');
    return;
  }
  if (check.problems.length === 0) return;
  const message = `the database role ${check.role} ${check.problems.join('; ')}: connect the API and worker as the application's role (DATABASE_URL) and migrate as the owner (DATABASE_OWNER_URL)`;
  if (options.production) throw new Error(`refusing to start: ${message}`);
  options.log.warn({ role: check.role, problems: check.problems }, message);
}
