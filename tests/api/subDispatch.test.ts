// POST /api/cases/:id/commands/subDispatch and reviewSubResult over HTTP (issue 19): several
// sub-units at once and a third level (200), malformed bodies and units outside the subtree
// (400 with fields), a role that is not a unit's (403; a unit with no part does not see the case, 404), a fourth level or a lead result before its
// sub-units' (409); nothing changes on refusal.
import assert from 'node:assert/strict';
import type { PetitionState } from '../../rules/lifecycle/types';
import { testPrisma } from '../support/db';
import { postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { actorToken, ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { waitUntil } from '../support/petitions';

const people = {
  dispatcher: actors.dispatcher,
  operator: actors.operator,
  district: { id: 'user-sd-donghu', roles: ['unitHandler'], unitId: 'donghu' },
  jiefang: { id: 'user-sd-jiefang', roles: ['unitHandler'], unitId: 'donghu-jiefang' },
  wenhua: { id: 'user-sd-wenhua', roles: ['unitHandler'], unitId: 'donghu-wenhua' },
  heping: { id: 'user-sd-heping', roles: ['unitHandler'], unitId: 'donghu-jiefang-heping' },
  chengguan: actors.leadHandler,
} as const;
type Person = keyof typeof people;
const RESULT = { actionsTaken: '已到场核实。', replyToCitizen: '已处理。', handlerName: '李四', citizenContacted: true };

describe('sub-dispatch over HTTP', () => {
  const stack = useApiStack();
  before(() => ensureActorUsers(Object.values(people)));
  const as = (person: Person) => ({ authorization: `Bearer ${actorToken(people[person], 300)}` });
  const post = (caseId: string, name: string, body: unknown, person: Person) => postJson(`${stack.api.url}/api/cases/${caseId}/commands/${name}`, body, as(person));
  const command = async (caseId: string, name: string, body: unknown, person: Person): Promise<PetitionState> => {
    const response = await post(caseId, name, body, person);
    assert.equal(response.status, 200, `${name} by ${person}: ${JSON.stringify(response.body)}`);
    return response.body as PetitionState;
  };

  it('passes a case down two levels to several units, refusing what it must (400/403/409) without changing anything', async () => {
    const registered = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '路灯不亮', content: '解放路与文化路交叉口路灯不亮。', citizenPhone: '+8613955557777' },
      as('operator'),
    );
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    await command(caseId, 'dispatch', { leadUnitId: 'donghu', assistUnitIds: [] }, 'dispatcher');
    assert.equal((await post(caseId, 'subDispatch', { subUnitIds: ['donghu-jiefang'] }, 'district')).status, 409, 'not before signing for');
    await command(caseId, 'signFor', {}, 'district');
    const auditBefore = await testPrisma().auditEvent.count({ where: { caseId } });

    const empty = await post(caseId, 'subDispatch', { subUnitIds: [] }, 'district');
    assert.equal(empty.status, 400);
    assert.deepEqual(Object.keys(empty.body.error.fields), ['subUnitIds']);
    const twice = await post(caseId, 'subDispatch', { subUnitIds: ['donghu-jiefang', 'donghu-jiefang'] }, 'district');
    assert.equal(twice.status, 400);
    assert.match(twice.body.error.fields.subUnitIds, /listed twice/);
    const outside = await post(caseId, 'subDispatch', { subUnitIds: ['donghu-jiefang', 'chengguan-donghu'] }, 'district');
    assert.equal(outside.status, 400, JSON.stringify(outside.body));
    assert.deepEqual(outside.body.error.fields, { 'subUnitIds.1': 'is not below donghu' });
    assert.equal((await post(caseId, 'subDispatch', { subUnitIds: ['donghu-jiefang'] }, 'chengguan')).status, 404, 'a unit with no part in the case does not see it');
    assert.equal((await post(caseId, 'subDispatch', { subUnitIds: ['donghu-jiefang'] }, 'operator')).status, 403, 'not a unit role');
    assert.equal(await testPrisma().auditEvent.count({ where: { caseId } }), auditBefore, 'nothing was recorded');

    let state = await command(caseId, 'subDispatch', { subUnitIds: ['donghu-jiefang', 'donghu-wenhua'], instructions: '请分片核实' }, 'district');
    assert.equal(state.status, 'subDispatched');
    assert.deepEqual(state.assignments.filter((a) => a.role === 'sub').map((a) => a.unitId), ['donghu-jiefang', 'donghu-wenhua']);
    await command(caseId, 'signFor', {}, 'jiefang');
    state = await command(caseId, 'subDispatch', { subUnitIds: ['donghu-jiefang-heping'] }, 'jiefang');
    await command(caseId, 'signFor', {}, 'heping');
    const fourth = await post(caseId, 'subDispatch', { subUnitIds: ['donghu-jiefang'] }, 'heping');
    assert.equal(fourth.status, 409, JSON.stringify(fourth.body));
    assert.match(fourth.body.error.message, /no fourth level/);
    const early = await post(caseId, 'submitResult', RESULT, 'district');
    assert.equal(early.status, 409);
    assert.match(early.body.error.message, /waiting for the sub-units' results/);

    await command(caseId, 'submitResult', RESULT, 'heping');
    await command(caseId, 'reviewSubResult', { accept: true }, 'jiefang');
    await command(caseId, 'submitResult', RESULT, 'jiefang');
    await command(caseId, 'signFor', {}, 'wenhua');
    await command(caseId, 'submitResult', RESULT, 'wenhua');
    const unnamed = await post(caseId, 'reviewSubResult', { accept: true }, 'district');
    assert.equal(unnamed.status, 400);
    assert.deepEqual(Object.keys(unnamed.body.error.fields), ['assignmentId']);
    for (const sub of state.assignments.filter((a) => a.role === 'sub' && a.parentAssignmentId === state.leadAssignmentId)) {
      await command(caseId, 'reviewSubResult', { assignmentId: sub.id, accept: true }, 'district');
    }
    state = await command(caseId, 'submitResult', RESULT, 'district');
    assert.equal(state.status, 'resultSubmitted');
    const rows = await testPrisma().caseAssignment.findMany({ where: { caseId, role: 'sub' } });
    assert.deepEqual(rows.map((r) => r.status), ['completed', 'completed', 'completed']);
  });
});
