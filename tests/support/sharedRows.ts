// The seeded rows every suite reads (users' phones and roles, rule settings, message templates,
// units' duty phones, deadline policies) live in the one database the suites share in turn. A
// suite that changes one and forgets to put it back breaks a later suite far from the cause (a
// bridge-call suite cleared the seeded handlers' phones, and a later suite's SMS to the named
// handler went nowhere). So the root hooks (hooks.ts) take the seeded state once, and after each
// file's suite put back whatever it left changed, naming the suite: one place instead of an
// `after` hook in every suite that each must remember.
import path from 'node:path';
import pg from 'pg';

interface WatchedTable {
  table: string;
  key: string;
  /** What later suites depend on; not bookkeeping (updatedAt, sessionVersion, lastLoginAt). */
  columns: string[];
}

const WATCHED: WatchedTable[] = [
  { table: 'User', key: 'id', columns: ['phone', 'active', 'unitId', 'roles', 'displayName'] },
  { table: 'RuleSetting', key: 'key', columns: ['value'] },
  { table: 'MessageTemplate', key: 'code', columns: ['body', 'bodyEn'] },
  { table: 'Unit', key: 'id', columns: ['dutyPhone', 'active', 'name', 'nameEn'] },
  { table: 'DeadlinePolicy', key: 'id', columns: ['amount', 'unit', 'warnAmount', 'warnUnit', 'warnRatio', 'active'] },
];

type Rows = Map<string, string>;
type Snapshot = Map<string, Rows>;

export interface Leak {
  suite: string;
  file: string | undefined;
  /** `Table key: column values before → after`. */
  changes: string[];
}

const quoted = (name: string) => `"${name}"`;

async function snapshot(client: pg.Client): Promise<Snapshot> {
  const taken: Snapshot = new Map();
  for (const { table, key, columns } of WATCHED) {
    const fields = columns.map((column) => `'${column}', ${quoted(column)}`).join(', ');
    const { rows } = await client.query<{ key: string; watched: unknown }>(`SELECT ${quoted(key)} AS key, jsonb_build_object(${fields}) AS watched FROM ${quoted(table)}`);
    taken.set(table, new Map(rows.map((row) => [row.key, JSON.stringify(row.watched)])));
  }
  return taken;
}

/** Puts back the watched columns of rows that differ from `seeded`; says what it put back. */
async function restore(client: pg.Client, seeded: Snapshot): Promise<string[]> {
  const now = await snapshot(client);
  const changes: string[] = [];
  for (const { table, key, columns } of WATCHED) {
    const before = seeded.get(table)!;
    const after = now.get(table)!;
    const changed = [...before].filter(([id, watched]) => after.has(id) && after.get(id) !== watched);
    if (changed.length === 0) continue;
    for (const [id, watched] of changed) changes.push(`${table} ${id}: ${after.get(id)} → ${watched}`);
    const rows = changed.map(([id, watched]) => ({ ...JSON.parse(watched), [key]: id }));
    // updatedAt too: the processes' rule caches watch it (lib/ruleSourcesCache.ts).
    const assignments = [...columns.map((column) => `${quoted(column)} = seeded.${quoted(column)}`), '"updatedAt" = now()'].join(', ');
    await client.query(`UPDATE ${quoted(table)} AS t SET ${assignments} FROM jsonb_populate_recordset(NULL::${quoted(table)}, $1::jsonb) AS seeded WHERE t.${quoted(key)} = seeded.${quoted(key)}`, [JSON.stringify(rows)]);
  }
  return changes;
}

export class SharedRowsGuard {
  private seeded: Snapshot | undefined;
  readonly leaks: Leak[] = [];

  constructor(private readonly superuserUrl: string) {}

  private async withClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.superuserUrl });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end();
    }
  }

  async takeSeededState(): Promise<void> {
    this.seeded = await this.withClient(snapshot);
  }

  /** After a file's suite: what it left changed goes back to the seeded state. */
  async afterSuite(suite: string, file: string | undefined): Promise<void> {
    if (!this.seeded) return;
    const changes = await this.withClient((client) => restore(client, this.seeded!));
    if (changes.length > 0) this.leaks.push({ suite, file, changes });
  }

  report(): string | null {
    if (this.leaks.length === 0) return null;
    const lines = this.leaks.flatMap((leak) => [`  ${leak.file ? path.relative(process.cwd(), leak.file) : leak.suite} left shared seeded rows changed (put back):`, ...leak.changes.map((change) => `    ${change}`)]);
    return ['shared seeded rows a suite changed and did not put back (tests/support/sharedRows.ts):', ...lines].join('\n');
  }
}
