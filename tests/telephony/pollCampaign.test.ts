// Opinion polls (民意调查) end to end: a supervisor drafts and starts a poll over the API; its
// workflow places the calls with the real twilio client on the local Twilio endpoint, whose
// scripted phones pick up (or not) and key their answers; the results count them. Pausing stops
// new calls; refusals (roles, input, state) change nothing. A database step that keeps failing
// is a stuck step on the admins' screen, and the poll goes on once fixed and retried by hand.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTwilioClient } from '../../telephony/twilioClient';
import { pollProgressQuery, pollWorkflowId } from '../../workflows/poll/definitions';
import type { PollCampaignOutcome } from '../../workflows/poll/workflow';
import { AdminApiClient, listQuery } from '../support/adminApi';
import { recordHistory } from '../support/histories';
import { asSuperuser, testPrisma } from '../support/db';
import { randomMobile } from '../support/ivr';
import { waitUntil } from '../support/petitions';
import { useTelephonyStack } from '../support/telephonyStack';
import { TEST_TWILIO_ACCOUNT_SID, TEST_TWILIO_AUTH_TOKEN } from '../support/twilio';

/** Rings longer than any test here takes: the call is under way until the test ends it. */
const RINGING = { answer: 'no-answer', ringMs: 120_000 } as const;
const ALL_DAY = { start: '00:00', end: '24:00' };

const QUESTIONS = [
  { prompt: '您对本市垃圾分类工作的满意程度，非常满意请按1，满意请按2，一般请按3，不满意请按4，非常不满意请按5。', choices: ['非常满意', '满意', '一般', '不满意', '非常不满意'].map((label, i) => ({ key: String(i + 1), label })) },
  { prompt: '您家附近是否设有分类投放点？有请按1，没有请按2。', choices: [{ key: '1', label: '有' }, { key: '2', label: '没有' }] },
];

/** A request the endpoint made about a call, as its log keeps it. */
interface Webhook {
  purpose: string;
  url: string;
  params: Record<string, string>;
  status: number;
  answer: string;
}

describe('opinion polls (民意调查) through the local Twilio endpoint', () => {
  const t = useTelephonyStack();
  const prisma = testPrisma();
  let client: AdminApiClient;
  const settings: Record<string, unknown> = {};

  before(async () => {
    client = new AdminApiClient(t.api.url);
    await client.login('supervisor', 'admin', 'operator', 'handler');
    // Short pauses for the tests; the product's defaults stay as seeded.
    for (const key of ['poll.callRetrySeconds', 'poll.maxConcurrentCalls']) settings[key] = (await prisma.ruleSetting.findUniqueOrThrow({ where: { key } })).value;
    await prisma.ruleSetting.update({ where: { key: 'poll.callRetrySeconds' }, data: { value: 1 } });
  });
  after(async () => {
    for (const [key, value] of Object.entries(settings)) await prisma.ruleSetting.update({ where: { key }, data: { value: value as never } });
  });

  const outboundCalls = (to: string) => t.twilio.calls().filter((c) => c.direction === 'outbound-api' && c.to === to);
  const webhooks = (sid: string): Webhook[] => (t.twilio.call(sid)?.log ?? []).filter((e) => e.kind === 'webhook') as unknown as Webhook[];
  const twimlRequests = (sid: string) => webhooks(sid).filter((w) => w.purpose === 'twiml');
  const campaign = (id: string) => prisma.pollCampaign.findUniqueOrThrow({ where: { id } });
  const target = (campaignId: string, number: string) => prisma.pollTarget.findUniqueOrThrow({ where: { campaignId_number: { campaignId, number } } });
  const audits = (id: string) => prisma.auditEvent.findMany({ where: { entityType: 'pollCampaign', entityId: id }, orderBy: { id: 'asc' } });
  const workflow = (id: string) => t.env.client.workflow.getHandle(pollWorkflowId(id));

  async function draft(numbers: string[], extra: Record<string, unknown> = {}): Promise<string> {
    const created = await client.post('/api/polls', { title: '垃圾分类满意度', questions: QUESTIONS, targets: { numbers }, callingHours: ALL_DAY, ...extra }, 'supervisor');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body.id as string;
  }

  it('calls each number, takes keypad answers (a wrong key asked again), retries the unanswered, skips the blocked, and counts the results', async () => {
    const [all, corrected, silent, blocked, hangsUp] = [randomMobile(), randomMobile(), randomMobile(), randomMobile(), randomMobile()];
    t.twilio.scriptPhone(all, { answers: [{ digits: '1' }, { digits: '2' }] });
    // 7 is no choice: asked once more, then 3; then 1 to the second question.
    t.twilio.scriptPhone(corrected, { answers: [{ digits: '7' }, { digits: '3' }, { digits: '1' }] });
    t.twilio.scriptPhone(silent, { answer: 'no-answer' });
    t.twilio.scriptPhone(blocked, { answer: 'answer', answers: [{ digits: '1' }, { digits: '1' }] });
    t.twilio.scriptPhone(hangsUp, { answers: [{ hangup: true }] });
    await prisma.blockedCaller.create({ data: { id: randomUUID(), number: blocked, reason: '骚扰', days: 7, proposedById: 'user-operator', proposedAt: new Date(), decision: 'approved', reviewedById: 'user-supervisor', reviewedAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) } });

    const id = await draft([all, corrected, silent, blocked, hangsUp, all], { maxAttempts: 3 });
    const drafted = await client.get(`/api/polls/${id}`, 'supervisor');
    assert.deepEqual([drafted.body.status, drafted.body.maxAttempts, drafted.body.numbers.total, drafted.body.numbers.pending, drafted.body.numbers.skipped], ['draft', 3, 5, 4, 1], 'each number once; the blocked one skipped');
    assert.equal((await target(id, blocked)).skipReason, 'blocked');
    assert.equal(t.twilio.calls().filter((c) => [all, corrected, silent, hangsUp].includes(c.to)).length, 0, 'a draft calls nobody');

    const started = await client.post(`/api/polls/${id}/start`, { reason: '年度调查' }, 'supervisor');
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal(started.body.status, 'running');
    const outcome = (await workflow(id).result()) as PollCampaignOutcome;
    assert.deepEqual(outcome, { campaignId: id, outcome: 'finished', calls: 6 } satisfies PollCampaignOutcome);
    await recordHistory('poll-finished', workflow(id));
    assert.equal((await campaign(id)).status, 'finished');

    // The one who answered everything: introduction and first question, then the second, then thanks.
    const [allCall] = outboundCalls(all);
    const [intro, second, thanks] = twimlRequests(allCall!.sid);
    assert.ok(intro!.url.startsWith(`${t.api.url}/telephony/poll/call?campaignId=${id}&`), intro!.url);
    assert.ok(intro!.answer.includes('正在开展“垃圾分类满意度”民意调查'), intro!.answer);
    assert.ok(intro!.answer.includes('<Gather input="dtmf" numDigits="1" timeout="8"'), intro!.answer);
    assert.ok(intro!.answer.includes(QUESTIONS[0]!.prompt), intro!.answer);
    assert.deepEqual([second!.params.Digits, second!.answer.includes(QUESTIONS[1]!.prompt)], ['1', true]);
    assert.deepEqual([thanks!.params.Digits, /调查结束，感谢您的参与，再见。<\/Say><Hangup\/>/.test(thanks!.answer)], ['2', true]);

    // The wrong key: the question once more, then the valid key counts.
    const correctedCall = outboundCalls(corrected)[0]!;
    const [, wrong, retried] = twimlRequests(correctedCall.sid);
    assert.deepEqual([wrong!.params.Digits, wrong!.answer.includes('抱歉，没有听清您的选择。'), wrong!.url.endsWith('&q=0&try=1')], ['7', true, true]);
    assert.deepEqual([retried!.params.Digits, retried!.url.endsWith('&q=0&try=2')], ['3', true]);

    assert.equal(outboundCalls(silent).length, 3, 'called maxAttempts times');
    assert.ok(outboundCalls(silent).every((c) => c.status === 'no-answer'));
    assert.equal(outboundCalls(blocked).length, 0);
    assert.equal(outboundCalls(hangsUp).length, 1, 'picked up: not called again');

    const rows = await Promise.all([all, corrected, silent, blocked, hangsUp].map((n) => target(id, n)));
    assert.deepEqual(rows.map((r) => [r.status, r.attempts, r.answers]), [
      ['answered', 1, { 0: '1', 1: '2' }],
      ['answered', 1, { 0: '3', 1: '1' }],
      ['unanswered', 3, {}],
      ['skipped', 0, {}],
      ['refused', 1, {}],
    ]);
    const calls = await prisma.call.findMany({ where: { pollTargetId: rows[2]!.id }, orderBy: { startedAt: 'asc' } });
    assert.deepEqual(calls.map((c) => [c.purpose, c.direction, c.status, c.toNumber]), [1, 2, 3].map(() => ['poll', 'outbound', 'no-answer', silent]));
    const answeredRow = await prisma.call.findUniqueOrThrow({ where: { id: allCall!.sid } });
    assert.deepEqual([answeredRow.purpose, answeredRow.status, answeredRow.pollTargetId, answeredRow.answeredAt !== null, answeredRow.endedAt !== null], ['poll', 'completed', rows[0]!.id, true, true]);

    const results = await client.get(`/api/polls/${id}/results`, 'admin');
    assert.equal(results.status, 200);
    assert.deepEqual(results.body.numbers, { total: 5, pending: 0, calling: 0, answered: 2, refused: 1, unanswered: 1, skipped: 1, cancelled: 0 });
    assert.deepEqual(results.body.questions.map((q: { answered: number; choices: { key: string; count: number }[] }) => [q.answered, q.choices.map((c) => c.count)]), [
      [2, [1, 0, 1, 0, 0]],
      [2, [1, 1]],
    ]);
    assert.deepEqual((await audits(id)).map((a) => [a.action, a.actorId]), [['pollCreated', 'user-supervisor'], ['pollStarted', 'user-supervisor'], ['pollFinished', null]]);

    // Over: no command applies any more.
    for (const command of ['start', 'pause', 'resume', 'cancel']) {
      const refused = await client.post(`/api/polls/${id}/${command}`, {}, 'supervisor');
      assert.deepEqual([refused.status, refused.body.error.code], [409, 'invalidState'], command);
    }
    assert.equal((await audits(id)).length, 3);
  });

  it('pauses: calls under way finish, no new call until resumed (with the settings changed meanwhile); then cancels what is left, hanging up the calls under way', async () => {
    await prisma.ruleSetting.update({ where: { key: 'poll.maxConcurrentCalls' }, data: { value: 1 } });
    const numbers = [randomMobile(), randomMobile(), randomMobile()];
    for (const number of numbers) t.twilio.scriptPhone(number, RINGING);
    const id = await draft(numbers, { maxAttempts: 2 });
    assert.equal((await client.post(`/api/polls/${id}/start`, {}, 'admin')).status, 200);
    const placed = () => t.twilio.calls().filter((c) => c.direction === 'outbound-api' && numbers.includes(c.to));
    await waitUntil(async () => placed().length === 1 && (await prisma.pollTarget.count({ where: { campaignId: id, lastCallSid: placed()[0]!.sid } })) === 1);

    const paused = await client.post(`/api/polls/${id}/pause`, { reason: '临时暂停' }, 'supervisor');
    assert.equal(paused.status, 200, JSON.stringify(paused.body));
    assert.equal(paused.body.status, 'paused');
    const again = await client.post(`/api/polls/${id}/pause`, {}, 'supervisor');
    assert.deepEqual([again.status, again.body.error.code], [409, 'invalidState']);

    // The call under way goes on; ended (by Twilio's REST API), it is recorded, and no other starts.
    const first = placed()[0]!;
    await createTwilioClient({ accountSid: TEST_TWILIO_ACCOUNT_SID, authToken: TEST_TWILIO_AUTH_TOKEN, apiBaseUrl: t.twilio.url }).calls(first.sid).update({ status: 'canceled' });
    await waitUntil(async () => (await workflow(id).query(pollProgressQuery)).inFlight === 0);
    assert.deepEqual(await workflow(id).query(pollProgressQuery), { status: 'paused', inFlight: 0, waiting: 3, done: 0 });
    assert.equal(placed().length, 1, 'paused: no new call');
    const firstTarget = await prisma.pollTarget.findFirstOrThrow({ where: { campaignId: id, lastCallSid: first.sid } });
    assert.deepEqual([firstTarget.status, firstTarget.lastOutcome, firstTarget.attempts], ['pending', 'canceled', 1]);

    // Resumed after an admin allowed two calls at once: the settings are read again, two calls go out.
    await prisma.ruleSetting.update({ where: { key: 'poll.maxConcurrentCalls' }, data: { value: 2 } });
    const resumed = await client.post(`/api/polls/${id}/resume`, {}, 'supervisor');
    assert.deepEqual([resumed.status, resumed.body.status], [200, 'running']);
    await waitUntil(async () => placed().length === 3);
    assert.equal((await workflow(id).query(pollProgressQuery)).inFlight, 2);

    const cancelled = await client.post(`/api/polls/${id}/cancel`, { reason: '调查取消' }, 'admin');
    assert.deepEqual([cancelled.status, cancelled.body.status], [200, 'cancelled']);
    // The calls under way (still ringing) are hung up through Twilio's REST API, and the workflow is over.
    const outcome = (await workflow(id).result()) as PollCampaignOutcome;
    assert.deepEqual(outcome, { campaignId: id, outcome: 'cancelled', calls: 3 });
    for (const call of placed().slice(1)) {
      const hangups = (t.twilio.call(call.sid)?.log ?? []).filter((e) => e.kind === 'hangup');
      assert.deepEqual(hangups.map((e) => [e.by, e.status]), [['rest', 'completed']], 'hung up by the workflow, not by the test');
      assert.ok(['completed', 'canceled'].includes(t.twilio.call(call.sid)!.status), t.twilio.call(call.sid)!.status);
      const hungUpTarget = await prisma.pollTarget.findFirstOrThrow({ where: { campaignId: id, lastCallSid: call.sid } });
      assert.deepEqual([hungUpTarget.status, hungUpTarget.attempts], ['cancelled', 1]);
    }
    await recordHistory('poll-paused-resumed-cancelled', workflow(id));
    await recordHistory('poll-cancel-hangs-up', workflow(id));
    assert.equal(placed().length, 3);
    const statuses = (await prisma.pollTarget.findMany({ where: { campaignId: id } })).map((r) => r.status);
    assert.deepEqual(statuses, ['cancelled', 'cancelled', 'cancelled']);
    assert.equal((await campaign(id)).status, 'cancelled');
    assert.deepEqual((await audits(id)).map((a) => [a.action, a.actorId, a.reason]), [
      ['pollCreated', 'user-supervisor', null],
      ['pollStarted', 'user-admin', null],
      ['pollPaused', 'user-supervisor', '临时暂停'],
      ['pollResumed', 'user-supervisor', null],
      ['pollCancelled', 'user-admin', '调查取消'],
    ]);
  });

  it('continues as new when its history grows long, carrying what is left to call: every number called once, the results whole', async () => {
    await prisma.ruleSetting.update({ where: { key: 'poll.maxConcurrentCalls' }, data: { value: 1 } });
    const numbers = Array.from({ length: 5 }, () => randomMobile());
    for (const number of numbers) t.twilio.scriptPhone(number, { answers: [{ digits: '2' }, { digits: '1' }] });
    const id = await draft(numbers, { maxAttempts: 1 });
    // What POST /start does, but with a history limit of 40 events instead of 10,000: a few calls per run.
    await prisma.pollCampaign.update({ where: { id }, data: { status: 'running', startedById: 'user-supervisor', startedAt: new Date() } });
    const started = await t.env.client.workflow.start('pollCampaignWorkflow', { args: [{ campaignId: id, continueAsNewAfterEvents: 40 }], taskQueue: t.h.taskQueue, workflowId: pollWorkflowId(id) });

    const outcome = (await workflow(id).result()) as PollCampaignOutcome;
    assert.deepEqual(outcome, { campaignId: id, outcome: 'finished', calls: 5 } satisfies PollCampaignOutcome, 'the count carried across runs');
    const firstRun = await t.env.client.workflow.getHandle(pollWorkflowId(id), started.firstExecutionRunId).describe();
    assert.equal(firstRun.status.name, 'CONTINUED_AS_NEW');
    const lastRun = await workflow(id).describe();
    assert.notEqual(lastRun.runId, started.firstExecutionRunId);
    assert.ok(lastRun.historyLength < 80, `each run stays short (${lastRun.historyLength} events)`);

    for (const number of numbers) assert.equal(outboundCalls(number).length, 1, `${number} called once`);
    const rows = await prisma.pollTarget.findMany({ where: { campaignId: id } });
    assert.deepEqual(rows.map((r) => [r.status, r.attempts, r.answers]), numbers.map(() => ['answered', 1, { 0: '2', 1: '1' }]));
    assert.equal((await campaign(id)).status, 'finished');
  });

  it('reads its settings again every few minutes while running: more lines allowed, more calls at once', async () => {
    await prisma.ruleSetting.update({ where: { key: 'poll.maxConcurrentCalls' }, data: { value: 1 } });
    const numbers = [randomMobile(), randomMobile(), randomMobile()];
    for (const number of numbers) t.twilio.scriptPhone(number, RINGING);
    const id = await draft(numbers, { maxAttempts: 1 });
    // What POST /start does, with the settings read again every 300 ms instead of every 5 minutes.
    await prisma.pollCampaign.update({ where: { id }, data: { status: 'running', startedById: 'user-supervisor', startedAt: new Date() } });
    await t.env.client.workflow.start('pollCampaignWorkflow', { args: [{ campaignId: id, settingsRereadMs: 300 }], taskQueue: t.h.taskQueue, workflowId: pollWorkflowId(id) });
    const placed = () => t.twilio.calls().filter((c) => c.direction === 'outbound-api' && numbers.includes(c.to));
    await waitUntil(async () => placed().length === 1);
    assert.equal((await workflow(id).query(pollProgressQuery)).inFlight, 1);

    await prisma.ruleSetting.update({ where: { key: 'poll.maxConcurrentCalls' }, data: { value: 3 } });
    await waitUntil(async () => placed().length === 3);
    assert.deepEqual(await workflow(id).query(pollProgressQuery), { status: 'running', inFlight: 3, waiting: 0, done: 0 });

    assert.equal((await client.post(`/api/polls/${id}/cancel`, { reason: '测试结束' }, 'supervisor')).status, 200);
    assert.deepEqual(await workflow(id).result(), { campaignId: id, outcome: 'cancelled', calls: 3 } satisfies PollCampaignOutcome);
    await recordHistory('poll-settings-reread', workflow(id));
    assert.deepEqual((await prisma.pollTarget.findMany({ where: { campaignId: id } })).map((r) => r.status), ['cancelled', 'cancelled', 'cancelled']);
  });

  it('reports a database step that keeps failing as a stuck step naming the poll; fixed and retried by hand, the poll goes on', async () => {
    const number = randomMobile();
    t.twilio.scriptPhone(number, { answers: [{ digits: '4' }, { digits: '2' }] });
    const id = await draft([number], { maxAttempts: 1 });
    // A real refusal: a CHECK constraint PostgreSQL enforces on this poll's recorded outcomes.
    const constraint = 'test_poll_stuck_outcome';
    await asSuperuser(`ALTER TABLE "PollTarget" ADD CONSTRAINT ${constraint} CHECK ("campaignId" <> '${id}' OR "lastOutcome" IS NULL) NOT VALID`);
    const stuckId = `${pollWorkflowId(id)}:poll`;
    try {
      assert.equal((await client.post(`/api/polls/${id}/start`, {}, 'supervisor')).status, 200);
      const listed = async () => (await client.get(`/api/stuck-cases${listQuery({ filter: { pollCampaignId: id } })}`, 'admin')).body as Record<string, unknown>[];
      await waitUntil(async () => (await listed()).length === 1, 60_000);
      const [stuck] = await listed();
      assert.deepEqual([stuck!.id, stuck!.workflowId, stuck!.step, stuck!.caseId, stuck!.pollCampaignId, stuck!.pollTitle, stuck!.permanent, stuck!.caseVisible], [stuckId, pollWorkflowId(id), 'poll', null, id, '垃圾分类满意度', true, false]);
      assert.match(String(stuck!.errorMessage), new RegExp(constraint));
      // Answered, but its outcome is not written: the poll waits rather than finish without it.
      assert.deepEqual((await target(id, number)).answers, { 0: '4', 1: '2' });
      assert.equal((await target(id, number)).status, 'calling');
      assert.equal((await campaign(id)).status, 'running');
    } finally {
      await asSuperuser(`ALTER TABLE "PollTarget" DROP CONSTRAINT IF EXISTS ${constraint}`);
    }
    assert.equal((await client.post(`/api/stuck-cases/${encodeURIComponent(stuckId)}/retry`, { reason: '约束已删除' }, 'supervisor')).status, 403, 'only admins retry');
    const retried = await client.post(`/api/stuck-cases/${encodeURIComponent(stuckId)}/retry`, { reason: '约束已删除' }, 'admin');
    assert.deepEqual([retried.status, retried.body.pollCampaignId], [202, id]);
    const outcome = (await workflow(id).result()) as PollCampaignOutcome;
    assert.deepEqual(outcome, { campaignId: id, outcome: 'finished', calls: 1 } satisfies PollCampaignOutcome);
    await recordHistory('poll-stuck-step-retried', workflow(id));
    assert.deepEqual([(await target(id, number)).status, (await target(id, number)).lastOutcome], ['answered', 'completed']);
    assert.equal((await campaign(id)).status, 'finished');
    const row = await prisma.stuckStep.findUniqueOrThrow({ where: { id: stuckId } });
    assert.notEqual(row.resolvedAt, null, 'recovered');
    const retries = await prisma.auditEvent.findMany({ where: { entityType: 'stuckStep', entityId: stuckId } });
    assert.deepEqual(retries.map((e) => [e.action, e.actorId, e.reason]), [['stuckStepRetried', 'user-admin', '约束已删除']]);
  });

  it('speaks the admin-edited voice templates: the introduction, the repeat and the thanks are what the caller hears', async () => {
    const edited = {
      'voice.pollIntro': '市民朋友您好，12345热线“{title}”调查开始了，请按键作答。',
      'voice.pollInvalidKey': '这个按键不在选项中，请再听一遍。',
      'voice.pollThanks': '全部问题已答完，谢谢，再见。',
    } as const;
    const seeded = await prisma.messageTemplate.findMany({ where: { code: { in: Object.keys(edited) } } });
    assert.equal(seeded.length, 3, 'seeded');
    try {
      for (const [code, body] of Object.entries(edited)) {
        const row = seeded.find((r) => r.code === code)!;
        const saved = await client.put(`/api/templates/${code}`, { body, bodyEn: row.bodyEn, description: row.description, reason: '调整民意调查话术' }, 'admin');
        assert.equal(saved.status, 200, JSON.stringify(saved.body));
      }
      const number = randomMobile();
      t.twilio.scriptPhone(number, { answers: [{ digits: '9' }, { digits: '5' }, { digits: '2' }] });
      const id = await draft([number], { maxAttempts: 1 });
      assert.equal((await client.post(`/api/polls/${id}/start`, {}, 'supervisor')).status, 200);
      await workflow(id).result();
      const [intro, repeated, second, thanks] = twimlRequests(outboundCalls(number)[0]!.sid);
      assert.ok(intro!.answer.includes('市民朋友您好，12345热线“垃圾分类满意度”调查开始了，请按键作答。'), intro!.answer);
      assert.ok(!intro!.answer.includes('正在开展'), 'the seeded wording is gone');
      assert.ok(repeated!.answer.includes(`这个按键不在选项中，请再听一遍。</Say><Say language="zh-CN">${QUESTIONS[0]!.prompt}`), repeated!.answer);
      assert.ok(second!.answer.includes(QUESTIONS[1]!.prompt), second!.answer);
      assert.ok(/全部问题已答完，谢谢，再见。<\/Say><Hangup\/>/.test(thanks!.answer), thanks!.answer);
      assert.deepEqual((await target(id, number)).answers, { 0: '5', 1: '2' });
    } finally {
      for (const row of seeded) await prisma.messageTemplate.update({ where: { code: row.code }, data: { body: row.body } });
    }
  });

  it('refuses other roles, bad input, unknown polls and commands the state does not allow, changing nothing', async () => {
    const number = randomMobile();
    const id = await draft([number]);
    const before = await campaign(id);
    const auditCount = (await audits(id)).length;
    const body = { title: '测试', questions: QUESTIONS, targets: { numbers: [number] } };

    assert.equal((await client.post('/api/polls', body, null)).status, 401);
    for (const who of ['operator', 'handler']) {
      assert.equal((await client.post('/api/polls', body, who)).status, 403, who);
      assert.equal((await client.get('/api/polls', who)).status, 403, who);
      assert.equal((await client.post(`/api/polls/${id}/start`, {}, who)).status, 403, who);
    }

    const invalid: [unknown, string][] = [
      [{ ...body, title: '' }, 'title'],
      [{ ...body, questions: [] }, 'questions'],
      [{ ...body, questions: [{ prompt: '请按键', choices: [{ key: '1', label: '是' }, { key: '1', label: '否' }] }] }, 'questions.0.choices'],
      [{ ...body, questions: [{ prompt: '请按键', choices: [{ key: '0', label: '是' }, { key: '1', label: '否' }] }] }, 'questions.0.choices.0.key'],
      [{ ...body, targets: { numbers: ['not a number'] } }, 'targets'],
      [{ ...body, targets: { closedCases: { from: '2026-12-31', to: '2026-01-01' } } }, 'targets'],
      [{ ...body, callingHours: { start: '20:00', end: '09:00' } }, 'callingHours.end'],
      [{ ...body, maxAttempts: 0 }, 'maxAttempts'],
      [{ ...body, extra: true }, '(body)'],
    ];
    const pollsBefore = await prisma.pollCampaign.count();
    for (const [bad, field] of invalid) {
      const refused = await client.post('/api/polls', bad, 'supervisor');
      assert.equal(refused.status, 400, JSON.stringify(bad));
      assert.ok(Object.keys(refused.body.error.fields).some((f) => f.startsWith(field)), `${field}: ${JSON.stringify(refused.body.error.fields)}`);
    }
    // A period with no closed case of a citizen with a phone: nobody to call.
    const empty = await client.post('/api/polls', { ...body, targets: { closedCases: { from: '2001-01-01', to: '2001-01-31' } } }, 'supervisor');
    assert.deepEqual([empty.status, Object.keys(empty.body.error.fields)], [400, ['targets.closedCases']]);
    assert.equal(await prisma.pollCampaign.count(), pollsBefore);

    assert.equal((await client.get(`/api/polls/${randomUUID()}`, 'supervisor')).status, 404);
    assert.equal((await client.post(`/api/polls/${randomUUID()}/start`, {}, 'supervisor')).status, 404);
    assert.equal((await client.get('/api/polls/not-an-id', 'supervisor')).status, 400);
    for (const command of ['pause', 'resume']) {
      const refused = await client.post(`/api/polls/${id}/${command}`, {}, 'supervisor');
      assert.deepEqual([refused.status, refused.body.error.code], [409, 'invalidState'], command);
    }
    assert.equal((await client.post(`/api/polls/${id}/start`, { reason: 42 }, 'supervisor')).status, 400);
    assert.deepEqual(await campaign(id), before);
    assert.equal((await audits(id)).length, auditCount);
    assert.equal(outboundCalls(number).length, 0);

    // A draft cancelled is never started.
    const cancelled = await client.post(`/api/polls/${id}/cancel`, { reason: '不做了' }, 'supervisor');
    assert.deepEqual([cancelled.status, cancelled.body.status, cancelled.body.numbers.cancelled], [200, 'cancelled', 1]);
    assert.equal((await client.post(`/api/polls/${id}/start`, {}, 'supervisor')).status, 409);
    const listed = await client.get(`/api/polls?filter=${encodeURIComponent(JSON.stringify({ status: 'cancelled' }))}`, 'supervisor');
    assert.ok(listed.body.some((p: { id: string }) => p.id === id));
  });

  it('drafts a poll of the citizens of cases closed in a period', async () => {
    // A case closed the product's way: its citizen answers the satisfaction callback's call.
    const citizen = randomMobile();
    t.twilio.scriptPhone(citizen, { answers: [{ digits: '1' }, { digits: '1' }] });
    const { handle } = await t.h.registerInCallback(citizen);
    await waitUntil(async () => (await prisma.case.findUniqueOrThrow({ where: { id: handle.workflowId } })).status === 'closed');
    const { closedAt } = await prisma.case.findUniqueOrThrow({ where: { id: handle.workflowId } });
    const day = new Date(closedAt!.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

    const created = await client.post('/api/polls', { title: '办结回访', questions: QUESTIONS, targets: { closedCases: { from: day, to: day } } }, 'supervisor');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([created.body.targetSource, created.body.closedFrom, created.body.closedTo], ['closedCases', day, day]);
    assert.equal((await target(created.body.id, citizen)).status, 'pending');
    // The day before holds no case of this citizen.
    const dayBefore = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
    const earlier = await client.post('/api/polls', { title: '办结回访', questions: QUESTIONS, targets: { closedCases: { from: dayBefore, to: dayBefore } } }, 'supervisor');
    if (earlier.status === 201) assert.equal(await prisma.pollTarget.count({ where: { campaignId: earlier.body.id, number: citizen } }), 0);
    else assert.equal(earlier.status, 400);
  });
});
