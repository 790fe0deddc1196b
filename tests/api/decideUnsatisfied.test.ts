// POST /api/cases/:id/commands/decideUnsatisfied over HTTP: who may (403 otherwise; 核减 only a
// supervisor), when (409 before the citizen's unsatisfied answer and past the rehandle cap), what
// (400 with the fields for a malformed body), and what an accepted one leaves: the case row and
// the audit event with the decision and the reason. Refusals change nothing.
import assert from 'node:assert/strict';
import { testPrisma } from '../support/db';
import { postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { ensureActorUsers } from '../support/sessions';
import { actors, SAMPLE_RESULT } from '../support/lifecycle';
import { actorCommands } from '../support/actorCommands';
import { waitUntil } from '../support/petitions';

type Person = keyof typeof actors;
const UNSATISFIED = { outcome: 'reached', satisfaction: 'unsatisfied', resolved: false, comment: '问题没有解决' };

describe('decideUnsatisfied over HTTP', () => {
  const stack = useApiStack();
  before(() => ensureActorUsers(Object.values(actors)));
  const decideUnsatisfied = (caseId: string, body: unknown, person: Person) => postJson(`${stack.api.url}/api/cases/${caseId}/commands/decideUnsatisfied`, body, as(person));
  const { as, command } = actorCommands(() => stack.api.url);
  const row = (caseId: string) => testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
  const auditCount = (caseId: string) => testPrisma().auditEvent.count({ where: { caseId } });

  /** The lead's result up, approved and accepted: the case is in callback. */
  const resultAccepted = async (caseId: string) => {
    await command(caseId, 'submitResult', SAMPLE_RESULT, 'leadHandler');
    await command(caseId, 'unitApprove', {}, 'leadLeader');
    await command(caseId, 'review', { accept: true }, 'dispatcher');
  };

  it('refuses the wrong people (403), 核减 by a dispatcher (403), bad input (400), the wrong moment and a rehandle past the cap (409); takes the office’s decisions', async () => {
    const registered = await postJson(`${stack.api.url}/api/cases`, { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '占道经营', content: '小区门口摊贩占道经营，影响通行。', citizenPhone: '+8613955557777' }, as('operator'));
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    await command(caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [] }, 'dispatcher');
    await command(caseId, 'signFor', {}, 'leadHandler');
    await resultAccepted(caseId);

    const early = await decideUnsatisfied(caseId, { decision: 'close', reason: '解释' }, 'dispatcher');
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.match(early.body.error.message, /not possible while the case is in callback/);

    const waiting = await command(caseId, 'recordCallback', UNSATISFIED, 'operator');
    assert.equal(waiting.status, 'awaitingUnsatisfiedDecision');
    await waitUntil(async () => (await row(caseId)).status === 'awaitingUnsatisfiedDecision');
    const auditBefore = await auditCount(caseId);

    for (const person of ['operator', 'leadHandler', 'leadLeader', 'auditor'] as const) {
      const refused = await decideUnsatisfied(caseId, { decision: 'rehandle', reason: '重办' }, person);
      assert.equal(refused.status, 403, `${person}: ${JSON.stringify(refused.body)}`);
    }
    const byDispatcher = await decideUnsatisfied(caseId, { decision: 'unreasonable', reason: '诉求不合理' }, 'dispatcher');
    assert.equal(byDispatcher.status, 403);
    assert.match(byDispatcher.body.error.message, /only a supervisor may judge a demand unreasonable/);
    const malformed = await decideUnsatisfied(caseId, { decision: 'ignore' }, 'dispatcher');
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys(malformed.body.error.fields).sort(), ['decision', 'reason']);
    assert.equal(await auditCount(caseId), auditBefore, 'refusals leave no trace');
    assert.equal((await row(caseId)).status, 'awaitingUnsatisfiedDecision');

    const rehandled = await command(caseId, 'decideUnsatisfied', { decision: 'rehandle', reason: '市民反映摊贩仍在，重新办理' }, 'dispatcher');
    assert.deepEqual([rehandled.status, rehandled.round], ['signed', 2]);
    const afterRehandle = await row(caseId);
    assert.deepEqual([afterRehandle.status, afterRehandle.rehandleCount, afterRehandle.leadUnitId, afterRehandle.handleDueAt !== null], ['signed', 1, 'chengguan', true]);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { caseId, action: 'unsatisfiedDecided' } });
    assert.deepEqual([audit.actorId, audit.actorRole, audit.reason, (audit.payload as { decision: string }).decision], [actors.dispatcher.id, 'dispatcher', '市民反映摊贩仍在，重新办理', 'rehandle']);

    // A second rehandle (the seeded cap is 2), then the third is refused.
    await resultAccepted(caseId);
    await command(caseId, 'recordCallback', UNSATISFIED, 'dispatcher');
    await command(caseId, 'decideUnsatisfied', { decision: 'rehandle', reason: '再次重办' }, 'supervisor');
    await resultAccepted(caseId);
    await command(caseId, 'recordCallback', UNSATISFIED, 'operator');
    const beyondCap = await decideUnsatisfied(caseId, { decision: 'rehandle', reason: '第三次重办' }, 'supervisor');
    assert.equal(beyondCap.status, 409, JSON.stringify(beyondCap.body));
    assert.match(beyondCap.body.error.message, /already rehandled 2 times .*unsatisfied\.maxRehandles.*close it with an explanation or mark the demand unreasonable/);

    const judged = await command(caseId, 'decideUnsatisfied', { decision: 'unreasonable', reason: '经两次重办，诉求超出政策规定，予以核减' }, 'supervisor');
    assert.equal(judged.status, 'closed');
    await waitUntil(async () => (await row(caseId)).status === 'closed');
    const closed = await row(caseId);
    assert.deepEqual([closed.judgedUnreasonable, closed.rehandleCount, closed.satisfaction, closed.closedAt !== null, closed.reReviewUntil !== null], [true, 2, 'unsatisfied', true, true]);
    const decisions = await testPrisma().auditEvent.findMany({ where: { caseId, action: 'unsatisfiedDecided' }, orderBy: { occurredAt: 'asc' } });
    assert.deepEqual(decisions.map((e) => [e.actorRole, (e.payload as { decision: string }).decision]), [['dispatcher', 'rehandle'], ['supervisor', 'rehandle'], ['supervisor', 'unreasonable']]);
  });
});
