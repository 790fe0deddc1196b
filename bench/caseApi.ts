// Benchmark of the case API over real HTTP: p50/p99 latency of `GET /api/cases` with typical
// filters on 100k and 1M realistic cases (prisma/seed/realisticCases.ts), and of a command (an
// Update through the worker into the projection): 200 requests of each kind after 5 of warm-up,
// the first of each kind reported apart.   npm run bench:api      (BENCH_SIZES=100000,1000000 BENCH_REQUESTS=200)
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import pg from 'pg';
import { createApp } from '../api/app';
import { signAccessToken } from '../api/auth/tokens';
import { loadEnv } from '../config/env';
import { temporalDataConverter } from '../config/temporal';
import { createLogger } from '../config/logger';
import { DiskStore } from '../storage/diskStore';
import { telephonyDeps } from '../telephony/deps';
import { startLocalTwilio } from '../dev/localTwilio';
import { insertRealisticCases } from '../prisma/seed/realisticCases';
import { waitFor } from '../scripts/lib/ports';
import { commandUpdates } from '../workflows/petition/definitions';
import { SUPERVISOR_BOARD_FIELDS, SUPERVISOR_BOARD_LISTS } from '../rules/supervisorBoard';
import { log, percentile, startBenchStack } from './stack';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const TASK_QUEUE = 'bench-api';
const SECRET = 'bench-jwt-secret-0123456789-0123456789';

interface ListQuery {
  label: string;
  filter: object;
  user: 'dispatcher' | 'unitHandler';
  range?: [number, number];
  sort?: [string, 'ASC' | 'DESC'];
  /** Only these fields of each row, as a view asks for them. */
  fields?: readonly string[];
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** The lists people open all day: the office's boards, a unit's queues, searches, and one deep page. */
const LIST_QUERIES: ListQuery[] = [
  { label: 'newest cases, no filter (dispatcher)', filter: {}, user: 'dispatcher' },
  { label: 'newest of two open statuses (dispatcher)', filter: { status: ['dispatched', 'signed'] }, user: 'dispatcher' },
  { label: 'red cases of a unit subtree (dispatcher)', filter: { unitId: 'donghu', warningLevel: ['red'] }, user: 'dispatcher' },
  { label: 'overdue cases (supervisor board)', filter: { overdue: true }, user: 'dispatcher' },
  { label: 'due in the next week', filter: { dueFrom: inDays(0), dueTo: inDays(7) }, user: 'dispatcher' },
  { label: 'extension requests waiting', filter: { extensionPending: true }, user: 'dispatcher' },
  { label: 'a category subtree', filter: { categoryId: 'cat-urban' }, user: 'dispatcher' },
  { label: 'a unit’s cases, no filter (unit handler)', filter: {}, user: 'unitHandler' },
  { label: 'a unit’s signed cases (unit handler)', filter: { status: ['signed'] }, user: 'unitHandler' },
  { label: 'a unit’s queue to sign for (unit handler)', filter: { ownAssignmentStatus: ['dispatched'] }, user: 'unitHandler' },
  { label: 'full-text search, rare phrase', filter: { q: '编号77777' }, user: 'dispatcher' },
  { label: 'caller history by phone', filter: { citizenPhone: '+8613900012345' }, user: 'dispatcher' },
  { label: 'page 400 of the newest cases', filter: {}, user: 'dispatcher', range: [10_000, 10_024] },
  // The supervisor's board: both of its lists, as the console asks for them (SupervisorBoard.tsx).
  ...SUPERVISOR_BOARD_LISTS.map(({ label, filter }): ListQuery => ({ label: `supervisor board: ${label}`, filter, user: 'dispatcher', range: [0, 499], sort: ['handleDueAt', 'ASC'], fields: SUPERVISOR_BOARD_FIELDS })),
];

/** Requests of a kind before the timed ones: the first of a kind compiles its query and warms the JIT. */
const WARM_UP = 5;

interface Timings {
  /** The first request of its kind in this process, reported apart. */
  first: number;
  /** The timed requests, after the warm-up. */
  samples: number[];
}

function percentiles({ first, samples }: Timings): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (first request ${first.toFixed(1)} ms)`;
}

async function timeRequests(count: number, request: () => Promise<Response>): Promise<Timings> {
  const samples: number[] = [];
  for (let i = 0; i < WARM_UP + count; i++) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    samples.push(performance.now() - started);
  }
  return { first: samples[0]!, samples: samples.slice(WARM_UP) };
}

async function main(): Promise<void> {
  const env = loadEnv();
  let api: { base: string; close(): Promise<void> } | undefined;
  const stack = await startBenchStack(TASK_QUEUE, {
    // The urges' notices to the unit's duty phone go to a local Twilio endpoint, never to
    // whatever else listens on this machine, and its status callbacks come back to this API, as
    // they would from Twilio (started before the worker, whose links name it).
    prepare: async ({ prisma, connection }) => {
      const twilio = await startLocalTwilio({ port: 0, accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN, log: createLogger('local-twilio', 'warn') });
      const app = createApp({
        prisma, temporal: connection, namespace: 'default', dataConverter: temporalDataConverter(env), taskQueue: TASK_QUEUE, log: createLogger('bench-api', 'warn'), jwtSecret: SECRET, publicLinkSecret: SECRET, accessTtlSeconds: 3600, version: 'bench', adminUiDir: '/nonexistent',
        // Never written: the benchmark uploads nothing.
        attachmentStore: new DiskStore(path.join(os.tmpdir(), 'bench-attachments')), attachmentMaxBytes: 1024 * 1024,
        twilio: telephonyDeps({ ...env, TWILIO_API_BASE_URL: twilio.url }),
      });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      api = {
        base,
        close: async () => {
          await new Promise((resolve) => server.close(resolve));
          await twilio.close();
        },
      };
      return { workerEnv: { TWILIO_API_BASE_URL: twilio.url, PUBLIC_BASE_URL: base }, stop: api.close };
    },
  });
  const { prisma, connection } = stack;
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  const { base } = api!;
  // Tokens carry the user's session version, which the API checks (api/auth/sessionGuard.ts).
  const sessionVersionOf = async (id: string) => (await prisma.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;
  const tokens: Record<string, string> = {
    dispatcher: signAccessToken({ sub: 'user-dispatcher', username: 'dispatcher', roles: ['dispatcher'], unitId: 'hotline', sv: await sessionVersionOf('user-dispatcher') }, SECRET, 3600),
    unitHandler: signAccessToken({ sub: 'user-district-handler', username: 'donghu', roles: ['unitHandler'], unitId: 'donghu', sv: await sessionVersionOf('user-district-handler') }, SECRET, 3600),
  };
  try {
    let inserted = 0;
    for (const size of SIZES) {
      log(`inserting cases up to ${size.toLocaleString('en')}`);
      await insertRealisticCases((sql) => pool.query(sql), inserted + 1, size);
      inserted = size;
      const { rows: mix } = await pool.query<{ open: string; assignments: string }>(
        `SELECT (SELECT count(*) FROM "Case" WHERE status NOT IN ('closed','archived','answeredDirectly','rejected','merged')) AS open, (SELECT count(*) FROM "CaseAssignment") AS assignments`,
      );
      log(`  ${Number(mix[0]!.open).toLocaleString('en')} open cases, ${Number(mix[0]!.assignments).toLocaleString('en')} assignments`);
      for (const { label, filter, user, range = [0, 24], sort = ['registeredAt', 'DESC'], fields } of LIST_QUERIES) {
        const query = `filter=${encodeURIComponent(JSON.stringify(filter))}&range=${JSON.stringify(range)}&sort=${JSON.stringify(sort)}${fields ? `&fields=${encodeURIComponent(JSON.stringify(fields))}` : ''}`;
        const samples = await timeRequests(REQUESTS, () => fetch(`${base}/api/cases?${query}`, { headers: { authorization: `Bearer ${tokens[user]}` } }));
        log(`  ${size.toLocaleString('en')} cases · GET /api/cases · ${label}: ${percentiles(samples)}`);
      }
      // The same deep page by keyset: the cursor the page before it answered with (Link: rel="next").
      const before = await fetch(`${base}/api/cases?filter={}&range=[9975,9999]&sort=["registeredAt","DESC"]`, { headers: { authorization: `Bearer ${tokens.dispatcher}` } });
      const next = /^<([^>]+)>; rel="next"$/.exec(before.headers.get('link') ?? '');
      if (!next) throw new Error('a full page of the newest cases has no Link rel="next"');
      const keyset = await timeRequests(REQUESTS, () => fetch(`${base}${next[1]}`, { headers: { authorization: `Bearer ${tokens.dispatcher}` } }));
      log(`  ${size.toLocaleString('en')} cases · GET /api/cases · page 401 of the newest cases by keyset (after its 10,000th row): ${percentiles(keyset)}`);
    }

    // A command: an Update through the worker, answered after the projection is written.
    const client = new Client({ connection, dataConverter: temporalDataConverter(env) });
    const caseId = '2099010100001';
    await client.workflow.start('petitionWorkflow', {
      args: [{ registration: { caseId, channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', urgency: 'normal', title: '基准', content: '基准测试', citizenName: null, citizenPhone: null, address: null, receivedAt: new Date().toISOString(), registeredBy: { id: 'user-operator', roles: ['operator'], unitId: 'hotline' } } }],
      taskQueue: TASK_QUEUE,
      workflowId: caseId,
    });
    await waitFor('the worker', async () => {
      await client.workflow.getHandle(caseId).executeUpdate(commandUpdates.dispatch, { args: [{ input: { leadUnitId: 'donghu' }, actor: { id: 'user-dispatcher', roles: ['dispatcher'], unitId: 'hotline' } }] });
    }, 120_000, 1000);
    const urges = await timeRequests(Math.min(REQUESTS, 150), () =>
      fetch(`${base}/api/cases/${caseId}/commands/urge`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.dispatcher}` }, body: JSON.stringify({ reason: '请加快办理' }) }),
    );
    log(`  command POST /api/cases/:id/commands/urge (with ${inserted.toLocaleString('en')} cases): ${percentiles(urges)}`);
  } finally {
    await pool.end();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
