// A caller's number finds its cases in whichever form they kept it: the case list's
// citizenPhone filter (the operator's caller history) and intake's same-caller duplicates.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { AdminApiClient, listQuery } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';

describe('/api/cases by a caller’s number in any form', () => {
  const stack = useApiStack();
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator');
  });

  const register = async (citizenPhone: string, title: string) => {
    const response = await api.post('/api/cases', { channel: 'sms', caseTypeCode: 'complaint', title, content: `${title}。`, citizenPhone }, 'operator');
    assert.equal(response.status, 201, JSON.stringify(response.body));
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: response.body.caseId } })) !== null);
    return response.body as { caseId: string; duplicateCandidates: { id: string; reason: string }[]; callerHistory: { id: string }[] };
  };

  it('lists and flags an E.164 case for the national number an operator types, and not another caller’s', async () => {
    const national = `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    const sms = await register(`+86${national}`, '短信来的诉求');
    const other = await register(`+86138${national.slice(3)}`, '别人的诉求');

    const listed = await api.get(`/api/cases${listQuery({ filter: { citizenPhone: national } })}`, 'operator');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.map((c: { id: string }) => c.id), [sms.caseId]);
    const sameForm = await api.get(`/api/cases${listQuery({ filter: { citizenPhone: `+86${national}` } })}`, 'operator');
    assert.deepEqual(sameForm.body.map((c: { id: string }) => c.id), [sms.caseId]);

    const phoned = await register(national, '又打电话来');
    assert.deepEqual(phoned.callerHistory.map((c) => c.id), [sms.caseId]);
    assert.deepEqual(phoned.duplicateCandidates.map((c) => [c.id, c.reason]), [[sms.caseId, 'sameCaller']]);
    assert.ok(!phoned.callerHistory.some((c) => c.id === other.caseId));
  });
});
