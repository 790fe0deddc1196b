// Benchmark of the case API over real HTTP: p50/p99 latency of `GET /api/cases` with typical
// filters on 100k and 1M cases, and of a command (an Update through the worker into the
// projection).   npm run bench:api      (BENCH_SIZES=100000,1000000 BENCH_REQUESTS=200)
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { createApp } from '../api/app';
import { signAccessToken } from '../api/auth/tokens';
import { localDatabaseUrl, loadEnv, PROJECT_ROOT } from '../config/env';
import { createLogger } from '../config/logger';
import { createPrismaClient } from '../prisma/client';
import { migrate } from '../prisma/migrator';
import { runSeed } from '../prisma/seed';
import { freePort, waitFor } from '../scripts/lib/ports';
import { dropDatabase, ensureDatabase, ensureLocalPostgres } from '../scripts/services/postgres';
import { ensureLocalTemporal } from '../scripts/services/temporal';
import { commandUpdates } from '../workflows/petition/definitions';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const TASK_QUEUE = 'bench-api';
const SECRET = 'bench-jwt-secret-0123456789-0123456789';
const log = (message: string) => console.log(`[bench] ${message}`);

const LIST_QUERIES: [string, object, string][] = [
  ['newest of a status (dispatcher)', { status: ['dispatched', 'signed'] }, 'dispatcher'],
  ['red cases of a unit subtree (dispatcher)', { unitId: 'donghu', warningLevel: ['red'] }, 'dispatcher'],
  ['a unit handler’s own cases', { status: ['signed'] }, 'unitHandler'],
  ['full-text search, rare phrase', { q: '编号77777' }, 'dispatcher'],
  ['caller history by phone', { citizenPhone: '+8613900012345' }, 'dispatcher'],
];

async function insertCases(db: pg.Pool, from: number, to: number): Promise<void> {
  for (let start = from; start <= to; start += 100_000) {
    const end = Math.min(to, start + 99_999);
    await db.query(`
      INSERT INTO "Case" (id, "workflowId", channel, "caseTypeCode", "categoryId", urgency, status, title, content, "citizenPhone", address,
                          "leadUnitId", "receivedAt", "registeredAt", "handleDueAt", "warningLevel", "projectionVersion", "updatedAt")
      SELECT lpad(i::text, 13, '0'), lpad(i::text, 13, '0'), 'phone', (ARRAY['consultation','complaint','report','help','suggestion','opinion'])[1 + i % 6],
             (ARRAY['cat-urban.street-vending','cat-housing.property','cat-market.food-safety','cat-environment.noise'])[1 + i % 4], 'normal',
             (enum_range(NULL::"CaseStatus"))[1 + i % 16],
             (ARRAY['夜市占道经营','小区物业不作为','餐馆后厨卫生','夜间施工噪音','路灯不亮'])[1 + i % 5] || ' #' || i,
             '市民反映：' || (ARRAY['解放路','文化路','青年路','山前街','迎宾路'])[1 + i % 5] || '附近问题，编号' || i,
             '+86139' || lpad((i % 500000)::text, 8, '0'), '东湖区',
             (ARRAY['donghu','chengguan','zhujian','shichang','xishan','nancheng','donghu-jiefang'])[1 + i % 7],
             now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval, now() + (i % 30 || ' days')::interval,
             (ARRAY['green','yellow','red']::"WarningLevel"[])[1 + i % 3], 1, now()
      FROM generate_series(${start}, ${end}) AS i`);
  }
  await db.query('ANALYZE "Case"');
}

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
  return `p50 ${at(50).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms`;
}

async function timeRequests(count: number, request: () => Promise<Response>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main(): Promise<void> {
  const env = loadEnv();
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'hotline-bench-api-'));
  const pgServer = env.DATABASE_URL ? null : await ensureLocalPostgres({ dataRoot: env.DATA_DIR, port: env.LOCAL_PG_PORT, log, acceptRunningPort: true });
  const url = new URL(env.DATABASE_URL ?? localDatabaseUrl(pgServer!.port));
  url.pathname = `/hotline_bench_api_${Date.now()}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const prisma = createPrismaClient(databaseUrl);
  await runSeed(prisma, { demo: true });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });

  const temporal = await ensureLocalTemporal({ dataRoot, port: await freePort(), uiPort: await freePort(), namespace: 'default', log });
  const worker = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: TASK_QUEUE, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const connection = await Connection.connect({ address: temporal.address });
  const app = createApp({ prisma, temporal: connection, namespace: 'default', taskQueue: TASK_QUEUE, log: createLogger('bench-api', 'warn'), jwtSecret: SECRET, accessTtlSeconds: 3600, version: 'bench', adminUiDir: '/nonexistent' });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens: Record<string, string> = {
    dispatcher: signAccessToken({ sub: 'user-dispatcher', username: 'dispatcher', roles: ['dispatcher'], unitId: 'hotline' }, SECRET, 3600),
    unitHandler: signAccessToken({ sub: 'user-district-handler', username: 'donghu', roles: ['unitHandler'], unitId: 'donghu' }, SECRET, 3600),
  };
  try {
    let inserted = 0;
    for (const size of SIZES) {
      log(`inserting cases up to ${size.toLocaleString('en')}`);
      await insertCases(pool, inserted + 1, size);
      inserted = size;
      for (const [label, filter, user] of LIST_QUERIES) {
        const query = `filter=${encodeURIComponent(JSON.stringify(filter))}&range=[0,24]&sort=["registeredAt","DESC"]`;
        const samples = await timeRequests(REQUESTS, () => fetch(`${base}/api/cases?${query}`, { headers: { authorization: `Bearer ${tokens[user]}` } }));
        log(`  ${size.toLocaleString('en')} cases · GET /api/cases · ${label}: ${percentiles(samples)}`);
      }
    }

    // A command: an Update through the worker, answered after the projection is written.
    const client = new Client({ connection });
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
    server.close();
    await connection.close();
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    await temporal.stop();
    await pool.end();
    await prisma.$disconnect();
    await dropDatabase(databaseUrl);
    if (pgServer?.startedHere) pgServer.stop();
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
