// A command refused because the database could not answer its checks (503) is tried afresh when
// the caller retries with the same Idempotency-Key, and applied once; a retry after an applied
// command answers the same state again. Found by the chaos drill: two dispatches sent while
// PostgreSQL restarted kept answering the first try's 503 to every retry.
// The cause is real: the unit table is renamed away, so the reference check fails in PostgreSQL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { asSuperuser, testPrisma, useOwnDatabase } from '../support/db';
import { postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { actorToken, ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { waitUntil } from '../support/petitions';

describe('a command retried with its Idempotency-Key', () => {
  // Renaming a table would break every other suite's cases: this one has a database of its own.
  useOwnDatabase('command_retry');
  const stack = useApiStack();
  before(() => ensureActorUsers(Object.values(actors)));

  const as = (actor: (typeof actors)[keyof typeof actors], key: string) => ({
    authorization: `Bearer ${actorToken(actor, 600)}`,
    'idempotency-key': key,
  });

  const unitsAway = () => asSuperuser('ALTER TABLE "Unit" RENAME TO "UnitAway"');
  const unitsBack = () => asSuperuser('ALTER TABLE IF EXISTS "UnitAway" RENAME TO "Unit"');
  after(unitsBack);

  it('is tried again after a 503 from its checks, applied once, and answered again after that', async () => {
    const registered = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', title: '路灯不亮', content: '小区门口路灯不亮。', citizenPhone: '+8613955556666' },
      as(actors.operator, randomUUID()),
    );
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    const url = `${stack.api.url}/api/cases/${caseId}/commands/dispatch`;
    const body = { leadUnitId: 'chengguan', assistUnitIds: [] };
    const key = randomUUID();

    await unitsAway();
    const refused = await postJson(url, body, as(actors.dispatcher, key));
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'unavailable');
    const refusedAgain = await postJson(url, body, as(actors.dispatcher, key));
    assert.equal(refusedAgain.status, 503, 'still unavailable while the database cannot answer');

    await unitsBack();
    const dispatched = await postJson(url, body, as(actors.dispatcher, key));
    assert.equal(dispatched.status, 200, `the same key is tried afresh once the database answers: ${JSON.stringify(dispatched.body)}`);
    assert.equal(dispatched.body.status, 'dispatched');

    // The answer of the applied try is kept: a further retry gets it again, and nothing doubles.
    const repeated = await postJson(url, body, as(actors.dispatcher, key));
    assert.equal(repeated.status, 200, JSON.stringify(repeated.body));
    assert.equal(repeated.body.status, 'dispatched');
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } }))?.status === 'dispatched');
    assert.equal(await testPrisma().caseAssignment.count({ where: { caseId, role: 'lead' } }), 1);
    assert.equal(await testPrisma().auditEvent.count({ where: { caseId, action: 'dispatched' } }), 1);
  });
});
