// POST /api/cases/:id/commands/suspend and …/resume over HTTP (挂起 / 恢复): who may (403
// otherwise, and beyond the approval threshold only a supervisor), what (400 with the fields for
// a malformed body or beyond the maximum), when (409 when not suspended, already suspended, or
// once the result is up), and what an accepted one leaves: the case row's suspension columns,
// the audit events, the commands offered meanwhile, the citizen's SMS. The thresholds are rule
// settings an admin reads and edits.
import assert from 'node:assert/strict';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { actorCommands } from '../support/actorCommands';
import { waitUntil } from '../support/petitions';

type Person = keyof typeof actors;
const CITIZEN = '+8613955557777';
const WAIT = { reasonKind: 'citizenMaterials', reason: '等待市民补充产权证明材料', workingDays: 3 };

describe('suspend and resume over HTTP', () => {
  const stack = useApiStack();
  before(() => ensureActorUsers(Object.values(actors)));
  const { as, post, command } = actorCommands(() => stack.api.url);
  const allowed = async (caseId: string, person: Person): Promise<string[]> => (await getJson(`${stack.api.url}/api/cases/${caseId}`, as(person))).body.allowedCommands;
  const row = (caseId: string) => testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });

  /** A complaint dispatched to 城管局 and signed for. */
  const signedCase = async (): Promise<string> => {
    const response = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '违建', content: '小区楼顶加盖违章建筑，需核实产权。', citizenPhone: CITIZEN },
      as('operator'),
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const caseId = response.body.caseId as string;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    await command(caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher');
    await command(caseId, 'signFor', {}, 'leadHandler');
    return caseId;
  };

  it('refuses other roles (403), a dispatcher beyond the approval threshold (403), bad input and beyond the maximum (400), resume when not suspended (409); changes nothing', async () => {
    const caseId = await signedCase();
    const auditBefore = await testPrisma().auditEvent.count({ where: { caseId } });
    for (const person of ['operator', 'leadHandler', 'auditor', 'admin'] as const) {
      const refused = await post(caseId, 'suspend', WAIT, person);
      assert.equal(refused.status, 403, `${person}: ${JSON.stringify(refused.body)}`);
    }
    const beyondApproval = await post(caseId, 'suspend', { ...WAIT, workingDays: 6 }, 'dispatcher');
    assert.equal(beyondApproval.status, 403, JSON.stringify(beyondApproval.body));
    assert.match(beyondApproval.body.error.message, /more than 5 working days in total needs a supervisor/);

    const malformed = await post(caseId, 'suspend', { reasonKind: 'weather', workingDays: 0 }, 'dispatcher');
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys(malformed.body.error.fields).sort(), ['reason', 'reasonKind', 'workingDays']);
    const beyondMaximum = await post(caseId, 'suspend', { ...WAIT, workingDays: 31 }, 'supervisor');
    assert.equal(beyondMaximum.status, 400, JSON.stringify(beyondMaximum.body));
    assert.deepEqual(beyondMaximum.body.error.fields, { workingDays: 'at most 30' });

    const notSuspended = await post(caseId, 'resume', {}, 'dispatcher');
    assert.equal(notSuspended.status, 409, JSON.stringify(notSuspended.body));
    assert.match(notSuspended.body.error.message, /not suspended/);

    assert.equal(await testPrisma().auditEvent.count({ where: { caseId } }), auditBefore, 'nothing was recorded');
    assert.equal((await row(caseId)).suspendedAt, null);
  });

  it('suspends (200): row, audit, the citizen’s SMS, only resume and 转阅 offered, urging refused (409); resumes (200): row, audit, SMS; 409 once the result is up', async () => {
    const caseId = await signedCase();
    assert.ok((await allowed(caseId, 'leadLeader')).includes('suspend'));
    const handleBefore = (await row(caseId)).handleDueAt!.getTime();

    const suspended = await command(caseId, 'suspend', WAIT, 'leadLeader');
    assert.ok(suspended.suspension);
    let projected = await row(caseId);
    assert.deepEqual([projected.suspendedAt?.getTime(), projected.suspendedUntil?.getTime(), projected.nextDueAt], [suspended.suspension.suspendedAt, suspended.suspension.resumeAt, null]);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'suspended' } });
    assert.deepEqual([audit.actorId, audit.actorRole, audit.reason], [actors.leadLeader.id, 'unitLeader', WAIT.reason]);
    assert.deepEqual((audit.payload as { suspension: { reasonKind: string; workingDays: number } }).suspension.workingDays, 3);
    const detail = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('dispatcher'));
    assert.deepEqual([detail.body.suspendedUntil, detail.body.allowedCommands], [new Date(suspended.suspension.resumeAt).toISOString(), ['resume', 'forwardForInformation']]);

    const urge = await post(caseId, 'urge', { reason: '请加快' }, 'dispatcher');
    assert.equal(urge.status, 409, JSON.stringify(urge.body));
    assert.match(urge.body.error.message, /suspended/);
    const again = await post(caseId, 'suspend', WAIT, 'supervisor');
    assert.equal(again.status, 409);

    await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId, templateCode: 'sms.suspendedNotice' } })) === 1);
    const notice = await testPrisma().smsMessage.findFirstOrThrow({ where: { caseId, templateCode: 'sms.suspendedNotice' } });
    assert.equal(notice.toNumber, CITIZEN);
    assert.match(notice.body, new RegExp(`^【12345热线】您的诉求（受理号${caseId}）暂停办理（挂起），原因：${WAIT.reason}。最迟于\\d{4}-\\d{2}-\\d{2} 23:59恢复办理，挂起期间不计入办理时限。$`));

    const resumed = await command(caseId, 'resume', { reason: '材料已补齐' }, 'supervisor');
    assert.equal(resumed.suspension, null);
    projected = await row(caseId);
    // Resumed the day it was suspended (or the next, around midnight): as many working days as the state says, the deadline moved by them.
    assert.deepEqual([projected.suspendedAt, projected.suspendedUntil, projected.suspendedWorkingDays], [null, null, resumed.suspendedWorkingDays]);
    assert.equal(projected.handleDueAt?.getTime(), resumed.clocks.find((c) => c.key === 'handle')!.dueAt);
    if (resumed.suspendedWorkingDays === 0) assert.equal(projected.handleDueAt?.getTime(), handleBefore);
    const resumedAudit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'resumed' } });
    assert.deepEqual([resumedAudit.actorId, resumedAudit.reason], [actors.supervisor.id, '材料已补齐']);
    await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId, templateCode: 'sms.resumedNotice' } })) === 1);
    const resumedNotice = await testPrisma().smsMessage.findFirstOrThrow({ where: { caseId, templateCode: 'sms.resumedNotice' } });
    assert.match(resumedNotice.body, new RegExp(`^【12345热线】您的诉求（受理号${caseId}）已恢复办理，办结时限顺延至\\d{4}-\\d{2}-\\d{2} 23:59。$`));
    assert.equal(resumedNotice.toNumber, CITIZEN);

    await command(caseId, 'submitResult', { actionsTaken: '已现场核查', replyToCitizen: '已依法处理。', handlerName: '李四', citizenContacted: true }, 'leadHandler');
    const late = await post(caseId, 'suspend', WAIT, 'dispatcher');
    assert.equal(late.status, 409, JSON.stringify(late.body));
    assert.match(late.body.error.message, /not possible while the case is awaiting the unit leader/);
  });

  it('keeps the thresholds as rule settings an admin reads', async () => {
    const list = await getJson(`${stack.api.url}/api/rule-settings`, as('admin'));
    assert.equal(list.status, 200);
    const values = Object.fromEntries((list.body as { id: string; value: unknown }[]).map((s) => [s.id, s.value]));
    assert.deepEqual([values['suspension.approvalAboveWorkingDays'], values['suspension.maxTotalWorkingDays']], [5, 30]);
  });
});
