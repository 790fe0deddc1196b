// What the anonymous Open311 reads show (rule open311.publicListing: case types and channels;
// 举报 never) and their per-address limit, over real HTTP into real workflows (dev server).
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { DEFAULT_SETTINGS } from '../../prisma/seed/rules';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { testPrisma } from '../support/db';
import { getJson, postJson, startApi } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { waitUntil } from '../support/petitions';

const SEEDED_LISTING = DEFAULT_SETTINGS.find((setting) => setting.key === 'open311.publicListing')!.value;

describe('Open311 public listing', function () {
  this.timeout(60_000);
  const stack = useApiStack();
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const ids = async (query = '') => {
    const answer = await getJson(`${stack.api.url}/open311/v2/requests.json${query}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return (answer.body as { service_request_id: string }[]).map((request) => request.service_request_id);
  };
  const putListing = async (value: unknown) =>
    fetch(`${stack.api.url}/api/rule-settings/open311.publicListing`, { method: 'PUT', headers: { 'content-type': 'application/json', ...as('admin') }, body: JSON.stringify({ value, reason: '公开范围调整' }) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  /** A web petition from an address of its own (the form's caps count per address). */
  async function webCase(type: string): Promise<string> {
    const phone = `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    const answer = await postJson(`${stack.api.url}/public/cases`, { type, title: `公开范围 ${type}`, content: `公开范围测试 ${randomUUID()}`, phone }, { 'x-forwarded-for': `198.51.100.${randomInt(1, 255)}` });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.caseId as string;
  }

  let complaint: string;
  let report: string;
  let byPhone: string;

  before(async () => {
    for (const user of ['operator', 'admin']) tokens[user] = (await postJson(`${stack.api.url}/auth/login`, { username: user, password: DEMO_PASSWORD })).body.accessToken;
    complaint = await webCase('complaint');
    report = await webCase('report');
    const phoned = await postJson(`${stack.api.url}/api/cases`, { channel: 'phone', caseTypeCode: 'consultation', title: '电话咨询', content: '咨询办事时间。', citizenPhone: '13977770000' }, as('operator'));
    assert.equal(phoned.status, 201, JSON.stringify(phoned.body));
    byPhone = phoned.body.caseId;
    for (const id of [complaint, report, byPhone]) await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id } })) !== null);
  });

  // The stack is down by then (its hooks come first): the seeded rule back through the database.
  after(async () => {
    await testPrisma().ruleSetting.update({ where: { key: 'open311.publicListing' }, data: { value: SEEDED_LISTING as object } });
  });

  it('never lists 举报 (report) cases, not by number either', async () => {
    const listed = await ids();
    assert.ok(listed.includes(complaint), 'a web complaint is public by the seeded rule');
    assert.ok(!listed.includes(report), 'no report in the list');
    assert.deepEqual(await ids(`?service_request_id=${report}`), []);
    const one = await getJson(`${stack.api.url}/open311/v2/requests/${report}.json`);
    assert.equal(one.status, 404);
    const xml = await fetch(`${stack.api.url}/open311/v2/requests.xml`).then((r) => r.text());
    assert.ok(!xml.includes(report));
    assert.ok(!(await testPrisma().case.findMany({ where: { id: { in: await ids() } }, select: { caseTypeCode: true } })).some((row) => row.caseTypeCode === 'report'));
  });

  it('lists by the rule open311.publicListing: case types and channels an admin chooses; a rule naming 举报 is refused', async () => {
    assert.ok(!(await ids()).includes(byPhone), 'phone cases are not public by the seeded rule');
    assert.equal((await putListing({ caseTypeCodes: ['consultation'], channels: ['phone', 'open311'] })).status, 200);
    let listed = await ids();
    assert.ok(listed.includes(byPhone) && !listed.includes(complaint) && !listed.includes(report));
    assert.equal((await getJson(`${stack.api.url}/open311/v2/requests/${complaint}.json`)).status, 404);
    assert.equal((await getJson(`${stack.api.url}/open311/v2/requests/${byPhone}.json`)).status, 200);

    const withReport = await putListing({ caseTypeCodes: ['complaint', 'report'], channels: ['web'] });
    assert.equal(withReport.status, 400);
    assert.deepEqual(withReport.body.error.fields, { 'value.caseTypeCodes': '举报 (report) cases are never listed publicly' });
    listed = await ids();
    assert.ok(listed.includes(byPhone), 'the refused value changed nothing');

    assert.equal((await putListing(SEEDED_LISTING)).status, 200);
    listed = await ids();
    assert.ok(listed.includes(complaint) && !listed.includes(byPhone) && !listed.includes(report));
  });

  it('limits reads per address (429 in the Open311 format)', async () => {
    const limited = await startApi({ temporal: stack.env.connection, taskQueue: stack.h.taskQueue, open311ReadsPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (const path of ['/discovery.json', '/v2/services.json', '/v2/requests.json']) statuses.push((await getJson(`${limited.url}/open311${path}`)).status);
      assert.deepEqual(statuses, [200, 200, 200]);
      const refused = await getJson(`${limited.url}/open311/v2/requests.json`);
      assert.equal(refused.status, 429);
      assert.deepEqual(refused.body, [{ code: 429, description: 'too many Open311 reads from this address; try again in a minute' }]);
      const xml = await fetch(`${limited.url}/open311/v2/requests/${complaint}.xml`);
      assert.equal(xml.status, 429);
      assert.match(await xml.text(), /<code>429<\/code>/);
    } finally {
      await limited.close();
    }
  });
});
