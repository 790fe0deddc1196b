// GET /api/cases/:id carries the unit's return and extension requests, so that the office
// decides with the unit's reason, the days asked and the due date before it in front of it.
import assert from 'node:assert/strict';
import { AdminApiClient } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';

describe('/api/cases/:id return and extension requests', () => {
  const stack = useApiStack();

  it('lists the requests with their reasons, pending and then decided', async () => {
    const api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher', 'handler');
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title: `请求${api.run}`, content: '夜市占道经营。', citizenPhone: '13911113333' }, 'operator');
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const caseId: string = registered.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    const command = async (name: string, body: unknown, as: string) => {
      const response = await api.post(`/api/cases/${caseId}/commands/${name}`, body, as);
      assert.equal(response.status, 200, `${name}: ${JSON.stringify(response.body)}`);
    };
    const read = async (as = 'dispatcher') => {
      const response = await api.get(`/api/cases/${caseId}`, as);
      assert.equal(response.status, 200);
      return response.body;
    };
    assert.deepEqual([(await read()).returnRequests, (await read()).extensionRequests], [[], []]);

    await command('dispatch', { leadUnitId: 'chengguan' }, 'dispatcher');
    await command('requestReturn', { reason: '该路段属东湖区管辖' }, 'handler');
    const returned = (await read()).returnRequests;
    assert.equal(returned.length, 1);
    assert.deepEqual([returned[0].unitId, returned[0].reason, returned[0].decision], ['chengguan', '该路段属东湖区管辖', 'pending']);

    await command('decideReturn', { approve: false, reason: '属城管职责', wrongReturn: true }, 'dispatcher');
    const refused = (await read()).returnRequests[0];
    assert.deepEqual([refused.decision, refused.decisionReason, refused.wrongReturn], ['rejected', '属城管职责', true]);

    await command('signFor', {}, 'handler');
    const before = await read();
    await command('requestExtension', { workingDays: 3, reason: '需协调多部门' }, 'handler');
    const [extension] = (await read('handler')).extensionRequests;
    assert.deepEqual([extension.workingDays, extension.reason, extension.decision], [3, '需协调多部门', 'pending']);
    assert.equal(new Date(extension.previousDueAt).getTime(), new Date(before.handleDueAt).getTime(), 'the due date the extension starts from');
  });
});
