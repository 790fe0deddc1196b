// The rules broadcast at scale (workflows/rulesBroadcast), end to end: a working day inside every
// open case's running clocks becomes a holiday and back, and the figure is the time until every
// open case has recomputed its deadlines (its deadlinesRecomputed audit event projected), not
// merely until the signals are sent: on a busy worker the cases' reloads lag far behind them.
//   1. baseline, in this process, the way the API did it before inside the admin's request: the
//      day changed in the database, then every open case listed through visibility and
//      signalled 16 at a time;
//   2. the product: the day changed back through PUT /api/calendar/:date as an admin does; the
//      API asks the broadcast and answers at once.
import type { Client } from '@temporalio/client';
import { OPEN_CASES_QUERY } from '../activities/rulesBroadcast';
import type { PrismaClient } from '../prisma/client';
import { waitFor } from '../scripts/lib/ports';
import { rulesChangedSignal } from '../workflows/petition/definitions';
import { log } from './stack';

async function signalDirectly(client: Client): Promise<number> {
  const ids: string[] = [];
  for await (const execution of client.workflow.list({ query: OPEN_CASES_QUERY })) ids.push(execution.workflowId);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < ids.length) await client.workflow.getHandle(ids[next++]!).signal(rulesChangedSignal);
    }),
  );
  return ids.length;
}

/** Seconds from `since` until `cases` cases have projected a deadlinesRecomputed event after it. */
async function everyCaseRecomputed(prisma: PrismaClient, since: Date, cases: number): Promise<number> {
  await waitFor('every open case recomputed', async () => {
    const recomputed = await prisma.auditEvent.groupBy({ by: ['caseId'], where: { action: 'deadlinesRecomputed', occurredAt: { gt: since } } });
    if (recomputed.length < cases) throw new Error(`${recomputed.length} of ${cases}`);
  }, 60 * 60_000, 500);
  return (Date.now() - since.getTime()) / 1000;
}

export async function measureRulesBroadcast(apiUrl: string, adminToken: () => string, client: Client, prisma: PrismaClient): Promise<string> {
  // The next working day: inside the sign-for and handling clocks of every case dispatched today.
  const day = await prisma.calendarDay.findFirstOrThrow({ where: { date: { gt: new Date() }, isWorkingDay: true }, orderBy: { date: 'asc' } });
  const date = day.date.toISOString().slice(0, 10);
  // The cases whose deadlines the day moves (a case not yet dispatched has no clock across it).
  const open = await prisma.case.count({ where: { OR: [{ signForDueAt: { gte: day.date } }, { handleDueAt: { gte: day.date } }] } });
  const { count: running } = await client.workflow.count(OPEN_CASES_QUERY);
  log(`  ${running} open cases, ${open} with a running clock across ${date}, which becomes a holiday, then a working day again`);

  const directStart = new Date();
  await prisma.calendarDay.update({ where: { date: day.date }, data: { isWorkingDay: false, kind: 'holiday', source: 'admin' } });
  const signalled = await signalDirectly(client);
  const signalledSeconds = (Date.now() - directStart.getTime()) / 1000;
  const directSeconds = await everyCaseRecomputed(prisma, directStart, open);
  log(`  baseline, signalled from one process: ${signalled} signals sent in ${signalledSeconds.toFixed(1)} s; every case recomputed after ${directSeconds.toFixed(1)} s (${(open / directSeconds).toFixed(1)}/s)`);

  const broadcastStart = new Date();
  const answer = await fetch(`${apiUrl}/api/calendar/${date}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken()}` }, body: JSON.stringify({ isWorkingDay: true, name: null, reason: 'bench' }) });
  if (answer.status !== 200) throw new Error(`PUT /api/calendar/${date} answered ${answer.status}: ${await answer.text()}`);
  const answered = (Date.now() - broadcastStart.getTime()) / 1000;
  const broadcastSeconds = await everyCaseRecomputed(prisma, broadcastStart, open);
  log(`  the rules broadcast: the admin's change answered in ${(answered * 1000).toFixed(0)} ms; every case recomputed after ${broadcastSeconds.toFixed(1)} s (${(open / broadcastSeconds).toFixed(1)}/s)`);
  return `rules change reaching ${open} open cases: broadcast ${(open / broadcastSeconds).toFixed(1)} cases/s; direct signalling ${(open / directSeconds).toFixed(1)}/s`;
}
