// GET /api/cases/:id answers the commands the signed-in user could give the case now, as its
// workflow answers them with that user: each role and unit sees its own part, the answer follows
// the case's state, and a finished case answers none.
import assert from 'node:assert/strict';
import { testPrisma } from '../support/db';
import { getJson, postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { actorToken, ensureActorUsers } from '../support/sessions';
import { actors } from '../support/lifecycle';
import { waitUntil } from '../support/petitions';

type Person = keyof typeof actors;

describe('allowed commands on the case read', () => {
  const stack = useApiStack();
  before(() => ensureActorUsers(Object.values(actors)));
  const as = (person: Person) => ({ authorization: `Bearer ${actorToken(actors[person], 300)}` });

  const register = async (): Promise<string> => {
    const response = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '夜市占道', content: '解放路夜市占道经营，影响通行。', citizenPhone: '+8613955557777' },
      as('operator'),
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: response.body.caseId } })) !== null);
    return response.body.caseId;
  };
  const command = async (caseId: string, name: string, body: unknown, person: Person) => {
    const response = await postJson(`${stack.api.url}/api/cases/${caseId}/commands/${name}`, body, as(person));
    assert.equal(response.status, 200, `${name} by ${person}: ${JSON.stringify(response.body)}`);
  };
  let documented: string[] | undefined;
  const allowed = async (caseId: string, person: Person): Promise<string[]> => {
    const read = await getJson(`${stack.api.url}/api/cases/${caseId}`, as(person));
    assert.equal(read.status, 200, `${person}: ${JSON.stringify(read.body)}`);
    // As the OpenAPI description says: an array of command names.
    documented ??= (await getJson(`${stack.api.url}/api/openapi.json`)).body.paths['/api/cases/{id}'].get.responses['200'].content['application/json'].schema.properties.allowedCommands.items.enum as string[];
    assert.ok(Array.isArray(read.body.allowedCommands) && read.body.allowedCommands.every((name: string) => documented!.includes(name)), JSON.stringify(read.body.allowedCommands));
    return read.body.allowedCommands;
  };

  it('answers each user’s own part as the case moves, and nothing once it is finished', async () => {
    const caseId = await register();
    assert.deepEqual(await allowed(caseId, 'operator'), ['answerDirectly', 'reject', 'merge']);
    assert.deepEqual(await allowed(caseId, 'dispatcher'), ['answerDirectly', 'reject', 'merge', 'dispatch', 'reclassify', 'forwardForInformation']);
    assert.deepEqual(await allowed(caseId, 'auditor'), []);

    await command(caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: ['zhujian'] }, 'dispatcher');
    assert.deepEqual(await allowed(caseId, 'leadHandler'), ['signFor', 'requestReturn', 'recordContact', 'assignHandler']);
    assert.deepEqual(await allowed(caseId, 'assistHandler'), ['signFor', 'assignHandler']);
    assert.deepEqual(await allowed(caseId, 'dispatcher'), ['reclassify', 'suspend', 'forwardForInformation', 'urge']);
    assert.deepEqual(await allowed(caseId, 'supervisor'), ['reclassify', 'suspend', 'forwardForInformation', 'attachLeaderInstruction', 'urge', 'supervise', 'overrideDeadline']);

    await command(caseId, 'signFor', {}, 'leadHandler');
    assert.deepEqual(await allowed(caseId, 'leadHandler'), ['subDispatch', 'requestReturn', 'requestExtension', 'submitResult', 'recordContact', 'assignHandler']);
    assert.deepEqual(await allowed(caseId, 'assistHandler'), ['signFor', 'assignHandler'], 'the assisting unit has not signed yet');

    const rejected = await register();
    await command(rejected, 'reject', { reasonCode: 'outOfScope', reason: '不属热线受理范围' }, 'dispatcher');
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: rejected } })).status === 'rejected');
    for (const person of ['operator', 'dispatcher', 'supervisor'] as const) assert.deepEqual(await allowed(rejected, person), [], person);
  });
});
