// The signed links SMS give citizens: the satisfaction survey and the re-review request, from
// the SMS a real case sends to the case workflow's answer, over real HTTP (dev server).
import assert from 'node:assert/strict';
import { signLinkToken } from '../../lib/citizenAccess/linkTokens';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { callbackWorkflowId } from '../../workflows/callback/definitions';
import { testPrisma } from '../support/db';
import { recordHistory } from '../support/histories';
import { getJson, postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { TEST_LINK_SECRET, tokenInSms } from '../support/links';
import { waitUntil } from '../support/petitions';

const RESULT = { actionsTaken: '已派人更换灯泡', replyToCitizen: '路灯已修复。', handlerName: '张三', citizenContacted: true, resolved: true };

describe('/public/links (survey and re-review by signed SMS link)', () => {
  // Many link requests from one address here; the limits have their own tests.
  const stack = useApiStack({ publicLookupsPerMinute: 1000 });
  const tokens: Record<string, string> = {};
  let savedMaxAttempts: unknown;

  before(async () => {
    // No survey calls: the survey SMS (with its link) goes out at once.
    const setting = await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key: 'callback.maxAttempts' } });
    savedMaxAttempts = setting.value;
    await testPrisma().ruleSetting.update({ where: { key: 'callback.maxAttempts' }, data: { value: 0 } });
    for (const user of ['operator', 'dispatcher', 'handler', 'leader', 'supervisor']) {
      tokens[user] = (await postJson(`${stack.api.url}/auth/login`, { username: user, password: DEMO_PASSWORD })).body.accessToken;
    }
  });

  after(async () => {
    await testPrisma().ruleSetting.update({ where: { key: 'callback.maxAttempts' }, data: { value: savedMaxAttempts as number } });
  });

  const command = async (caseId: string, name: string, body: unknown, user: string) => {
    const response = await postJson(`${stack.api.url}/api/cases/${caseId}/commands/${name}`, body, { authorization: `Bearer ${tokens[user]}` });
    assert.equal(response.status, 200, `${name}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const caseRow = (caseId: string) => testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
  const smsLink = async (caseId: string, templateCode: string) => {
    await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId, templateCode } })) === 1);
    return tokenInSms((await testPrisma().smsMessage.findFirstOrThrow({ where: { caseId, templateCode } })).body);
  };

  /** A web petition taken through dispatch, handling and review into its callback; the survey link its SMS carries. */
  async function inCallback(phone: string): Promise<{ caseId: string; callbackId: string; surveyToken: string }> {
    const submitted = await postJson(`${stack.api.url}/public/cases`, { type: 'complaint', title: '路灯不亮', content: '文化路88号门口路灯坏了。', phone, name: '孙八' });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    const { caseId } = submitted.body as { caseId: string };
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    await command(caseId, 'dispatch', { leadUnitId: 'chengguan' }, 'dispatcher');
    await command(caseId, 'signFor', {}, 'handler');
    await command(caseId, 'submitResult', RESULT, 'handler');
    await command(caseId, 'unitApprove', {}, 'leader');
    const reviewed = await command(caseId, 'review', { accept: true }, 'dispatcher');
    assert.equal(reviewed.status, 'callback');
    return { caseId, callbackId: reviewed.callbacks.at(-1).id, surveyToken: await smsLink(caseId, 'sms.survey') };
  }

  it('takes a satisfied answer through the survey link, closes the case, then takes a re-review request through the completion SMS', async () => {
    const { caseId, callbackId, surveyToken } = await inCallback('13944445555');
    const page = await getJson(`${stack.api.url}/public/links/${surveyToken}`);
    assert.equal(page.status, 200);
    assert.deepEqual(
      { ...page.body, expiresAt: typeof page.body.expiresAt },
      { purpose: 'survey', caseId, handlingUnit: '市城市管理局', reply: '路灯已修复。', state: 'open', answers: ['satisfied', 'basicallySatisfied', 'unsatisfied'], expiresAt: 'string' },
    );
    for (const personal of ['5555', '孙八', 'user-']) assert.ok(!JSON.stringify(page.body).includes(personal), `no ${personal}`);

    const answered = await postJson(`${stack.api.url}/public/links/${surveyToken}/survey`, { satisfaction: 'satisfied', resolved: true, comment: '修得很快' });
    assert.equal(answered.status, 202, JSON.stringify(answered.body));
    await waitUntil(async () => (await caseRow(caseId)).status === 'closed');
    const callback = await testPrisma().callback.findUniqueOrThrow({ where: { id: callbackId } });
    assert.deepEqual([callback.status, callback.satisfaction, callback.resolved, callback.method, callback.comment], ['reached', 'satisfied', true, 'sms', '修得很快']);
    const recorded = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'callbackRecorded' } });
    assert.equal(recorded.actorId, 'system:callback', 'recorded the way a phone answer is');

    const again = await postJson(`${stack.api.url}/public/links/${surveyToken}/survey`, { satisfaction: 'unsatisfied' });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'already_answered');
    assert.equal((await getJson(`${stack.api.url}/public/links/${surveyToken}`)).body.state, 'answered');

    // The completion notice carries the re-review link.
    const reReviewToken = await smsLink(caseId, 'sms.completion');
    const reReviewPage = await getJson(`${stack.api.url}/public/links/${reReviewToken}`);
    assert.equal(reReviewPage.body.purpose, 'reReview');
    assert.equal(reReviewPage.body.state, 'open');
    assert.equal(reReviewPage.body.reReviewUntil, (await caseRow(caseId)).reReviewUntil!.toISOString());
    assert.equal((await postJson(`${stack.api.url}/public/links/${reReviewToken}/survey`, { satisfaction: 'satisfied' })).status, 404, 'a re-review link is no survey link');
    assert.equal((await postJson(`${stack.api.url}/public/links/${reReviewToken}/re-review`, {})).status, 400);

    const requested = await postJson(`${stack.api.url}/public/links/${reReviewToken}/re-review`, { reason: '路灯晚上又不亮了' });
    assert.equal(requested.status, 200, JSON.stringify(requested.body));
    assert.deepEqual(requested.body, { caseId, status: 'reReview' });
    await waitUntil(async () => (await caseRow(caseId)).status === 'reReview');
    const request = await testPrisma().reReviewRequest.findFirstOrThrow({ where: { caseId } });
    assert.deepEqual([request.reason, request.channel, request.status], ['路灯晚上又不亮了', 'web', 'pending']);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'reReviewRequested' } });
    assert.deepEqual([audit.actorId, audit.actorRole], ['citizen:smsLink', 'citizen']);

    const twice = await postJson(`${stack.api.url}/public/links/${reReviewToken}/re-review`, { reason: '再问一次' });
    assert.equal(twice.status, 409);
    assert.match(twice.body.error.message, /not possible while the case is in re-review/);
    assert.equal((await getJson(`${stack.api.url}/public/links/${reReviewToken}`)).body.state, 'requested');
    await recordHistory('web-petition-survey-rereview', stack.env.client.workflow.getHandle(caseId));
    await recordHistory('callback-web-answer', stack.env.client.workflow.getHandle(callbackWorkflowId(callbackId)));
  });

  it('refers an unsatisfied answer to the office for its decision, as a phone answer would', async () => {
    const { caseId, surveyToken } = await inCallback('13966667777');
    // Two answers at once (a double tap): the callback workflow takes exactly one.
    const answers = await Promise.all([1, 2].map(() => postJson(`${stack.api.url}/public/links/${surveyToken}/survey`, { satisfaction: 'unsatisfied', resolved: false })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [202, 409]);
    await waitUntil(async () => (await caseRow(caseId)).status === 'awaitingUnsatisfiedDecision');
    const row = await caseRow(caseId);
    assert.deepEqual([row.status, row.satisfaction, row.leadUnitId, row.rehandleCount], ['awaitingUnsatisfiedDecision', 'unsatisfied', 'chengguan', 0]);
    const events = await testPrisma().auditEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' }, select: { action: true } });
    assert.deepEqual(events.slice(-2).map((e) => e.action), ['callbackRecorded', 'unsatisfiedReferred']);
  });

  it('refuses altered and foreign tokens without details, and expired ones with 410', async () => {
    const { caseId, surveyToken } = await inCallback('13988889999');
    const [payload, signature] = surveyToken.split('.') as [string, string];
    const otherCase = Buffer.from(JSON.stringify({ p: 's', c: '2026010100001', r: 1, e: 4_102_444_800 })).toString('base64url');
    const forged = signLinkToken({ purpose: 'survey', caseId, round: 1, expiresAt: new Date(Date.now() + 86_400_000) }, 'not-the-link-secret-0123456789-abcdefgh');
    for (const bad of [`${otherCase}.${signature}`, `${payload}.${signature.slice(1)}x`, forged, 'nonsense', 'a'.repeat(600)]) {
      const opened = await getJson(`${stack.api.url}/public/links/${bad}`);
      assert.equal(opened.status, 404, bad);
      assert.deepEqual(opened.body, { error: { code: 'not_found', message: 'this link is not valid' } });
      assert.equal((await postJson(`${stack.api.url}/public/links/${bad}/survey`, { satisfaction: 'satisfied' })).status, 404);
    }
    const expired = signLinkToken({ purpose: 'survey', caseId, round: 1, expiresAt: new Date(Date.now() - 1000) }, TEST_LINK_SECRET);
    const noSuchRound = signLinkToken({ purpose: 'survey', caseId, round: 9, expiresAt: new Date(Date.now() + 86_400_000) }, TEST_LINK_SECRET);
    assert.equal((await getJson(`${stack.api.url}/public/links/${noSuchRound}`)).status, 404);
    assert.equal((await getJson(`${stack.api.url}/public/links/${expired}`)).status, 410);
    const late = await postJson(`${stack.api.url}/public/links/${expired}/survey`, { satisfaction: 'satisfied' });
    assert.equal(late.status, 410);
    assert.equal(late.body.error.code, 'link_expired');
    assert.equal((await postJson(`${stack.api.url}/public/links/${surveyToken}/survey`, { satisfaction: 'great' })).status, 400);
    assert.equal((await caseRow(caseId)).status, 'callback', 'nothing reached the case');
  });

  it('answers 410 once the callback is over, and the workflow’s 409 once the re-review window has ended', async () => {
    const { caseId, surveyToken } = await inCallback('13900001111');
    await command(caseId, 'close', { explanation: '市民已电话表示问题解决' }, 'dispatcher');
    await waitUntil(async () => (await caseRow(caseId)).status === 'closed');
    const over = await postJson(`${stack.api.url}/public/links/${surveyToken}/survey`, { satisfaction: 'satisfied' });
    assert.equal(over.status, 410);
    assert.equal(over.body.error.code, 'survey_closed');
    assert.equal((await getJson(`${stack.api.url}/public/links/${surveyToken}`)).body.state, 'closed');

    // A supervisor ends the re-review window in a moment; the case is then archived.
    const reReviewToken = await smsLink(caseId, 'sms.completion');
    await command(caseId, 'overrideDeadline', { clockKey: 'reReviewWindow', dueAt: new Date(Date.now() + 1500).toISOString(), reason: '测试：复核期届满' }, 'supervisor');
    await waitUntil(async () => (await caseRow(caseId)).status === 'archived');
    assert.equal((await getJson(`${stack.api.url}/public/links/${reReviewToken}`)).body.state, 'closed');
    const tooLate = await postJson(`${stack.api.url}/public/links/${reReviewToken}/re-review`, { reason: '还有问题' });
    assert.equal(tooLate.status, 409);
    assert.equal(tooLate.body.error.message, 'the re-review window has ended');
  });
});
