// POST /api/cases/:id/commands/assignHandler over HTTP: who may (403 otherwise: another unit, a
// handler naming someone else or replacing another's handler), what (400 with the field for a
// user who is not an active user of the unit with a unit role), when (409 once the assignment is
// finished), and what an accepted one leaves: the assignment row's handler, the audit event (the
// one replaced, whether there was a phone), the point-to-point SMS to the handler's own phone,
// the case list's "mine" filter; and the unit's handlers read its picker uses.
import assert from 'node:assert/strict';
import type { PetitionState } from '../../rules/lifecycle/types';
import { formatShanghaiMinute } from '../../rules/shanghaiTime';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { actorToken, ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { waitUntil } from '../support/petitions';

/** 城管局's people beside the seeded handler and leader: one without a phone, one without a unit role, one gone. */
const people = {
  ...actors,
  noPhone: { id: 'user-cg-nophone', roles: ['unitHandler'], unitId: 'chengguan' },
  clerk: { id: 'user-cg-clerk', roles: ['auditor'], unitId: 'chengguan' },
  gone: { id: 'user-cg-gone', roles: ['unitHandler'], unitId: 'chengguan' },
} as const;
type Person = keyof typeof people;
const HANDLER_PHONE = '+8613800000001';

describe('assignHandler over HTTP', () => {
  const stack = useApiStack();
  before(async () => {
    await ensureActorUsers(Object.values(people).map((p) => ({ ...p, roles: [...p.roles] })));
    await testPrisma().user.update({ where: { id: people.noPhone.id }, data: { displayName: '钱无机', phone: null } });
    await testPrisma().user.update({ where: { id: people.gone.id }, data: { active: false } });
  });
  const as = (person: Person) => ({ authorization: `Bearer ${actorToken(people[person], 300)}` });
  const assign = (caseId: string, body: unknown, person: Person) => postJson(`${stack.api.url}/api/cases/${caseId}/commands/assignHandler`, body, as(person));
  const command = async (caseId: string, name: string, body: unknown, person: Person): Promise<PetitionState> => {
    const response = await postJson(`${stack.api.url}/api/cases/${caseId}/commands/${name}`, body, as(person));
    assert.equal(response.status, 200, `${name} by ${person}: ${JSON.stringify(response.body)}`);
    return response.body as PetitionState;
  };
  const mine = async (person: Person): Promise<string[]> => {
    const response = await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ mine: true }))}&range=[0,99]`, as(person));
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as { id: string }[]).map((c) => c.id);
  };
  const handlerSms = (caseId: string) => testPrisma().smsMessage.findMany({ where: { caseId, templateCode: 'sms.handlerAssigned' }, orderBy: { createdAt: 'asc' } });

  /** Registered and dispatched to 城管局, 住建局 assisting. */
  const dispatchedCase = async (): Promise<{ caseId: string; state: PetitionState }> => {
    const response = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '占道经营', content: '路口夜市摊点占道经营，影响通行。', citizenPhone: '+8613955557777' },
      as('operator'),
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const caseId = response.body.caseId as string;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    return { caseId, state: await command(caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, 'dispatcher') };
  };

  it('refuses the office and other units (403), a handler naming another (403), users who cannot handle (400 with the field); changes nothing', async () => {
    const { caseId } = await dispatchedCase();
    const auditBefore = await testPrisma().auditEvent.count({ where: { caseId } });

    assert.equal((await assign(caseId, { handlerId: people.leadHandler.id }, 'dispatcher')).status, 403);
    // 东湖区 does not see the case at all.
    assert.equal((await assign(caseId, { handlerId: people.leadHandler.id }, 'otherUnitHandler')).status, 404);
    const otherUnit = await assign(caseId, { handlerId: people.leadHandler.id }, 'assistHandler');
    assert.equal(otherUnit.status, 403, 'the assisting unit’s handler names only themselves');
    const someoneElse = await assign(caseId, { handlerId: people.leadLeader.id }, 'leadHandler');
    assert.equal(someoneElse.status, 403, JSON.stringify(someoneElse.body));
    assert.match(someoneElse.body.error.message, /may only name themselves/);

    const malformed = await assign(caseId, { note: 42 }, 'leadLeader');
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys(malformed.body.error.fields).sort(), ['handlerId', 'note']);
    for (const [handlerId, reason] of [
      ['user-district-handler', 'not a user of chengguan'],
      [people.clerk.id, 'has no unit role (unitHandler or unitLeader)'],
      [people.gone.id, 'no such active user'],
      ['user-nobody', 'no such active user'],
    ] as const) {
      const refused = await assign(caseId, { handlerId }, 'leadLeader');
      assert.equal(refused.status, 400, `${handlerId}: ${JSON.stringify(refused.body)}`);
      assert.deepEqual(refused.body.error.fields, { handlerId: reason }, handlerId);
    }

    assert.equal(await testPrisma().auditEvent.count({ where: { caseId } }), auditBefore, 'nothing was recorded');
    assert.equal(await testPrisma().caseAssignment.count({ where: { caseId, handlerId: { not: null } } }), 0);
  });

  it('a handler takes the case (row, audit, SMS to their phone, mine); the leader reassigns to one without a phone (no SMS, said so); 409 once finished', async () => {
    const { caseId, state } = await dispatchedCase();
    const lead = state.assignments.find((a) => a.role === 'lead')!;
    const offered = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('leadHandler'));
    assert.ok(offered.body.allowedCommands.includes('assignHandler'), JSON.stringify(offered.body.allowedCommands));
    assert.ok(!(await mine('leadHandler')).includes(caseId));

    const taken = await assign(caseId, { handlerId: people.leadHandler.id, note: '我来承办' }, 'leadHandler');
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
    const handler = (taken.body as PetitionState).assignments.find((a) => a.id === lead.id)!.handler!;
    assert.deepEqual([handler.userId, handler.name, handler.hasPhone, handler.assignedBy], [people.leadHandler.id, '张承办（城管局）', true, people.leadHandler.id]);
    const row = await testPrisma().caseAssignment.findUniqueOrThrow({ where: { id: lead.id } });
    assert.deepEqual([row.handlerId, row.handlerName, row.handlerAssignedAt?.getTime()], [people.leadHandler.id, '张承办（城管局）', handler.assignedAt]);
    const read = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('leadLeader'));
    assert.equal(read.body.assignments.find((a: { id: string }) => a.id === lead.id).handlerName, '张承办（城管局）', 'the case page shows the handler');
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'handlerAssigned' } });
    assert.deepEqual([audit.actorId, audit.actorRole, audit.reason], [people.leadHandler.id, 'unitHandler', '我来承办']);
    assert.deepEqual((audit.payload as { replaced: unknown }).replaced, null);

    await waitUntil(async () => (await handlerSms(caseId)).length === 1);
    const [sms] = await handlerSms(caseId);
    assert.equal(sms!.toNumber, HANDLER_PHONE, 'the handler’s own phone, not the unit’s duty phone');
    assert.equal(sms!.body, `【12345热线】张承办（城管局）：市城市管理局指定您承办工单${caseId}，请于${formatShanghaiMinute(state.clocks.find((c) => c.key === 'handle')!.dueAt)}前办结。`);
    assert.ok((await mine('leadHandler')).includes(caseId), 'the handler’s mine');
    assert.ok(!(await mine('leadLeader')).includes(caseId), 'not the leader’s');

    const again = await assign(caseId, { handlerId: people.leadHandler.id }, 'leadHandler');
    assert.equal(again.status, 400, 'already the handler');

    const reassigned = await assign(caseId, { assignmentId: lead.id, handlerId: people.noPhone.id, note: '改由钱无机承办' }, 'leadLeader');
    assert.equal(reassigned.status, 200, JSON.stringify(reassigned.body));
    const audits = await testPrisma().auditEvent.findMany({ where: { caseId, action: 'handlerAssigned' }, orderBy: { id: 'asc' } });
    const payload = audits[1]!.payload as { handler: { userId: string; hasPhone: boolean }; replaced: { userId: string; name: string } };
    assert.deepEqual([payload.handler.userId, payload.handler.hasPhone, payload.replaced], [people.noPhone.id, false, { userId: people.leadHandler.id, name: '张承办（城管局）' }]);
    assert.deepEqual([audits[1]!.actorId, audits[1]!.reason], [people.leadLeader.id, '改由钱无机承办']);
    assert.equal((await testPrisma().caseAssignment.findUniqueOrThrow({ where: { id: lead.id } })).handlerName, '钱无机');
    assert.ok(!(await mine('leadHandler')).includes(caseId), 'no longer the first handler’s');
    assert.ok((await mine('noPhone')).includes(caseId));
    const takeBack = await assign(caseId, { handlerId: people.leadHandler.id }, 'leadHandler');
    assert.equal(takeBack.status, 403, 'a handler does not take over another’s case');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await handlerSms(caseId)).length, 1, 'no phone on record: no SMS');

    // The assisting unit's part ends with its opinion.
    await command(caseId, 'signFor', {}, 'assistHandler');
    await command(caseId, 'submitAssistOpinion', { opinion: '同意城管局意见' }, 'assistHandler');
    const late = await assign(caseId, { handlerId: people.assistHandler.id }, 'assistHandler');
    assert.equal(late.status, 409, JSON.stringify(late.body));
  });

  it('reads a unit’s handlers and leaders for its own people only', async () => {
    const handlers = await getJson(`${stack.api.url}/api/units/chengguan/handlers`, as('leadLeader'));
    assert.equal(handlers.status, 200);
    const ids = (handlers.body as { id: string; displayName: string; roles: string[] }[]).map((u) => u.id);
    for (const id of [people.leadHandler.id, people.leadLeader.id, people.noPhone.id]) assert.ok(ids.includes(id), id);
    for (const id of [people.clerk.id, people.gone.id]) assert.ok(!ids.includes(id), id);
    assert.deepEqual(Object.keys(handlers.body[0]).sort(), ['displayName', 'id', 'roles'], 'no phone or account fields');
    assert.equal((await getJson(`${stack.api.url}/api/units/donghu/handlers`, as('leadLeader'))).status, 403);
    assert.equal((await getJson(`${stack.api.url}/api/units/chengguan/handlers`, as('dispatcher'))).status, 403);
  });
});
