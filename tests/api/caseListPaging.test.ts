// The case list's rows are its list columns, and a client walks a whole list by keyset: the
// `Link: rel="next"` of a full page continues after its last row, so a case registered during the
// walk neither repeats a row (as the next offset would) nor hides one.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { CASE_LIST_COLUMNS } from '../../api/cases/answers';
import { AdminApiClient, listQuery } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';

type Row = { id: string } & Record<string, unknown>;

describe('/api/cases: list columns and keyset paging', () => {
  const stack = useApiStack();
  let api: AdminApiClient;
  /** Every case of this suite is this caller's: the filter that keeps other suites' cases out. */
  const phone = `137${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
  const filter = { citizenPhone: phone };

  const register = async (title: string, caseTypeCode = 'consultation'): Promise<string> => {
    const response = await api.post('/api/cases', { channel: 'phone', caseTypeCode, title, content: `${title}：市民的原话。`, citizenPhone: phone, citizenName: '李四', address: '东湖路 1 号' }, 'operator');
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const caseId = response.body.caseId as string;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    return caseId;
  };

  /** The `after` of a page's Link header, or null without one. */
  const nextCursor = (headers: Headers): string | null => {
    const link = headers.get('link');
    if (!link) return null;
    const match = /^<([^>]+)>; rel="next"$/.exec(link);
    assert.ok(match, `a Link header of one next page: ${link}`);
    return new URL(match[1]!, "http://api.local").searchParams.get("after");
  };

  /** Pages of `size` by keyset until a page is not full. */
  const walk = async (sort: [string, string], size: number, between?: () => Promise<void>): Promise<string[]> => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const query = listQuery({ filter, range: [0, size - 1], sort }) + (after ? `&after=${encodeURIComponent(after)}` : '');
      const response = await api.get(`/api/cases${query}`, 'operator');
      assert.equal(response.status, 200, JSON.stringify(response.body));
      seen.push(...(response.body as Row[]).map((row) => row.id));
      after = nextCursor(response.headers);
      if (page === 0 && between) await between();
      if (!after) return seen;
    }
    assert.fail('the walk did not end');
  };

  const everyRow = async (sort: [string, string]): Promise<string[]> => {
    const response = await api.get(`/api/cases${listQuery({ filter, range: [0, 99], sort })}`, 'operator');
    assert.equal(response.status, 200);
    return (response.body as Row[]).map((row) => row.id);
  };

  let caseIds: string[] = [];
  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator');
    await api.login('dispatcher');
    caseIds = [];
    // Sort values both shared and distinct, and (the handling deadline) some null: a consultation
    // dispatched has a deadline 5 working days on, a complaint 15, one not dispatched none.
    for (let i = 1; i <= 6; i++) caseIds.push(await register(`分页第 ${i} 件`, i % 2 === 0 ? 'complaint' : 'consultation'));
    for (const caseId of caseIds.slice(0, 4)) {
      const dispatched = await api.post(`/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'donghu', assistUnitIds: [] }, 'dispatcher');
      assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
      await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).handleDueAt !== null);
    }
  });

  it('answers a row of list columns only, the citizen masked: the citizen’s words and address stay on the case’s page', async () => {
    const listed = await api.get(`/api/cases${listQuery({ filter })}`, 'operator');
    assert.equal(listed.status, 200);
    assert.equal(listed.body.length, caseIds.length);
    for (const row of listed.body as Row[]) {
      assert.deepEqual(Object.keys(row).sort(), [...CASE_LIST_COLUMNS, 'timeLeft'].sort());
      assert.ok(!JSON.stringify(row).includes('市民的原话'), 'the content is not in the list');
      assert.equal(row.citizenName, '李*');
      assert.equal(row.citizenPhone, `${phone.slice(0, 3)}****${phone.slice(-4)}`);
    }
    const page = await api.get(`/api/cases/${caseIds[0]}`, 'operator');
    assert.equal(page.body.content, '分页第 1 件：市民的原话。');
    assert.equal(page.body.address, '东湖路 1 号');
  });

  it('answers only the fields a view asks for, with the id, masked and computed as in the whole row', async () => {
    const sort: [string, string] = ['handleDueAt', 'ASC'];
    const whole = await api.get(`/api/cases${listQuery({ filter, sort })}`, 'operator');
    const fields = ['title', 'citizenPhone', 'warningLevel', 'timeLeft'];
    const sparse = await api.get(`/api/cases${listQuery({ filter, sort, fields })}`, 'operator');
    assert.equal(sparse.status, 200, JSON.stringify(sparse.body));
    assert.equal(sparse.headers.get('content-range'), whole.headers.get('content-range'));
    assert.ok((whole.body as Row[]).some((row) => row.timeLeft !== null), 'some rows have a clock running');
    assert.deepEqual(
      sparse.body,
      (whole.body as Row[]).map((row) => ({ id: row.id, title: row.title, citizenPhone: row.citizenPhone, warningLevel: row.warningLevel, timeLeft: row.timeLeft })),
    );
    // Hostile values too: a NUL, a lone surrogate (sent as its raw UTF-8 bytes), a long name, a number, a nested array.
    const hostile = ['["ti\u0000tle"]', `["${'x'.repeat(8_000)}"]`, '[1]', '[["title"]]', '{"0":"title"}'].map(encodeURIComponent);
    for (const refused of [...['["content"]', '[]', '"title"', '["title","queryPasswordHash"]', 'title'].map(encodeURIComponent), ...hostile, '%5B%22%ED%A0%80%22%5D']) {
      const response = await api.get(`/api/cases${listQuery({ filter })}&fields=${refused}`, 'operator');
      assert.equal(response.status, 400, refused);
      // The field at fault: `fields`, or the item of it (`fields.0`).
      assert.ok(Object.keys(response.body.error?.fields ?? {}).some((key) => key === 'fields' || key.startsWith('fields.')), JSON.stringify(response.body));
    }
  });

  it('walks by keyset with fields: its Link keeps them, and the sort column need not be among them', async () => {
    const whole = await everyRow(['handleDueAt', 'ASC']);
    const seen: string[] = [];
    let next: string | null = `/api/cases${listQuery({ filter, range: [0, 1], sort: ['handleDueAt', 'ASC'], fields: ['title'] })}`;
    for (let page = 0; next && page < 20; page++) {
      const response = await api.get(next, 'operator');
      assert.equal(response.status, 200, JSON.stringify(response.body));
      for (const row of response.body as Row[]) assert.deepEqual(Object.keys(row).sort(), ['id', 'title']);
      seen.push(...(response.body as Row[]).map((row) => row.id));
      const link = /^<([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '');
      next = link ? link[1]! : null;
      if (next) assert.deepEqual(JSON.parse(new URL(next, 'http://api.local').searchParams.get('fields')!), ['title']);
    }
    assert.deepEqual(seen, whole);
  });

  for (const sort of [['registeredAt', 'DESC'], ['id', 'ASC'], ['handleDueAt', 'ASC'], ['handleDueAt', 'DESC'], ['caseTypeCode', 'DESC']] as [string, string][]) {
    it(`walks the list sorted by ${sort.join(' ')} in pages of 2 in the order of the whole list`, async () => {
      const whole = await everyRow(sort);
      assert.equal(whole.length, caseIds.length);
      if (sort[0] === 'handleDueAt') {
        const dues = await testPrisma().case.findMany({ where: { id: { in: whole } }, select: { handleDueAt: true } });
        assert.equal(dues.filter((row) => row.handleDueAt === null).length, 2, 'a walk over null and set deadlines');
      }
      assert.deepEqual(await walk(sort, 2), whole);
    });
  }

  it('neither repeats nor hides a row when a case is registered during the walk (an offset would repeat one)', async () => {
    const before = await everyRow(['registeredAt', 'DESC']);
    let newcomer = '';
    const walked = await walk(['registeredAt', 'DESC'], 2, async () => {
      newcomer = await register('分页途中登记');
    });
    caseIds.push(newcomer);
    // The newcomer is newer than the first page: the walk goes on below it, every old row once.
    assert.deepEqual(walked, before);
    const secondByOffset = await api.get(`/api/cases${listQuery({ filter, range: [2, 3], sort: ['registeredAt', 'DESC'] })}`, 'operator');
    assert.equal(secondByOffset.body[0].id, before[1], 'the offset page starts one row back: a repeat');
  });

  it('refuses a cursor of another sort, a made-up cursor and a sort a cursor cannot follow (400 on after)', async () => {
    const first = await api.get(`/api/cases${listQuery({ filter, range: [0, 1], sort: ['registeredAt', 'DESC'] })}`, 'operator');
    const after = nextCursor(first.headers);
    assert.ok(after);
    const refusals = [
      listQuery({ filter, range: [0, 1], sort: ['registeredAt', 'ASC'] }) + `&after=${after}`,
      listQuery({ filter, range: [0, 1], sort: ['receivedAt', 'DESC'] }) + `&after=${after}`,
      listQuery({ filter, range: [0, 1], sort: ['registeredAt', 'DESC'] }) + `&after=${Buffer.from('["registeredAt","DESC","yesterday","x"]').toString('base64url')}`,
      listQuery({ filter, range: [0, 1], sort: ['registeredAt', 'DESC'] }) + '&after=%00%01',
      listQuery({ filter, range: [0, 1], sort: ['id', 'ASC'] }) + `&after=${Buffer.from('["id","ASC",5,"x"]').toString('base64url')}`,
      listQuery({ filter, range: [0, 1], sort: ['escalationLevel', 'ASC'] }) + `&after=${Buffer.from('["escalationLevel","ASC","1","x"]').toString('base64url')}`,
      listQuery({ filter, range: [0, 1], sort: ['registeredAt', 'DESC'] }) + `&after=${Buffer.from('["registeredAt","DESC",null,"x"]').toString('base64url')}`,
      listQuery({ filter, range: [0, 1], sort: ['status', 'ASC'] }) + `&after=${after}`,
    ];
    for (const query of refusals) {
      const response = await api.get(`/api/cases${query}`, 'operator');
      assert.equal(response.status, 400, query);
      assert.ok(response.body.error?.fields?.after, JSON.stringify(response.body));
    }
    assert.equal(nextCursor((await api.get(`/api/cases${listQuery({ filter, range: [0, 1], sort: ['status', 'ASC'] })}`, 'operator')).headers), null, 'no Link for a sort a cursor cannot follow');
  });
});
