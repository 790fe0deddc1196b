// The case list's SQL, as Prisma generates it from the API's filters, uses indexes on a table
// of 100,000 cases: PostgreSQL's planner is asked (EXPLAIN) about the very queries.
import assert from 'node:assert/strict';
import pg from 'pg';
import { caseWhere, toOrderBy, type CaseFilter } from '../../api/cases/listQuery';
import type { AccessClaims } from '../../api/auth/tokens';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../prisma/generated/client';
import { migrate } from '../../prisma/migrator';
import { runSeed } from '../../prisma/seed';
import { insertSyntheticCases } from '../../prisma/seed/syntheticCases';
import { createScratchDatabase, type ScratchDatabase } from '../support/db';

const CASES = 100_000;
const supervisor: AccessClaims = { sub: 'user-supervisor', username: 'supervisor', roles: ['supervisor'], unitId: 'hotline' };
const handler: AccessClaims = { sub: 'user-donghu', username: 'donghu', roles: ['unitHandler'], unitId: 'donghu' };

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function indexesIn(node: PlanNode): string[] {
  return [...(node['Index Name'] ? [node['Index Name']] : []), ...(node.Plans ?? []).flatMap(indexesIn)];
}

function seqScansOnCase(node: PlanNode & { 'Relation Name'?: string }): number {
  return (node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'Case' ? 1 : 0) + (node.Plans ?? []).reduce((n, p) => n + seqScansOnCase(p), 0);
}

describe(`case list queries on ${CASES.toLocaleString('en')} cases`, function () {
  this.timeout(300_000);
  let db: ScratchDatabase;
  let prisma: PrismaClient;
  let pool: pg.Pool;
  const captured: { query: string; params: string }[] = [];

  before(async () => {
    db = await createScratchDatabase('list_indexes');
    await migrate(db.url);
    // Our own pool, ended by us before the database is dropped.
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    pool.on('error', () => {});
    const seeder = new PrismaClient({ adapter: new PrismaPg(pool) });
    await runSeed(seeder, { demo: true });
    await seeder.$disconnect();
    await insertSyntheticCases((sql) => db.query(sql), 1, CASES);
    prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: 'event', level: 'query' }] });
    // The client's type does not carry the `log` option through; the event is documented.
    (prisma as unknown as { $on(event: 'query', listener: (e: { query: string; params: string }) => void): void }).$on('query', (e) => captured.push({ query: e.query, params: e.params }));
  });

  after(async () => {
    await prisma?.$disconnect();
    await pool?.end();
    await db?.drop();
  });

  /** Runs the list query like the API does, then EXPLAINs the SQL Prisma sent. */
  async function planOf(filter: CaseFilter, user: AccessClaims): Promise<PlanNode> {
    captured.length = 0;
    await prisma.case.findMany({ where: caseWhere(filter, user), orderBy: toOrderBy(['registeredAt', 'DESC']), take: 25 });
    const sent = captured.find((q) => q.query.includes('FROM "public"."Case"') && q.query.includes('LIMIT'));
    assert.ok(sent, `the list query was captured: ${captured.map((q) => q.query).join('\n')}`);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const params = JSON.parse(sent.params) as unknown[];
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${sent.query}`, params);
      return (rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
    } finally {
      await client.end();
    }
  }

  it('searches Chinese text through the trigram indexes', async () => {
    // A rare phrase: for a common one ('物业', a fifth of all cases) walking the newest cases
    // and filtering them is cheaper, and the planner rightly does that instead.
    const plan = await planOf({ q: '编号77777' }, supervisor);
    const used = indexesIn(plan);
    assert.ok(used.includes('Case_title_trgm_idx') || used.includes('Case_content_trgm_idx'), `indexes used: ${used.join(', ')}`);
  });

  it('pages the newest cases of a status without reading the table', async () => {
    const plan = await planOf({ status: ['dispatched'] }, supervisor);
    assert.equal(seqScansOnCase(plan), 0, JSON.stringify(plan));
  });

  it('finds a caller’s cases by phone through its index', async () => {
    const plan = await planOf({ citizenPhone: '+8613900001234' }, supervisor);
    assert.ok(indexesIn(plan).some((name) => name.startsWith('Case_citizenPhone')), JSON.stringify(indexesIn(plan)));
  });

  it('lists a unit’s subtree without scanning every case', async () => {
    const plan = await planOf({ status: ['signed'] }, handler);
    assert.equal(seqScansOnCase(plan), 0, JSON.stringify(plan));
  });

  it('finds cases due in a window through the deadline index', async () => {
    const plan = await planOf({ dueFrom: '2026-11-01T00:00:00+08:00', dueTo: '2026-11-02T00:00:00+08:00' }, supervisor);
    assert.ok(indexesIn(plan).some((name) => name.startsWith('Case_handleDueAt')), JSON.stringify(indexesIn(plan)));
  });

  it('lists overdue cases without scanning every case', async () => {
    const plan = await planOf({ overdue: true }, supervisor);
    assert.equal(seqScansOnCase(plan), 0, JSON.stringify(plan));
  });
});
