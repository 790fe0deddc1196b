// The assessment indicators, scores, ranks and period comparisons over a hand-designed fixture of
// projected cases (inserted with Prisma, no workflows): every figure below is computed by hand
// from the fixture, following docs/statistics.md, and the API must return exactly that.
//
// Two units of this run, A and B, under the hotline office; every case in category X (this
// run's) and channel `letter`; March 2025 is the period, February 2025 the 环比 period and
// March 2024 the 同比 one. "Now" (the API's clock) is 2025-06-01, so every March deadline is past.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { actorToken, ensureActorUsers } from '../support/sessions';
import { rankScores } from '../../rules/assessment/scheme';
import { testPrisma } from '../support/db';
import { startApi, type RunningApi } from '../support/http';
import { AdminApiClient } from '../support/adminApi';

const run = randomBytes(3).toString('hex');
const A = `stat-a-${run}`;
const B = `stat-b-${run}`;
const X = `stat-cat-${run}`;
/** Shanghai wall-clock time → instant. */
const t = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
let caseNo = 0;

interface CaseSpec {
  unit: string | null;
  dispatched: string;
  signForDue?: string;
  signed?: string;
  handleDue?: string;
  resultSubmitted?: string;
  closed?: string;
  status: 'dispatched' | 'signed' | 'closed' | 'answeredDirectly';
  rehandles?: number;
  /** Callback rounds, oldest first. */
  callbacks?: { status: 'reached' | 'unreachable'; satisfaction?: 'satisfied' | 'basicallySatisfied' | 'unsatisfied'; resolved?: boolean | null }[];
  assignmentStatus?: 'dispatched' | 'signed' | 'returned' | 'completed';
}

/**
 * Inserts a projected case with its lead assignment and callbacks, with the columns the
 * projection writes (tests/statistics/syntheticAgreement.test.ts checks the same rule against
 * real workflows): the case's sign-for deadline only while unsigned, its handling deadline in
 * `handleDueAt` while the clock runs and in `finalHandleDueAt` once the result went up (closed).
 * Returns ids for extra rows.
 */
async function insertCase(spec: CaseSpec): Promise<{ caseId: string; assignmentId: string | null }> {
  const prisma = testPrisma();
  const caseId = `9${run.replace(/[a-f]/g, (h) => String(h.charCodeAt(0) % 10))}${String(++caseNo).padStart(4, '0')}`;
  const received = new Date(t(spec.dispatched).getTime() - 3_600_000);
  const handleDue = spec.handleDue ? t(spec.handleDue) : null;
  const clockStopped = spec.status === 'closed';
  await prisma.case.create({
    data: {
      id: caseId, workflowId: caseId, channel: 'letter', caseTypeCode: 'complaint', categoryId: X, status: spec.status, title: `统计夹具 ${caseNo}`, content: '统计夹具',
      receivedAt: received, registeredAt: received, leadUnitId: spec.unit, dispatchedAt: spec.unit ? t(spec.dispatched) : null,
      signForDueAt: spec.signForDue && !spec.signed ? t(spec.signForDue) : null, signedAt: spec.signed ? t(spec.signed) : null,
      handleDueAt: clockStopped ? null : handleDue, finalHandleDueAt: clockStopped ? handleDue : null,
      resultSubmittedAt: spec.resultSubmitted ? t(spec.resultSubmitted) : null, closedAt: spec.closed ? t(spec.closed) : null,
      rehandleCount: spec.rehandles ?? 0, satisfaction: spec.callbacks?.at(-1)?.satisfaction ?? null,
    },
  });
  let assignmentId: string | null = null;
  if (spec.unit) {
    assignmentId = `${caseId}-L1`;
    await prisma.caseAssignment.create({
      data: {
        id: assignmentId, caseId, unitId: spec.unit, role: 'lead', status: spec.assignmentStatus ?? (spec.signed ? 'signed' : 'dispatched'), dispatchedAt: t(spec.dispatched),
        signForDueAt: spec.signForDue ? t(spec.signForDue) : null, signedAt: spec.signed ? t(spec.signed) : null, dueAt: spec.handleDue ? t(spec.handleDue) : null,
      },
    });
  }
  for (const [i, cb] of (spec.callbacks ?? []).entries()) {
    await prisma.callback.create({
      data: { id: `${caseId}-C${i + 1}`, caseId, round: i + 1, status: cb.status, dueAt: t(spec.closed ?? spec.dispatched), finishedAt: t(spec.closed ?? spec.dispatched), satisfaction: cb.satisfaction ?? null, resolved: cb.resolved ?? null },
    });
  }
  return { caseId, assignmentId };
}

async function returnRequest(c: { caseId: string; assignmentId: string | null }, unitId: string, at: string, decision: 'approved' | 'rejected', wrongReturn: boolean) {
  await testPrisma().returnRequest.create({
    data: { id: `${c.caseId}-R`, caseId: c.caseId, assignmentId: c.assignmentId!, unitId, reason: '非本单位职责', requestedById: 'user-handler', requestedAt: t(at), decision, decidedAt: t(at), wrongReturn },
  });
}

async function extension(c: { caseId: string; assignmentId: string | null }, unitId: string, at: string, decision: 'approved' | 'rejected') {
  await testPrisma().extensionRequest.create({
    data: { id: `${c.caseId}-E`, caseId: c.caseId, assignmentId: c.assignmentId!, unitId, workingDays: 5, reason: '需现场勘查', requestedById: 'user-handler', requestedAt: t(at), decision, previousDueAt: t(at) },
  });
}

async function supervision(caseId: string, unitId: string, at: string) {
  await testPrisma().supervisionNotice.create({ data: { id: `${caseId}-S${at}`, caseId, unitId, level: 1, kind: 'manual', content: '督办通知', issuedAt: t(at) } });
}

async function insertFixture(): Promise<void> {
  const prisma = testPrisma();
  for (const id of [A, B]) await prisma.unit.create({ data: { id, code: id, name: id === A ? '统计甲局' : '统计乙局', kind: 'department', level: 1, parentId: 'hotline', lineage: ['hotline', id] } });
  await prisma.category.create({ data: { id: X, code: X, name: '统计夹具分类', lineage: [X] } });
  const reached = (satisfaction: 'satisfied' | 'basicallySatisfied' | 'unsatisfied', resolved: boolean | null) => ({ status: 'reached' as const, satisfaction, resolved });

  // ── March 2025, unit A ──
  // A1: signed on time, completed on time, closed, satisfied + resolved.
  await insertCase({ unit: A, dispatched: '2025-03-03 09:00', signForDue: '2025-03-04 23:59', signed: '2025-03-03 10:00', handleDue: '2025-03-20 23:59', resultSubmitted: '2025-03-18 10:00', closed: '2025-03-25 10:00', status: 'closed', callbacks: [reached('satisfied', true)] });
  // A2: signed late, result after the deadline (overdue), closed with an unsatisfied, unresolved callback.
  await insertCase({ unit: A, dispatched: '2025-03-05 09:00', signForDue: '2025-03-06 23:59', signed: '2025-03-07 09:00', handleDue: '2025-03-26 23:59', resultSubmitted: '2025-03-28 10:00', closed: '2025-03-31 10:00', status: 'closed', callbacks: [reached('unsatisfied', false)] });
  // A3: extension approved, moving its deadline into April (outside March's completion population); supervised and urged in March.
  const a3 = await insertCase({ unit: A, dispatched: '2025-03-10 09:00', signForDue: '2025-03-11 23:59', signed: '2025-03-10 11:00', handleDue: '2025-04-10 23:59', status: 'signed' });
  await extension(a3, A, '2025-03-20 10:00', 'approved');
  await supervision(a3.caseId, A, '2025-03-20 10:00');
  await testPrisma().urge.create({ data: { id: `${a3.caseId}-U`, caseId: a3.caseId, unitId: A, kind: 'automatic', createdAt: t('2025-03-19 10:00') } }); // counted in urgeCount; no criticism (that takes the workflow)
  // A4: a return the office refused (wrong return); signed on time; rehandled once (first callback unsatisfied, second satisfied).
  const a4 = await insertCase({ unit: A, dispatched: '2025-03-12 09:00', signForDue: '2025-03-13 23:59', signed: '2025-03-13 09:00', handleDue: '2025-03-31 23:59', resultSubmitted: '2025-03-29 10:00', closed: '2025-03-31 23:00', status: 'closed', rehandles: 1, callbacks: [reached('unsatisfied', false), reached('satisfied', true)] });
  await returnRequest(a4, A, '2025-03-12 15:00', 'rejected', true);
  // A5: returned by A unsigned (approved: not a wrong return), re-dispatched to B, which signs on time; due in April.
  const a5 = await insertCase({ unit: B, dispatched: '2025-03-14 09:00', status: 'signed' });
  await testPrisma().caseAssignment.update({ where: { id: a5.assignmentId! }, data: { unitId: A, status: 'returned' } });
  await returnRequest(a5, A, '2025-03-14 16:00', 'approved', false);
  await testPrisma().caseAssignment.create({
    data: { id: `${a5.caseId}-L2`, caseId: a5.caseId, unitId: B, role: 'lead', status: 'signed', round: 2, dispatchedAt: t('2025-03-17 09:00'), signForDueAt: t('2025-03-18 23:59'), signedAt: t('2025-03-17 10:00'), dueAt: t('2025-04-07 23:59') },
  });
  await testPrisma().case.update({ where: { id: a5.caseId }, data: { signedAt: t('2025-03-17 10:00'), handleDueAt: t('2025-04-07 23:59') } });
  // A6: never signed, sign-for deadline passed (late); due in April.
  await insertCase({ unit: A, dispatched: '2025-03-24 09:00', signForDue: '2025-03-25 23:59', handleDue: '2025-04-14 23:59', status: 'dispatched' });
  // A7: signed on time, no result by the deadline (overdue), extension refused (not counted), supervised.
  const a7 = await insertCase({ unit: A, dispatched: '2025-03-03 14:00', signForDue: '2025-03-04 23:59', signed: '2025-03-04 09:00', handleDue: '2025-03-17 23:59', status: 'signed' });
  await extension(a7, A, '2025-03-14 10:00', 'rejected');
  await supervision(a7.caseId, A, '2025-03-18 10:00');
  // A8: on time throughout, closed, callback unreachable.
  await insertCase({ unit: A, dispatched: '2025-03-03 15:00', signForDue: '2025-03-04 23:59', signed: '2025-03-03 16:00', handleDue: '2025-03-14 23:59', resultSubmitted: '2025-03-10 10:00', closed: '2025-03-15 10:00', status: 'closed', callbacks: [{ status: 'unreachable' }] });

  // ── March 2025, unit B ──
  await insertCase({ unit: B, dispatched: '2025-03-04 09:00', signForDue: '2025-03-05 23:59', signed: '2025-03-04 10:00', handleDue: '2025-03-18 23:59', resultSubmitted: '2025-03-12 10:00', closed: '2025-03-14 10:00', status: 'closed', callbacks: [reached('satisfied', true)] });
  // B2: the citizen was not asked whether it was resolved (out of the resolution rate's population).
  await insertCase({ unit: B, dispatched: '2025-03-06 09:00', signForDue: '2025-03-07 23:59', signed: '2025-03-06 10:00', handleDue: '2025-03-20 23:59', resultSubmitted: '2025-03-19 10:00', closed: '2025-03-22 10:00', status: 'closed', callbacks: [reached('basicallySatisfied', null)] });
  // B4: signed late; due in April.
  await insertCase({ unit: B, dispatched: '2025-03-25 09:00', signForDue: '2025-03-26 23:59', signed: '2025-03-27 09:00', handleDue: '2025-04-15 23:59', status: 'signed' });
  // D1: answered directly by the operator: received, closed, no unit.
  await insertCase({ unit: null, dispatched: '2025-03-05 10:00', closed: '2025-03-05 10:00', status: 'answeredDirectly' });

  // ── February 2025 (环比) ──
  await insertCase({ unit: A, dispatched: '2025-02-10 09:00', signForDue: '2025-02-11 23:59', signed: '2025-02-10 10:00', handleDue: '2025-02-24 23:59', resultSubmitted: '2025-02-20 10:00', closed: '2025-02-26 10:00', status: 'closed', callbacks: [reached('unsatisfied', false)] });
  await insertCase({ unit: B, dispatched: '2025-02-11 09:00', signForDue: '2025-02-12 23:59', signed: '2025-02-13 09:00', handleDue: '2025-02-25 23:59', resultSubmitted: '2025-02-20 10:00', closed: '2025-02-27 10:00', status: 'closed', callbacks: [reached('satisfied', true)] });
  // ── March 2024 (同比): A only ──
  await insertCase({ unit: A, dispatched: '2024-03-04 09:00', signForDue: '2024-03-05 23:59', signed: '2024-03-04 10:00', handleDue: '2024-03-18 23:59', resultSubmitted: '2024-03-12 10:00', closed: '2024-03-20 10:00', status: 'closed', callbacks: [reached('satisfied', true)] });
}

// ── Hand-computed figures for March 2025 ──
// A: lead assignments dispatched A1..A8 (A5's first) = 8 → received 8.
//    sign-for: A5 excluded (returned unsigned); on time A1 A3 A4 A7 A8 of 7 (A2 late, A6 never) → 5/7.
//    completion: deadlines in March A1 A2 A4 A7 A8 (A3 extended to April, A5 now B's, A6 April);
//      on time A1 A4 A8 → 3/5; overdue A2 (late result) + A7 (none) = 2.
//    returns A4 A5 of 8 → 0.25; wrong: A4 of 2 decided → 0.5; extension approved A3 of 8 → 0.125.
//    closed in March A1 A2 A4 A8 → rehandled A4 → 1/4. callbacks finished 4, reached 3 (A8 not) → 0.75.
//    satisfaction (last round): A1 satisfied, A2 unsatisfied, A4 satisfied → 2/3; resolution 2/3.
//    supervision notices A3, A7 → 2. urges: A3's → 1; criticism notices 0.
const MARCH_A = {
  key: A, name: '统计甲局', received: 8, signForOnTimeRate: 5 / 7, completedOnTimeRate: 3 / 5, overdueCount: 2, returnRate: 0.25, wrongReturnRate: 0.5,
  extensionRate: 0.125, rehandleRate: 0.25, callbackReachRate: 0.75, satisfactionRate: 2 / 3, resolutionRate: 2 / 3, supervisionCount: 2, urgeCount: 1, criticismCount: 0,
  // No unit recorded a contact and every window had ended by June: 响应率 0. Below the seeded 解决率 target (≥ 80 %).
  responseRate: 0, missedTargets: ['resolutionRate'],
};
// B: lead assignments B1 B2 A5(re-dispatched) B4 → 4. sign-for on time 3/4 (B4 late).
//    completion: B1 B2 due in March, both on time → 1; overdue 0. returns 0/4 → 0; no decided
//    return → wrong-return rate null; extensions 0/4. closed B1 B2 → rehandle 0/2. callbacks 2/2 reached;
//    satisfaction 2/2 (basically satisfied counts); resolution: B2 not asked → 1/1.
const MARCH_B = {
  key: B, name: '统计乙局', received: 4, signForOnTimeRate: 0.75, completedOnTimeRate: 1, overdueCount: 0, returnRate: 0, wrongReturnRate: null,
  extensionRate: 0, rehandleRate: 0, callbackReachRate: 1, satisfactionRate: 1, resolutionRate: 1, supervisionCount: 0, urgeCount: 0, criticismCount: 0,
  responseRate: 0, missedTargets: [],
};
// Category X (= the whole fixture): received = registered in March: A1..A8, B1, B2, B4, D1 = 12.
//    sign-for 8/11; completion 5/7, overdue 2; returns 2/12; wrong 1/2; extensions 1/12;
//    rehandle 1/6 (D1 has no unit: not in the population); callbacks 5/6; satisfaction 4/5; resolution 3/4.
const MARCH_X = {
  key: X, name: '统计夹具分类', received: 12, signForOnTimeRate: 8 / 11, completedOnTimeRate: 5 / 7, overdueCount: 2, returnRate: 2 / 12, wrongReturnRate: 0.5,
  extensionRate: 1 / 12, rehandleRate: 1 / 6, callbackReachRate: 5 / 6, satisfactionRate: 4 / 5, resolutionRate: 3 / 4, supervisionCount: 2, urgeCount: 1, criticismCount: 0,
  responseRate: 0, missedTargets: ['resolutionRate'],
};

// ── Scores with the seeded scheme and weights 0.3 / 0.7 ──
// A work = 100 × (0.2×5/7 + 0.35×0.6 + 0.15×(1−0.5) + 0.1×(1−0.125) + 0.2×(1−0.25)) = 66.5357, −2 points for 2 notices = 64.5357
//   citizen = 100 × (0.6×2/3 + 0.4×2/3) = 66.6667; score = 0.3×64.5357 + 0.7×66.6667 = 66.0274
// B work: wrong-return rate null → weights renormalised over 0.85:
//   100 × (0.2×0.75 + 0.35×1 + 0.1×1 + 0.2×1) / 0.85 = 94.1176; citizen 100; score = 28.2353 + 70 = 98.2353
// February: A work 100, citizen 0 → 30; B work 100 × (0 + 0.35 + 0.1 + 0.2)/0.85 = 76.4706, citizen 100 → 92.9412
// March 2024: A 100 (everything on time, satisfied, resolved); B had no case.
const SCORE_A = 66.03;
const SCORE_B = 98.24;

describe('statistics: indicators, assessment and comparisons on a hand-computed fixture', () => {
  let server: RunningApi;
  let api: AdminApiClient;
  const get = (path: string, as = 'supervisor') => api.get(path, as);

  before(async () => {
    await insertFixture();
    server = await startApi({ now: () => t('2025-06-01 00:00') });
    api = new AdminApiClient(server.url);
    await api.login('supervisor', 'admin', 'handler', 'leader', 'operator');
  });

  after(async () => {
    await server?.close();
  });

  it('computes every indicator per unit exactly as by hand', async () => {
    const response = await get('/api/statistics/indicators?groupBy=unit&from=2025-03-01&to=2025-03-31');
    assert.equal(response.status, 200);
    assert.deepEqual({ from: response.body.from, to: response.body.to, groupBy: response.body.groupBy }, { from: '2025-03-01', to: '2025-03-31', groupBy: 'unit' });
    const rows = response.body.rows.filter((r: { key: string }) => r.key === A || r.key === B);
    assert.deepEqual(rows, [MARCH_A, MARCH_B]);
  });

  it('computes the indicators per category and per channel over the same facts', async () => {
    const byCategory = await get('/api/statistics/indicators?groupBy=category&from=2025-03-01&to=2025-03-31');
    assert.deepEqual(byCategory.body.rows.find((r: { key: string }) => r.key === X), MARCH_X);
    const byChannel = await get('/api/statistics/indicators?groupBy=channel&from=2025-03-01&to=2025-03-31');
    assert.deepEqual(byChannel.body.rows.find((r: { key: string }) => r.key === 'letter'), { ...MARCH_X, key: 'letter', name: '信件' });
  });

  it('counts whole Shanghai days: a case closed at 23:00 on 31 March belongs to March, not April', async () => {
    const april = await get('/api/statistics/indicators?groupBy=unit&from=2025-04-01&to=2025-04-30');
    const a = april.body.rows.find((r: { key: string }) => r.key === A);
    // April: no dispatch, no closing; deadlines A3 (extended) and A6 pass unmet → 2 overdue of 2.
    assert.deepEqual(a, { ...a, received: 0, completedOnTimeRate: 0, overdueCount: 2, rehandleRate: null, callbackReachRate: null, signForOnTimeRate: null });
  });

  it('scores, ranks and compares units month on month (环比) and year on year (同比)', async () => {
    const response = await get('/api/statistics/assessment?month=2025-03');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.weights, { workPerformance: 0.3, citizenEvaluation: 0.7 });
    const rows = response.body.rows.filter((r: { unitId: string }) => r.unitId === A || r.unitId === B);
    const relative = (change: number, earlier: number) => change / earlier;
    assert.deepEqual(rows, [
      { unitId: B, unitName: '统计乙局', workPerformance: 94.12, citizenEvaluation: 100, score: SCORE_B, rank: rows[0].rank, missedTargets: [], previous: { score: 92.94, change: 5.3, relativeChange: relative(5.3, 92.94) }, lastYear: null },
      { unitId: A, unitName: '统计甲局', workPerformance: 64.54, citizenEvaluation: 66.67, score: SCORE_A, rank: rows[1].rank, missedTargets: ['resolutionRate'], previous: { score: 30, change: 36.03, relativeChange: relative(36.03, 30) }, lastYear: { score: 100, change: -33.97, relativeChange: relative(-33.97, 100) } },
    ]);
    assert.ok(rows[0]!.rank < rows[1]!.rank, 'B ranks above A');
  });

  it('ranks equal scores together and leaves units without a score unranked', () => {
    assert.deepEqual(rankScores([90, 95, 90, null, 80]), [2, 1, 2, null, 4]);
  });

  it('follows the configured weights: all on work performance makes the score the work score', async () => {
    const put = (value: unknown) => api.put('/api/rule-settings/assessment.weights', { value, reason: '统计测试' }, 'admin');
    assert.equal((await put({ workPerformance: 1, citizenEvaluation: 0 })).status, 200);
    try {
      const rows = (await get('/api/statistics/assessment?month=2025-03')).body.rows;
      assert.equal(rows.find((r: { unitId: string }) => r.unitId === A).score, 64.54);
      assert.equal(rows.find((r: { unitId: string }) => r.unitId === B).score, 94.12);
    } finally {
      assert.equal((await put({ workPerformance: 0.3, citizenEvaluation: 0.7 })).status, 200);
    }
  });

  it('follows the configured scheme and refuses an invalid one', async () => {
    const original = (await api.get('/api/rule-settings/assessment.scheme', 'admin')).body.value;
    const bad = await api.put('/api/rule-settings/assessment.scheme', { value: { ...original, citizenEvaluation: [{ indicator: 'nonsense', weight: 1, direction: 'higherIsBetter' }] }, reason: '统计测试' }, 'admin');
    assert.equal(bad.status, 400);
    assert.ok(Object.keys(bad.body.error.fields).some((f) => f.startsWith('value.citizenEvaluation')));
    // Citizen evaluation from satisfaction alone: A 2/3 → 66.67, B 1 → 100 (unchanged); A's score stays 66.03.
    // From the callback reach rate alone instead: A 0.75 → 75, so A = 0.3×64.5357 + 0.7×75 = 71.86.
    const reachOnly = { ...original, citizenEvaluation: [{ indicator: 'callbackReachRate', weight: 1, direction: 'higherIsBetter' }] };
    assert.equal((await api.put('/api/rule-settings/assessment.scheme', { value: reachOnly, reason: '统计测试' }, 'admin')).status, 200);
    try {
      const body = (await get('/api/statistics/assessment?month=2025-03')).body;
      assert.deepEqual(body.scheme.citizenEvaluation, reachOnly.citizenEvaluation);
      assert.equal(body.rows.find((r: { unitId: string }) => r.unitId === A).score, 71.86);
    } finally {
      assert.equal((await api.put('/api/rule-settings/assessment.scheme', { value: original, reason: '统计测试' }, 'admin')).status, 200);
    }
  });

  it('summarises the period for the dashboard with its 环比 and 同比', async () => {
    const response = await get('/api/statistics/summary?from=2025-03-01&to=2025-03-31');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.topCategories.find((c: { categoryId: string }) => c.categoryId === X), { categoryId: X, name: '统计夹具分类', count: 12 });
    // Last rounds reached in March: A1 A4 B1 satisfied, B2 basically, A2 unsatisfied (A8 unreachable).
    assert.deepEqual(response.body.satisfaction, { satisfied: 3, basicallySatisfied: 1, unsatisfied: 1 });
    const march3 = response.body.byDay.find((d: { date: string }) => d.date === '2025-03-03');
    assert.ok(march3.byChannel.letter >= 3, 'A1, A7 and A8 were received on 3 March');
    assert.deepEqual({ from: response.body.previous.from, to: response.body.previous.to }, { from: '2025-01-29', to: '2025-02-28' });
    assert.deepEqual({ from: response.body.lastYear.from, to: response.body.lastYear.to }, { from: '2024-03-01', to: '2024-03-31' });
  });

  it('shows a unit leader only the rows of its own subtree', async () => {
    const leader = { id: 'user-stat-leader', roles: ['unitLeader'], unitId: A };
    await ensureActorUsers([leader]);
    const token = actorToken(leader, 600);
    const fetchAs = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json() as Promise<any>);
    const units = await fetchAs('/api/statistics/indicators?groupBy=unit&from=2025-03-01&to=2025-03-31');
    assert.deepEqual(units.rows, [MARCH_A]);
    const assessment = await fetchAs('/api/statistics/assessment?month=2025-03');
    assert.deepEqual(assessment.rows.map((r: { unitId: string }) => r.unitId), [A]);
    const summary = await fetchAs('/api/statistics/summary?from=2025-03-01&to=2025-03-31');
    assert.deepEqual(summary.satisfaction, { satisfied: 2, basicallySatisfied: 0, unsatisfied: 1 }, 'A1 A4 satisfied, A2 unsatisfied');
    // By category, only A's facts: A's row under another key, except that registered cases count
    // by their current lead unit, and A5 is B's now (7 instead of the 8 dispatched to A).
    const categories = await fetchAs('/api/statistics/indicators?groupBy=category&from=2025-03-01&to=2025-03-31');
    assert.deepEqual(categories.rows.find((r: { key: string }) => r.key === X), { ...MARCH_A, key: X, name: '统计夹具分类', received: 7 });
  });

  it('exports the ranking as XLSX and the indicators as CSV with the figures the JSON gives', async () => {
    const json = (await get('/api/statistics/assessment?month=2025-03')).body;
    const xlsx = await fetch(`${server.url}/api/statistics/assessment?month=2025-03&format=xlsx`, { headers: { authorization: `Bearer ${api.token('supervisor')}` } });
    assert.equal(xlsx.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(0, 2), ['排名', '单位']);
    const scoreColumn = header.indexOf('综合得分') + 1;
    assert.ok(scoreColumn > 0, String(header));
    const ranked = json.rows.filter((row: { rank: number | null }) => row.rank !== null);
    for (const [i, row] of ranked.entries()) {
      const line = sheet.getRow(i + 2);
      assert.deepEqual([line.getCell(1).value, line.getCell(2).value, line.getCell(scoreColumn).value], [row.rank, row.unitName, row.score]);
    }

    const csv = await fetch(`${server.url}/api/statistics/indicators?groupBy=unit&from=2025-03-01&to=2025-03-31&format=csv`, { headers: { authorization: `Bearer ${api.token('supervisor')}` } });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type')!, /^text\/csv/);
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r\n/);
    assert.match(lines[0]!, /^单位,受理量,/);
    const unitA = lines.find((line) => line.startsWith(`${MARCH_A.name},`));
    assert.ok(unitA, text);
    assert.equal(unitA.split(',')[1], String(MARCH_A.received));
  });

  it('refuses roles without statistics and bad periods, with the field and the reason', async () => {
    assert.equal((await get('/api/statistics/assessment?month=2025-03', 'handler')).status, 403);
    assert.equal((await get('/api/statistics/assessment?month=2025-03', 'operator')).status, 403);
    assert.equal((await api.get('/api/statistics/assessment?month=2025-03', null)).status, 401);
    const cases: [string, string][] = [
      ['/api/statistics/indicators?groupBy=street&from=2025-03-01&to=2025-03-31', 'groupBy'],
      ['/api/statistics/indicators?groupBy=unit&from=2025-03-31&to=2025-03-01', 'to'],
      ['/api/statistics/indicators?groupBy=unit&from=2025-02-30&to=2025-03-01', 'from'],
      ['/api/statistics/summary?from=2015-01-01&to=2025-03-01', 'to'],
      ['/api/statistics/assessment?month=2025-13', 'month'],
      ['/api/statistics/assessment', 'month'],
    ];
    for (const [path, field] of cases) {
      const response = await get(path);
      assert.equal(response.status, 400, path);
      assert.ok(response.body.error.fields[field], `${path}: ${JSON.stringify(response.body.error.fields)}`);
    }
  });
});
