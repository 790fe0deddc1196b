// The case list's SQL, as Prisma generates it from the API's filters, uses indexes on a table
// of 100,000 realistic cases (prisma/seed/realisticCases.ts): PostgreSQL's planner is asked
// (EXPLAIN) about the very queries a page sends (its count, its ids, its rows).
import assert from 'node:assert/strict';
import pg from 'pg';
import { caseFilter, caseWhere, toOrderBy, type CaseFilter } from '../../api/cases/listQuery';
import { casePage, LIST_COUNT_CAP } from '../../api/cases/caseList';
import type { AccessClaims } from '../../api/auth/tokens';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../prisma/generated/client';
import { migrate } from '../../prisma/migrator';
import { runSeed } from '../../prisma/seed';
import { insertRealisticCases } from '../../prisma/seed/realisticCases';
import { SUPERVISOR_BOARD_LISTS } from '../../rules/supervisorBoard';
import { createScratchDatabase, type ScratchDatabase } from '../support/db';

const CASES = 100_000;
const supervisor: AccessClaims = { sub: 'user-supervisor', username: 'supervisor', roles: ['supervisor'], unitId: 'hotline' };
const handler: AccessClaims = { sub: 'user-donghu', username: 'donghu', roles: ['unitHandler'], unitId: 'donghu' };

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
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
    await insertRealisticCases((sql) => db.query(sql), 1, CASES);
    prisma = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: 'event', level: 'query' }] });
    // The client's type does not carry the `log` option through; the event is documented.
    (prisma as unknown as { $on(event: 'query', listener: (e: { query: string; params: string }) => void): void }).$on('query', (e) => captured.push({ query: e.query, params: e.params }));
  });

  after(async () => {
    await prisma?.$disconnect();
    await pool?.end();
    await db?.drop();
  });

  /** Runs a page of the list like the API does, then EXPLAINs each SQL statement Prisma sent about cases. */
  async function plansOf(filter: CaseFilter, user: AccessClaims, sort: [string, 'ASC' | 'DESC'] = ['registeredAt', 'DESC'], range: [number, number] = [0, 24]): Promise<PlanNode[]> {
    const where = await caseWhere(prisma, filter, user);
    captured.length = 0;
    await casePage(prisma, where, toOrderBy(sort), range);
    const sent = captured.filter((q) => q.query.includes('FROM "public"."Case"'));
    assert.equal(sent.length, 3, `the page's count, ids and rows were captured: ${captured.map((q) => q.query).join('\n')}`);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const plans: PlanNode[] = [];
      for (const { query, params } of sent) {
        const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${query}`, JSON.parse(params) as unknown[]);
        plans.push((rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan);
      }
      return plans;
    } finally {
      await client.end();
    }
  }

  const seqScans = (plans: PlanNode[]) => plans.reduce((n, plan) => n + seqScansOnCase(plan), 0);
  /** Walks along the case numbers without a condition on them: since numbers grow with time, a search for recent cases from the oldest one. */
  const primaryKeyWalks = (plans: PlanNode[]): number => {
    const walks = (node: PlanNode): number => (node['Index Name'] === 'Case_pkey' && !node['Index Cond'] ? 1 : 0) + (node.Plans ?? []).reduce((n, p) => n + walks(p), 0);
    return plans.reduce((n, plan) => n + walks(plan), 0);
  };
  const indexesOf = (plans: PlanNode[]) => plans.flatMap(indexesIn);

  it('searches Chinese text through the trigram indexes', async () => {
    // A rare phrase: for a common one ('物业', a fifth of all cases) walking the newest cases
    // and filtering them is cheaper, and the planner rightly does that instead.
    const used = indexesOf(await plansOf({ q: '编号77777' }, supervisor));
    assert.ok(used.includes('Case_title_trgm_idx') || used.includes('Case_content_trgm_idx'), `indexes used: ${used.join(', ')}`);
  });

  it('pages the newest cases of a status without reading the table', async () => {
    for (const status of [['dispatched'], ['dispatched', 'signed']]) {
      const plans = await plansOf({ status } as CaseFilter, supervisor);
      assert.equal(seqScans(plans), 0, JSON.stringify(plans));
      assert.equal(primaryKeyWalks(plans), 0, `the count does not search the case numbers from the oldest: ${JSON.stringify(plans)}`);
    }
  });

  it('finds a caller’s cases by phone through its index', async () => {
    const plans = await plansOf({ citizenPhone: '+8613900001234' }, supervisor);
    assert.ok(indexesOf(plans).some((name) => name.startsWith('Case_citizenPhone')), JSON.stringify(indexesOf(plans)));
  });

  it('lists a unit’s subtree without scanning every case', async () => {
    assert.equal(seqScans(await plansOf({ status: ['signed'] }, handler)), 0);
    assert.equal(seqScans(await plansOf({}, handler)), 0);
  });

  it('finds cases due in a window through the deadline index', async () => {
    const from = new Date();
    const plans = await plansOf({ dueFrom: from.toISOString(), dueTo: new Date(from.getTime() + 86_400_000).toISOString() }, supervisor);
    assert.ok(indexesOf(plans).some((name) => name.startsWith('Case_handleDueAt')), JSON.stringify(indexesOf(plans)));
  });

  it('lists overdue cases without scanning every case', async () => {
    const plans = await plansOf({ overdue: true }, supervisor);
    assert.equal(seqScans(plans), 0);
    assert.equal(primaryKeyWalks(plans), 0, JSON.stringify(plans));
  });

  it('reads the supervisor’s board through indexes: the lit cases’ page and count from one index alone, the green ones the clock has lit by its two instants', async () => {
    const [lit, litByClock] = SUPERVISOR_BOARD_LISTS;
    const litPlans = await plansOf(caseFilter.parse(lit.filter), supervisor, ['handleDueAt', 'ASC'], [0, 499]);
    assert.equal(seqScans(litPlans), 0, JSON.stringify(litPlans));
    assert.ok(indexesOf(litPlans).includes('Case_status_warningLevel_handleDueAt_id_idx'), JSON.stringify(indexesOf(litPlans)));
    const clockPlans = await plansOf(caseFilter.parse(litByClock.filter), supervisor, ['handleDueAt', 'ASC'], [0, 499]);
    assert.equal(seqScans(clockPlans), 0, JSON.stringify(clockPlans));
    assert.equal(primaryKeyWalks(clockPlans), 0, JSON.stringify(clockPlans));
  });

  it('counts exactly up to the cap and says "more" past it', async () => {
    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql))[0]!.n);
    const all = await casePage(prisma, await caseWhere(prisma, {}, supervisor), toOrderBy(['registeredAt', 'DESC']), [0, 24]);
    assert.equal(all.total, null, 'more than the cap: not counted');
    assert.equal(all.rows.length, 25);
    const signed = await count(`SELECT count(*) AS n FROM "Case" c WHERE status = 'dispatched' AND EXISTS (SELECT 1 FROM "CaseAssignment" a JOIN "Unit" u ON u.id = a."unitId" WHERE a."caseId" = c.id AND 'donghu' = ANY(u.lineage))`);
    assert.ok(signed > 25 && signed <= LIST_COUNT_CAP, `the realistic data gives donghu ${signed} cases awaiting sign-for`);
    const page = await casePage(prisma, await caseWhere(prisma, { status: ['dispatched'] }, handler), toOrderBy(['registeredAt', 'DESC']), [0, 24]);
    assert.equal(page.total, signed, 'the unit scope finds every case an assignment of the subtree names');
    assert.deepEqual(page.rows.map((r) => r.registeredAt.getTime()), page.rows.map((r) => r.registeredAt.getTime()).sort((a, b) => b - a), 'newest first');
  });

  it('finds nothing for a unit or category that does not exist', async () => {
    for (const filter of [{ unitId: 'no-such-unit' }, { categoryId: 'no-such-category' }]) {
      const page = await casePage(prisma, await caseWhere(prisma, filter, supervisor), toOrderBy(['registeredAt', 'DESC']), [0, 24]);
      assert.deepEqual([page.total, page.rows.length], [0, 0], JSON.stringify(filter));
    }
  });
});
