// The database our migrations build must be exactly the one schema.prisma describes: Prisma's
// schema engine (wasm) writes the SQL for schema.prisma into an empty database, and the two
// catalogs are compared (tables, columns, types, nullability, defaults, indexes, constraints).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { diffDatamodels, SCHEMA_PATH } from '../../prisma/schemaEngine';
import { describeSchema, schemaDifferences } from '../support/catalog';
import { createScratchDatabase, testDatabaseUrl, type ScratchDatabase } from '../support/db';

describe('schema.prisma and the migrations', () => {
  let fromSchema: ScratchDatabase;
  let migrated: pg.Pool;

  before(async () => {
    fromSchema = await createScratchDatabase('from_schema');
    await fromSchema.query(await diffDatamodels(fromSchema.url, null));
    migrated = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  });

  after(async () => {
    await migrated?.end();
    await fromSchema?.drop();
  });

  const migratedQuery = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await migrated.query<T>(sql, params)).rows;

  it('describe the same database', async () => {
    const expected = await describeSchema(fromSchema.query);
    const actual = await describeSchema(migratedQuery);
    assert.ok(expected.length > 200, `the comparison covers the schema (${expected.length} lines)`);
    assert.deepEqual(schemaDifferences(actual, expected), [], 'migrated database (-) vs schema.prisma (+): write a migration with `npm run db:migration -- <name>`');
  });

  it('the comparison notices a missing index', async () => {
    const scratch = await createScratchDatabase('drift_probe');
    try {
      await scratch.query(await diffDatamodels(scratch.url, null));
      await scratch.query('DROP INDEX "Case_handleDueAt_idx"');
      const differences = schemaDifferences(await describeSchema(scratch.query), await describeSchema(fromSchema.query));
      assert.deepEqual(differences, ['+ index CREATE INDEX "Case_handleDueAt_idx" ON public."Case" USING btree ("handleDueAt")']);
    } finally {
      await scratch.drop();
    }
  });

  it('the schema engine reports a model change as SQL', async () => {
    const schema = readFileSync(SCHEMA_PATH, 'utf8');
    const changed = schema.replace('model SmsOptOut {\n  phone     String   @id', 'model SmsOptOut {\n  phone     String   @id\n  reason    String?');
    assert.notEqual(changed, schema);
    assert.equal(await diffDatamodels(fromSchema.url, schema, schema), '');
    assert.match(await diffDatamodels(fromSchema.url, schema, changed), /ALTER TABLE "SmsOptOut" ADD COLUMN\s+"reason" TEXT/);
  });
});
