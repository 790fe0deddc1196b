// POST /api/cases/:id/commands/reclassify over HTTP: who may (403 otherwise), when (409 once the
// result is up), what (400 with the fields for a malformed body, an unknown or inactive case type
// or category, or nothing changed), and what an accepted one leaves: the case row's new profile
// and deadline, the audit event with both profiles and the reason, the lead unit's SMS.
import assert from 'node:assert/strict';
import type { PetitionState } from '../../rules/lifecycle/types';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { actorCommands } from '../support/actorCommands';
import { waitUntil } from '../support/petitions';

type Person = keyof typeof actors;
const CATEGORY = 'cat-urban.street-vending';
const toReport = { caseTypeCode: 'report', categoryId: CATEGORY, urgency: 'normal', reason: '经核实，反映的是违法经营行为，属举报' };

describe('reclassify over HTTP', () => {
  const stack = useApiStack();
  before(() => ensureActorUsers(Object.values(actors)));
  const reclassify = (caseId: string, body: unknown, person: Person) => postJson(`${stack.api.url}/api/cases/${caseId}/commands/reclassify`, body, as(person));
  const { as, command } = actorCommands(() => stack.api.url);

  const registerConsultation = async (): Promise<string> => {
    const response = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'consultation', categoryId: CATEGORY, title: '夜市摊点', content: '咨询夜市摆摊是否需要办证，附近有人无证经营。', citizenPhone: '+8613955558888' },
      as('operator'),
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: response.body.caseId } })) !== null);
    return response.body.caseId;
  };

  it('refuses other roles (403), bad input (400 with fields), unknown references and no change (400); changes nothing', async () => {
    const caseId = await registerConsultation();
    await command(caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher');
    const auditBefore = await testPrisma().auditEvent.count({ where: { caseId } });

    for (const person of ['operator', 'leadHandler', 'leadLeader', 'auditor'] as const) {
      const refused = await reclassify(caseId, toReport, person);
      assert.equal(refused.status, 403, `${person}: ${JSON.stringify(refused.body)}`);
    }

    const malformed = await reclassify(caseId, { caseTypeCode: 'report', urgency: 'whenever' }, 'dispatcher');
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys(malformed.body.error.fields).sort(), ['categoryId', 'reason', 'urgency']);

    const unknown = await reclassify(caseId, { ...toReport, caseTypeCode: 'no-such-type', categoryId: 'no-such-category' }, 'dispatcher');
    assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
    assert.deepEqual(unknown.body.error.fields, { caseTypeCode: 'no such active case type', categoryId: 'no such active category' });

    await testPrisma().caseType.upsert({ where: { code: 'retired-type' }, create: { code: 'retired-type', name: '停用类型', nameEn: 'Retired type', active: false }, update: { active: false } });
    try {
      const inactive = await reclassify(caseId, { ...toReport, caseTypeCode: 'retired-type' }, 'supervisor');
      assert.equal(inactive.status, 400, JSON.stringify(inactive.body));
      assert.deepEqual(inactive.body.error.fields, { caseTypeCode: 'no such active case type' });
    } finally {
      await testPrisma().caseType.delete({ where: { code: 'retired-type' } });
    }

    const unchanged = await reclassify(caseId, { ...toReport, caseTypeCode: 'consultation' }, 'dispatcher');
    assert.equal(unchanged.status, 400, JSON.stringify(unchanged.body));
    assert.match(unchanged.body.error.message, /nothing to reclassify/);

    assert.equal(await testPrisma().auditEvent.count({ where: { caseId } }), auditBefore, 'nothing was recorded');
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).caseTypeCode, 'consultation');
  });

  it('reclassifies a dispatched consultation as a report (200): case row, audit event and the lead unit’s SMS; 409 once the result is up', async () => {
    const caseId = await registerConsultation();
    const dispatched = await command(caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher');
    const consultationDue = dispatched.clocks.find((c) => c.key === 'handle')!.dueAt;
    const offered = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('supervisor'));
    assert.ok(offered.body.allowedCommands.includes('reclassify'), JSON.stringify(offered.body.allowedCommands));

    const response = await reclassify(caseId, { ...toReport, urgency: 'urgent' }, 'supervisor');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const state = response.body as PetitionState;
    const reportDue = state.clocks.find((c) => c.key === 'handle')!.dueAt;
    assert.ok(reportDue > consultationDue, 'a report has 30 working days, a consultation 5');
    assert.deepEqual([state.profile.caseTypeCode, state.profile.urgency, state.status], ['report', 'urgent', 'dispatched']);

    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.deepEqual([row.caseTypeCode, row.categoryId, row.urgency, row.handleDueAt?.getTime()], ['report', CATEGORY, 'urgent', reportDue]);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'reclassified' } });
    assert.deepEqual([audit.actorId, audit.actorRole, audit.reason], [actors.supervisor.id, 'supervisor', toReport.reason]);
    const payload = audit.payload as { from: Record<string, unknown>; to: Record<string, unknown> };
    assert.deepEqual([payload.from.caseTypeCode, payload.from.urgency, payload.to.caseTypeCode, payload.to.urgency], ['consultation', 'normal', 'report', 'urgent']);
    // The history read shows it to the office like every other transition.
    const history = await getJson(`${stack.api.url}/api/cases/${caseId}/history`, as('dispatcher'));
    assert.ok(history.body.some((e: { action: string }) => e.action === 'reclassified'));

    await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId, templateCode: 'sms.reclassifiedNotice' } })) === 1);
    const sms = await testPrisma().smsMessage.findFirstOrThrow({ where: { caseId, templateCode: 'sms.reclassifiedNotice' } });
    assert.equal(sms.toNumber, '+8653181010001', 'the lead unit’s duty phone');
    assert.match(sms.body, new RegExp(`^【12345热线】市城市管理局：工单${caseId}已重新分类，办结时限调整为\\d{4}-\\d{2}-\\d{2} 23:59，请按新时限办理。$`));

    await command(caseId, 'signFor', {}, 'leadHandler');
    await command(caseId, 'submitResult', { actionsTaken: '已现场核查', replyToCitizen: '已依法查处。', handlerName: '李四', citizenContacted: true }, 'leadHandler');
    const late = await reclassify(caseId, { ...toReport, caseTypeCode: 'complaint' }, 'dispatcher');
    assert.equal(late.status, 409, JSON.stringify(late.body));
    assert.match(late.body.error.message, /not possible while the case is awaiting the unit leader/);
    const read = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('dispatcher'));
    assert.ok(!read.body.allowedCommands.includes('reclassify'));
  });
});
