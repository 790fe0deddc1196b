// Every case command over HTTP, into the case's workflow and back out: the answer is the
// workflow's new state, and the projection the lists read agrees with it. Five cases between
// them use all 25 commands; a command added later without an HTTP path here fails the check.
import assert from 'node:assert/strict';
import { COMMAND_NAMES, type CommandName } from '../../rules/lifecycle/commands';
import type { PetitionState } from '../../rules/lifecycle/types';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { actorToken, ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { recordHistory } from '../support/histories';
import { assertProjectionMatches, waitUntil } from '../support/petitions';

/** Everyone who acts on the cases below, including a leader of the district the case is moved to. */
const people = { ...actors, otherUnitLeader: { id: 'user-donghu-leader', roles: ['unitLeader'], unitId: 'donghu' } } as const;
type Person = keyof typeof people;

const RESULT = { actionsTaken: '已现场核查并整改。', replyToCitizen: '经核查，问题已整改。', handlerName: '李四', citizenContacted: true, resolved: true };

describe('case commands over HTTP', () => {
  const stack = useApiStack();
  before(() => ensureActorUsers(Object.values(people)));
  const exercised = new Set<CommandName>();



  // The API trusts its own tokens' claims, so tests sign them for users that need no password.
  const as = (person: Person) => {
    const actor = people[person];
    const token = actorToken(actor, 300);
    return { authorization: `Bearer ${token}` };
  };

  const register = async (): Promise<string> => {
    const response = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '夜市占道', content: '解放路夜市占道经营，影响通行。', citizenPhone: '+8613955556666', address: '东湖区解放路1号' },
      as('operator'),
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: response.body.caseId } })) !== null);
    return response.body.caseId;
  };

  /** Runs a command and checks the answer against the case as the API then reads it. */
  const run = async (caseId: string, command: CommandName, body: unknown, person: Person, expectedStatus: PetitionState['status']): Promise<PetitionState> => {
    const response = await postJson(`${stack.api.url}/api/cases/${caseId}/commands/${command}`, body, as(person));
    assert.equal(response.status, 200, `${command} by ${person}: ${JSON.stringify(response.body)}`);
    const state = response.body as PetitionState;
    assert.equal(state.caseId, caseId);
    assert.equal(state.status, expectedStatus, `${command} leaves the case ${expectedStatus}`);
    // The Update answers after the projection is written: the next read already shows it.
    const read = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('dispatcher'));
    assert.equal(read.status, 200);
    assert.equal(read.body.status, state.status, `the projection after ${command}`);
    // …and the projection, audit trail and its replay agree with the state in every field checked.
    await assertProjectionMatches(state);
    exercised.add(command);
    return state;
  };

  it('carries a co-handled case through sub-dispatch, extension, supervision, review, closing and re-review', async () => {
    const caseId = await register();
    let state = await run(caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, 'dispatcher', 'dispatched');
    assert.deepEqual(state.assignments.map((a) => [a.unitId, a.role]), [['chengguan', 'lead'], ['zhujian', 'assist']]);
    const complaintDue = state.clocks.find((c) => c.key === 'handle')!.dueAt;
    state = await run(caseId, 'reclassify', { caseTypeCode: 'report', categoryId: 'cat-urban.street-vending', urgency: 'normal', reason: '反映的是违法经营，属举报' }, 'dispatcher', 'dispatched');
    assert.equal(state.profile.caseTypeCode, 'report');
    assert.ok(state.clocks.find((c) => c.key === 'handle')!.dueAt > complaintDue, '30 working days instead of 15');
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).caseTypeCode, 'report');
    await run(caseId, 'signFor', {}, 'leadHandler', 'signed');
    await run(caseId, 'signFor', {}, 'assistHandler', 'signed');
    state = await run(caseId, 'submitAssistOpinion', { opinion: '住建局：该路段无施工许可。' }, 'assistHandler', 'signed');
    assert.equal(state.assignments.find((a) => a.unitId === 'zhujian')!.opinion, '住建局：该路段无施工许可。');

    state = await run(caseId, 'subDispatch', { subUnitId: 'chengguan-donghu', instructions: '请东湖中队现场核查' }, 'leadHandler', 'subDispatched');
    const sub = state.assignments.find((a) => a.role === 'sub')!;
    await run(caseId, 'signFor', { assignmentId: sub.id }, 'subUnitHandler', 'subDispatched');
    await run(caseId, 'submitResult', RESULT, 'subUnitHandler', 'subDispatched');
    await run(caseId, 'reviewSubResult', { accept: true }, 'leadHandler', 'signed');

    const dueBefore = state.clocks.find((c) => c.key === 'handle')!.dueAt;
    await run(caseId, 'requestExtension', { workingDays: 3, reason: '需协调多部门' }, 'leadHandler', 'signed');
    const awaitingExtension = async () => (await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ extensionPending: true, id: caseId }))}`, as('dispatcher'))).body.map((c: { id: string }) => c.id);
    assert.deepEqual(await awaitingExtension(), [caseId], 'the dispatcher’s queue of extensions to decide');
    state = await run(caseId, 'decideExtension', { approve: true, reason: '同意延期3个工作日' }, 'dispatcher', 'signed');
    assert.deepEqual(await awaitingExtension(), [], 'decided: off the queue');
    assert.ok(state.clocks.find((c) => c.key === 'handle')!.dueAt > dueBefore, 'the extension moves the deadline');
    state = await run(caseId, 'urge', { reason: '市民再次来电' }, 'dispatcher', 'signed');
    assert.equal(state.counters.urges, 1);
    assert.deepEqual((await testPrisma().urge.findMany({ where: { caseId } })).map((u) => [u.unitId, u.reason]), [['chengguan', '市民再次来电']]);
    state = await run(caseId, 'supervise', { content: '请于三日内办结并书面报告。', level: 1 }, 'supervisor', 'signed');
    const noticeId = state.supervisionNotices!.at(-1)!.id;
    await run(caseId, 'answerSupervision', { noticeId, reply: '已组织现场整治，三日内书面报告。' }, 'leadLeader', 'signed');
    await run(caseId, 'evaluateSupervisionAnswer', { noticeId, accepted: true }, 'supervisor', 'signed');
    state = await run(caseId, 'overrideDeadline', { clockKey: 'handle', dueAt: '2027-01-15T18:00:00+08:00', reason: '市领导交办，限期完成' }, 'supervisor', 'signed');
    assert.equal(state.clocks.find((c) => c.key === 'handle')!.dueAt, Date.parse('2027-01-15T18:00:00+08:00'));

    await run(caseId, 'submitResult', RESULT, 'leadHandler', 'resultSubmitted');
    await run(caseId, 'unitApprove', { comment: '同意' }, 'leadLeader', 'unitApproved');
    await run(caseId, 'review', { accept: true }, 'dispatcher', 'callback');
    await run(caseId, 'close', { explanation: '市民表示无需回访' }, 'dispatcher', 'closed');
    await run(caseId, 'requestReReview', { reason: '摊贩又回来了', channel: 'phone' }, 'operator', 'reReview');
    state = await run(caseId, 'decideReReview', { reopen: false, reason: '经核实已整改到位' }, 'supervisor', 'closed');

    const rows = await testPrisma().auditEvent.findMany({ where: { caseId }, select: { action: true, actorId: true } });
    assert.ok(rows.some((r) => r.action === 'supervised' && r.actorId === 'user-supervisor'), 'each command is audited with its actor');
    const assignments = await testPrisma().caseAssignment.findMany({ where: { caseId } });
    assert.deepEqual(assignments.map((a) => a.unitId).sort(), ['chengguan', 'chengguan-donghu', 'zhujian']);
    await recordHistory('co-handled-rereview-refused', stack.env.client.workflow.getHandle(caseId));
  });

  it('moves a returned case to another unit and, the citizen unsatisfied, the office closes it with an explanation', async () => {
    const caseId = await register();
    await run(caseId, 'dispatch', { leadUnitId: 'chengguan' }, 'dispatcher', 'dispatched');
    await run(caseId, 'requestReturn', { reason: '该路段属东湖区管辖' }, 'leadHandler', 'returnRequested');
    const state = await run(caseId, 'decideReturn', { approve: true, reason: '改派东湖区', redispatch: { leadUnitId: 'donghu', assistUnitIds: [] } }, 'dispatcher', 'dispatched');
    assert.equal(state.assignments.find((a) => a.id === state.leadAssignmentId)!.unitId, 'donghu');
    // The unit that returned it keeps reading the record of its return, but may no longer act.
    assert.equal((await getJson(`${stack.api.url}/api/cases/${caseId}`, as('leadHandler'))).status, 200);
    const refused = await postJson(`${stack.api.url}/api/cases/${caseId}/commands/signFor`, {}, as('leadHandler'));
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    await run(caseId, 'signFor', {}, 'otherUnitHandler', 'signed');
    // 转阅 to 住建局, which reads it; a leader's instruction on top (issue 19, handling modes).
    await run(caseId, 'forwardForInformation', { unitIds: ['zhujian'], note: '涉及施工管理，请知悉' }, 'dispatcher', 'signed');
    await run(caseId, 'markForwardRead', {}, 'assistHandler', 'signed');
    await run(caseId, 'attachLeaderInstruction', { leaderName: '王明', leaderTitle: '副市长', instruction: '请尽快办结。' }, 'supervisor', 'signed');
    const contacted = await run(caseId, 'recordContact', { means: 'phone', contactedAt: new Date().toISOString(), note: '已电话联系市民' }, 'otherUnitHandler', 'signed');
    assert.deepEqual(contacted.contacts!.map((c) => [c.unitId, c.means]), [['donghu', 'phone']]);
    const suspended = await run(caseId, 'suspend', { reasonKind: 'citizenMaterials', reason: '等待市民补充现场照片', workingDays: 2 }, 'otherUnitLeader', 'signed');
    assert.equal(suspended.suspension?.suspendedBy, 'user-donghu-leader');
    assert.equal((await run(caseId, 'resume', {}, 'dispatcher', 'signed')).suspension, null);
    const named = await run(caseId, 'assignHandler', { handlerId: 'user-district-handler' }, 'otherUnitLeader', 'signed');
    assert.equal(named.assignments.find((a) => a.id === named.leadAssignmentId)!.handler!.name, '陈承办（东湖区）');
    await run(caseId, 'submitResult', RESULT, 'otherUnitHandler', 'resultSubmitted');
    await run(caseId, 'unitApprove', {}, 'otherUnitLeader', 'unitApproved');
    await run(caseId, 'review', { accept: true }, 'dispatcher', 'callback');
    await run(caseId, 'recordCallback', { outcome: 'reached', satisfaction: 'unsatisfied', resolved: false, method: 'operator' }, 'operator', 'awaitingUnsatisfiedDecision');
    await run(caseId, 'decideUnsatisfied', { decision: 'close', reason: '已按规定处理，向市民解释' }, 'dispatcher', 'closed');
    const callback = await testPrisma().callback.findFirstOrThrow({ where: { caseId } });
    assert.deepEqual([callback.status, callback.satisfaction], ['reached', 'unsatisfied']);
  });

  it('answers, rejects and merges at intake', async () => {
    const answered = await register();
    await run(answered, 'answerDirectly', { answer: '居住证可在社区事务受理中心办理。' }, 'operator', 'answeredDirectly');
    const rejected = await register();
    await run(rejected, 'reject', { reasonCode: 'outOfScope', reason: '属诉讼程序，不予受理' }, 'operator', 'rejected');
    const duplicate = await register();
    await run(duplicate, 'merge', { intoCaseId: answered, reason: '同一诉求重复来电' }, 'dispatcher', 'merged');
    const merged = await testPrisma().case.findUniqueOrThrow({ where: { id: duplicate } });
    assert.equal(merged.status, 'merged');
    // Finished lifecycles: their workflows complete at once (fixtures of tests/workflows/replay.test.ts).
    for (const [name, id] of [['rejected-at-intake', rejected], ['merged-at-intake', duplicate]] as const) {
      const handle = stack.env.client.workflow.getHandle(id);
      assert.equal((await handle.result()).status, name === 'rejected-at-intake' ? 'rejected' : 'merged');
      await recordHistory(name, handle);
    }
  });

  it('has an HTTP path for every command the workflow accepts', () => {
    assert.deepEqual([...COMMAND_NAMES].filter((name) => !exercised.has(name)), []);
  });
});
