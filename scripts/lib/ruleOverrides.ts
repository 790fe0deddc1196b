// Rule settings a harness (fuzzer, drill) sets in its own fresh database before its API starts:
// e.g. tokens that outlive a run signed in once, or a login throttle that does not refuse a
// fuzzer hammering /auth/login from one address. Never used on a city's database.
import pg from 'pg';

export async function overrideRuleSettings(databaseUrl: string, values: Record<string, unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const [key, value] of Object.entries(values)) {
      const { rowCount } = await client.query('UPDATE "RuleSetting" SET "value" = $2::jsonb WHERE "key" = $1', [key, JSON.stringify(value)]);
      if (rowCount !== 1) throw new Error(`no rule setting ${key} in ${new URL(databaseUrl).pathname}`);
    }
  } finally {
    await client.end();
  }
}
