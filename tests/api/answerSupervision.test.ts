// POST /api/cases/:id/commands/answerSupervision and …/evaluateSupervisionAnswer over HTTP: who
// may (403 otherwise; 404 for a unit without a part in the case), what (400 with the fields), when (409 once answered, or with no reply to
// evaluate, or once the case is closed), and what an accepted one leaves: the notice row's reply,
// due time and evaluation, the audit events, the supervisor's SMS and the office's queue.
import assert from 'node:assert/strict';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { actorCommands } from '../support/actorCommands';
import { waitUntil } from '../support/petitions';

type Person = keyof typeof actors;
const CATEGORY = 'cat-urban.street-vending';

describe('answerSupervision and evaluateSupervisionAnswer over HTTP', () => {
  const stack = useApiStack();
  before(() => ensureActorUsers(Object.values(actors)));
  const { as, post, command } = actorCommands(() => stack.api.url);
  /** The office's queue of replies to evaluate (the case list filter the console's queue uses). */
  const awaitingEvaluation = async (caseId: string): Promise<string[]> => {
    const filter = encodeURIComponent(JSON.stringify({ supervisionReply: ['answered'], id: caseId }));
    const list = await getJson(`${stack.api.url}/api/cases?filter=${filter}`, as('supervisor'));
    assert.equal(list.status, 200, JSON.stringify(list.body));
    return list.body.map((c: { id: string }) => c.id);
  };

  /** A complaint dispatched to 城管局 and signed for, with a supervisor's notice. */
  const supervisedCase = async (): Promise<{ caseId: string; noticeId: string }> => {
    const response = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', categoryId: CATEGORY, title: '占道经营', content: '人民路夜市摊点占用人行道，多次反映未果。', citizenPhone: '+8613955557777' },
      as('operator'),
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const caseId = response.body.caseId as string;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    await command(caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, 'dispatcher');
    await command(caseId, 'signFor', {}, 'leadHandler');
    const state = await command(caseId, 'supervise', { content: '请于两个工作日内报告整治情况' }, 'supervisor');
    return { caseId, noticeId: state.supervisionNotices![0]!.id };
  };

  it('refuses other units and roles (403), bad input (400 with fields), evaluation before a reply (409); changes nothing', async () => {
    const { caseId, noticeId } = await supervisedCase();
    const auditBefore = await testPrisma().auditEvent.count({ where: { caseId } });
    const reply = { noticeId, reply: '已约谈摊主，限期整改' };

    for (const person of ['assistHandler', 'dispatcher', 'supervisor', 'operator', 'auditor'] as const) {
      const refused = await post(caseId, 'answerSupervision', reply, person);
      assert.equal(refused.status, 403, `${person}: ${JSON.stringify(refused.body)}`);
    }
    assert.equal((await post(caseId, 'answerSupervision', reply, 'otherUnitHandler')).status, 404, 'a unit with no part in the case does not see it');
    const malformed = await post(caseId, 'answerSupervision', { noticeId, reply: '   ' }, 'leadHandler');
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys(malformed.body.error.fields), ['reply']);
    const unknown = await post(caseId, 'answerSupervision', { noticeId: 'no-such-notice', reply: '已处理' }, 'leadHandler');
    assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
    assert.deepEqual(unknown.body.error.fields, { noticeId: 'no such notice on this case' });

    for (const person of ['leadHandler', 'leadLeader', 'operator'] as const) {
      assert.equal((await post(caseId, 'evaluateSupervisionAnswer', { noticeId, accepted: true }, person)).status, 403, person);
    }
    const early = await post(caseId, 'evaluateSupervisionAnswer', { noticeId, accepted: true }, 'dispatcher');
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.match(early.body.error.message, /has no reply waiting for evaluation/);

    assert.equal(await testPrisma().auditEvent.count({ where: { caseId } }), auditBefore, 'nothing was recorded');
    const row = await testPrisma().supervisionNotice.findUniqueOrThrow({ where: { id: noticeId } });
    assert.deepEqual([row.replyStatus, row.response], ['awaitingReply', null]);
  });

  it('answers a notice (200): the row, the audit event, the supervisor’s SMS and the office’s queue; 409 when answered twice; the evaluation; 409 once the case is closed', async () => {
    const { caseId, noticeId } = await supervisedCase();
    const issued = await testPrisma().supervisionNotice.findUniqueOrThrow({ where: { id: noticeId } });
    assert.equal(issued.replyStatus, 'awaitingReply');
    assert.ok(issued.dueAt !== null && issued.dueAt > issued.issuedAt, 'the reply deadline is on the row');
    const offered = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('leadHandler'));
    assert.ok(offered.body.allowedCommands.includes('answerSupervision'), JSON.stringify(offered.body.allowedCommands));

    const answered = await command(caseId, 'answerSupervision', { noticeId, reply: '已约谈摊主，限期三日整改' }, 'leadLeader');
    assert.equal(answered.supervisionNotices![0]!.status, 'answered');
    let row = await testPrisma().supervisionNotice.findUniqueOrThrow({ where: { id: noticeId } });
    assert.deepEqual([row.replyStatus, row.response, row.respondedById, row.dueAt?.getTime()], ['answered', '已约谈摊主，限期三日整改', actors.leadLeader.id, issued.dueAt!.getTime()]);
    assert.ok(row.respondedAt !== null);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'supervisionAnswered' } });
    assert.deepEqual([audit.actorId, audit.actorRole, audit.actorUnitId, audit.reason], [actors.leadLeader.id, 'unitLeader', 'chengguan', '已约谈摊主，限期三日整改']);
    await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId, templateCode: 'sms.supervisionAnswered' } })) === 1);
    const sms = await testPrisma().smsMessage.findFirstOrThrow({ where: { caseId, templateCode: 'sms.supervisionAnswered' } });
    assert.deepEqual([sms.toNumber, sms.body], ['+8613800000005', `【12345热线】工单${caseId}的督办通知已答复：已约谈摊主，限期三日整改 请评价。`]);
    assert.deepEqual(await awaitingEvaluation(caseId), [caseId], 'in the office’s queue of replies to evaluate');
    const detail = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('dispatcher'));
    assert.deepEqual(detail.body.supervisions.map((n: { id: string; response: string }) => [n.id, n.response]), [[noticeId, '已约谈摊主，限期三日整改']]);
    assert.ok(detail.body.allowedCommands.includes('evaluateSupervisionAnswer'));

    const twice = await post(caseId, 'answerSupervision', { noticeId, reply: '再次答复' }, 'leadHandler');
    assert.equal(twice.status, 409, JSON.stringify(twice.body));
    assert.match(twice.body.error.message, /is already answered/);

    const rejectedWithoutComment = await post(caseId, 'evaluateSupervisionAnswer', { noticeId, accepted: false }, 'dispatcher');
    assert.equal(rejectedWithoutComment.status, 400);
    assert.deepEqual(Object.keys(rejectedWithoutComment.body.error.fields), ['comment']);
    const rejected = await command(caseId, 'evaluateSupervisionAnswer', { noticeId, accepted: false, comment: '未说明整改结果' }, 'dispatcher');
    assert.equal(rejected.supervisionNotices![0]!.status, 'awaitingReply');
    row = await testPrisma().supervisionNotice.findUniqueOrThrow({ where: { id: noticeId } });
    assert.deepEqual([row.replyStatus, row.accepted, row.evaluationComment, row.evaluatedById, row.dueAt?.getTime()], ['awaitingReply', false, '未说明整改结果', actors.dispatcher.id, rejected.supervisionNotices![0]!.replyDueAt]);
    assert.deepEqual(await awaitingEvaluation(caseId), [], 'off the queue until the next reply');

    await command(caseId, 'answerSupervision', { noticeId, reply: '已取缔占道摊点' }, 'leadHandler');
    await command(caseId, 'evaluateSupervisionAnswer', { noticeId, accepted: true }, 'supervisor');
    row = await testPrisma().supervisionNotice.findUniqueOrThrow({ where: { id: noticeId } });
    assert.deepEqual([row.replyStatus, row.response, row.accepted, row.evaluatedById], ['accepted', '已取缔占道摊点', true, actors.supervisor.id]);
    const evaluations = await testPrisma().auditEvent.findMany({ where: { caseId, action: 'supervisionAnswerEvaluated' }, orderBy: { occurredAt: 'asc' } });
    assert.deepEqual(evaluations.map((a) => [a.actorId, a.reason, (a.payload as { accepted: boolean }).accepted]), [[actors.dispatcher.id, '未说明整改结果', false], [actors.supervisor.id, null, true]]);

    // A second notice, left unanswered while the case closes: the case is finished for it.
    const second = (await command(caseId, 'supervise', { content: '请报告回访准备情况' }, 'supervisor')).supervisionNotices![1]!.id;
    await command(caseId, 'signFor', {}, 'assistHandler');
    await command(caseId, 'submitAssistOpinion', { opinion: '住建局无意见' }, 'assistHandler');
    await command(caseId, 'submitResult', { actionsTaken: '已取缔', replyToCitizen: '已处理。', handlerName: '李四', citizenContacted: true }, 'leadHandler');
    await command(caseId, 'unitApprove', {}, 'leadLeader');
    await command(caseId, 'review', { accept: true }, 'dispatcher');
    await command(caseId, 'close', { explanation: '市民表示满意' }, 'dispatcher');
    const late = await post(caseId, 'answerSupervision', { noticeId: second, reply: '已处理' }, 'leadHandler');
    assert.equal(late.status, 409, JSON.stringify(late.body));
    assert.match(late.body.error.message, /the case is closed/);
  });
});
