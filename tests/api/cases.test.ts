// /api/cases over real HTTP into real workflows (dev server) and back out of the projection.
import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { testPrisma } from '../support/db';
import { getJson, postJson, startApi, TEST_JWT_SECRET } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { waitUntil } from '../support/petitions';
import { insertProjectedCase } from '../support/cases';
import { TEST_LINK_SECRET } from '../support/links';
import { queryPasswordMatches } from '../../lib/citizenAccess/queryPasswords';
import { getStateQuery } from '../../workflows/petition/definitions';

describe('/api/cases', () => {
  const stack = useApiStack();
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });

  before(async () => {
    for (const user of ['operator', 'dispatcher', 'handler', 'leader', 'donghu', 'jiefang', 'supervisor', 'auditor', 'admin']) {
      tokens[user] = (await postJson(`${stack.api.url}/auth/login`, { username: user, password: DEMO_PASSWORD })).body.accessToken;
    }
  });


  const register = async (overrides: Record<string, unknown> = {}) => {
    const response = await postJson(
      `${stack.api.url}/api/cases`,
      { channel: 'phone', caseTypeCode: 'complaint', categoryId: 'cat-urban.street-vending', title: '夜市占道', content: '解放路夜市占道经营。', citizenName: '王小明', citizenPhone: '+8613911112222', address: '东湖区解放路1号', ...overrides },
      as('operator'),
    );
    assert.equal(response.status, 201, JSON.stringify(response.body));
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: response.body.caseId } })) !== null);
    return response.body as { caseId: string; queryPassword: string; duplicateCandidates: { id: string; reason: string }[]; callerHistory: { id: string }[] };
  };
  const command = (caseId: string, name: string, body: unknown, user: string) => postJson(`${stack.api.url}/api/cases/${caseId}/commands/${name}`, body, as(user));

  it('registers a case with a readable number and a query password, and flags the caller’s open case as a duplicate', async () => {
    const first = await register();
    assert.match(first.caseId, /^\d{13}$/);
    assert.match(first.queryPassword, /^\d{6}$/);
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: first.caseId } });
    assert.match(row.queryPasswordHash!, /^hmac-sha256\$/, 'only the keyed hash is stored');
    assert.ok(!row.queryPasswordHash!.includes(first.queryPassword));
    assert.ok(await queryPasswordMatches(row.queryPasswordHash!, first.queryPassword, first.caseId, TEST_LINK_SECRET));
    assert.equal(await queryPasswordMatches(row.queryPasswordHash!, first.queryPassword, `${first.caseId}0`, TEST_LINK_SECRET), false, 'bound to its case');
    assert.equal(await queryPasswordMatches(row.queryPasswordHash!, first.queryPassword, first.caseId, 'another-secret-0123456789-abcdefghij'), false, 'useless without the key');
    const second = await register();
    assert.equal(BigInt(second.caseId), BigInt(first.caseId) + 1n);
    assert.ok(second.duplicateCandidates.some((c) => c.id === first.caseId && c.reason === 'sameCaller'));
    assert.ok(second.callerHistory.some((c) => c.id === first.caseId));
  });

  it('refuses bad intake with the fields at fault, and intake by a unit', async () => {
    const bad = await postJson(`${stack.api.url}/api/cases`, { channel: 'fax', caseTypeCode: 'complaint', title: '', content: 'x' }, as('operator'));
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['channel', 'title']);
    const unknown = await postJson(`${stack.api.url}/api/cases`, { channel: 'web', caseTypeCode: 'nonsense', title: 't', content: 'c' }, as('operator'));
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.error.fields, { caseTypeCode: 'no such case type' });
    assert.equal((await postJson(`${stack.api.url}/api/cases`, { channel: 'web', caseTypeCode: 'complaint', title: 't', content: 'c' }, as('handler'))).status, 403);
    assert.equal((await postJson(`${stack.api.url}/api/cases`, {}, {})).status, 401);
    const oversized = await postJson(`${stack.api.url}/api/cases`, { channel: 'web', caseTypeCode: 'complaint', title: 't', content: '长'.repeat(600_000) }, as('operator'));
    assert.equal(oversized.status, 413);
    assert.equal(typeof oversized.body.error.message, 'string');
    assert.ok(!JSON.stringify(oversized.body).includes('at '), 'no stack trace');
  });

  it('runs commands through the workflow with 400 / 403 / 409 for what it refuses', async () => {
    const { caseId } = await register({ citizenPhone: '+8613933334444' });
    assert.equal((await command(caseId, 'dispatch', { leadUnitId: 'chengguan' }, 'operator')).status, 403);
    assert.equal((await command(caseId, 'dispatch', { assistUnitIds: 'x' }, 'dispatcher')).status, 400);
    const missing = await command(caseId, 'dispatch', { leadUnitId: 'no-such-unit' }, 'dispatcher');
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body.error.fields, { 'unit:no-such-unit': 'no such active unit' });
    const dispatched = await command(caseId, 'dispatch', { leadUnitId: 'donghu', assistUnitIds: ['chengguan'] }, 'dispatcher');
    assert.equal(dispatched.status, 200);
    assert.equal(dispatched.body.status, 'dispatched');
    const again = await command(caseId, 'dispatch', { leadUnitId: 'donghu' }, 'dispatcher');
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /not possible while the case is dispatched/);
    assert.equal((await command(caseId, 'signFor', {}, 'handler')).status, 200, 'the assisting 城管局 signs for');
    assert.equal((await command(caseId, 'signFor', {}, 'donghu')).body.status, 'signed');
    assert.equal((await command(caseId, 'submitResult', { actionsTaken: 'x', replyToCitizen: 'y', handlerName: 'z', citizenContacted: true }, 'handler')).status, 403, 'an assisting unit cannot submit the result');
    assert.equal((await command(caseId, 'noSuchCommand', {}, 'dispatcher')).status, 404);
    assert.equal((await command('2026010199999', 'dispatch', { leadUnitId: 'donghu' }, 'dispatcher')).status, 404);
    const history = await getJson(`${stack.api.url}/api/cases/${caseId}/history`, as('auditor'));
    assert.deepEqual(history.body.map((e: { action: string }) => e.action), ['registered', 'dispatched', 'signedFor', 'signedFor']);
  });

  it('scopes a unit to its own cases and those below it, and masks the citizen for units', async () => {
    const { caseId } = await register({ citizenPhone: '+8613955556666', citizenName: '李四' });
    await command(caseId, 'dispatch', { leadUnitId: 'donghu', assistUnitIds: [] }, 'dispatcher');
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).status === 'dispatched');
    const list = (user: string) => getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ status: 'dispatched' }))}&range=[0,99]`, as(user));

    const district = await list('donghu');
    assert.ok(district.body.some((c: { id: string }) => c.id === caseId));
    const mine = district.body.find((c: { id: string }) => c.id === caseId);
    assert.equal(mine.citizenPhone, '+86139****6666');
    assert.equal(mine.citizenName, '李*');
    assert.equal(mine.queryPasswordHash, undefined);
    assert.match(district.headers.get('content-range')!, /^cases 0-\d+\/\d+$/);

    const street = await list('jiefang');
    assert.ok(!street.body.some((c: { id: string }) => c.id === caseId), 'a street does not see its district’s case');
    assert.equal((await getJson(`${stack.api.url}/api/cases/${caseId}`, as('jiefang'))).status, 404);
    assert.equal((await command(caseId, 'signFor', {}, 'jiefang')).status, 404);

    const officeList = await list('dispatcher');
    assert.equal(officeList.body.find((c: { id: string }) => c.id === caseId).citizenPhone, '+86139****6666', 'lists are masked for everyone');
    const office = await getJson(`${stack.api.url}/api/cases/${caseId}`, as('dispatcher'));
    assert.equal(office.body.citizenPhone, '+8613955556666');
    assert.equal(office.body.citizenName, '李四');
    assert.equal(office.body.assignments[0].unitId, 'donghu');
    assert.equal((await getJson(`${stack.api.url}/api/cases/${caseId}`, as('donghu'))).body.citizenPhone, '+86139****6666');

    // The dispatcher's full read is on record for auditors; the district's masked one is not.
    const reads = await getJson(`${stack.api.url}/api/cases/${caseId}/identity-reads`, as('auditor'));
    assert.deepEqual(reads.body.map((r: { actorId: string; actorRole: string }) => [r.actorId, r.actorRole]), [['user-dispatcher', 'dispatcher']]);
    assert.equal((await getJson(`${stack.api.url}/api/cases/${caseId}/identity-reads`, as('operator'))).status, 403);
    const history = await getJson(`${stack.api.url}/api/cases/${caseId}/history`, as('auditor'));
    assert.ok(!history.body.some((e: { action: string }) => e.action === 'citizenIdentityRead'), 'reads stay out of the case’s own trail');
  });

  it('filters and sorts the list, and refuses a malformed query', async () => {
    const ok = await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ unitId: 'donghu', caseTypeCode: ['complaint'], q: '夜市' }))}&sort=["registeredAt","ASC"]&range=[0,9]`, as('supervisor'));
    assert.equal(ok.status, 200);
    assert.ok(ok.body.length > 0);
    const times = ok.body.map((c: { registeredAt: string }) => c.registeredAt);
    assert.deepEqual(times, [...times].sort());
    for (const query of ['filter={bad', 'filter={"status":"nope"}', 'filter={"unknownField":1}', 'range=[0,100000]', 'sort=["citizenPhone","ASC"]', `filter=${encodeURIComponent('{"q":"\'; DROP TABLE \\"Case\\"; --"}')}`]) {
      const response = await getJson(`${stack.api.url}/api/cases?${query}`, as('supervisor'));
      if (query.includes('DROP')) {
        assert.equal(response.status, 200, 'a search for SQL is only a search');
        assert.deepEqual(response.body, []);
      } else {
        assert.equal(response.status, 400, query);
      }
    }
    assert.ok(await testPrisma().case.count() > 0, 'the table is still there');
  });

  it('filters by deadline range, overdue and case numbers', async () => {
    // Projection rows written directly: the filters read only the projection.
    const marker = `期限筛选${Date.now()}`;
    const now = Date.now();
    const day = 86_400_000;
    const rows = [
      { suffix: '1', status: 'signed', warningLevel: 'green', handleDueAt: new Date(now - day), nextDueAt: new Date(now - day), nextYellowAt: null }, // due yesterday, alarm not yet fired
      { suffix: '2', status: 'signed', warningLevel: 'red', handleDueAt: new Date(now - 2 * day), nextDueAt: new Date(now - 2 * day), nextYellowAt: null },
      { suffix: '3', status: 'signed', warningLevel: 'yellow', handleDueAt: new Date(now + 3 * day), nextDueAt: new Date(now + 3 * day), nextYellowAt: null },
      { suffix: '4', status: 'closed', warningLevel: 'green', handleDueAt: new Date(now - 5 * day), nextDueAt: null, nextYellowAt: null }, // finished: no longer overdue
      { suffix: '5', status: 'callback', warningLevel: 'green', handleDueAt: null, nextDueAt: null, nextYellowAt: null }, // with the office: no unit owes a deadline
      { suffix: '6', status: 'signed', warningLevel: 'green', handleDueAt: new Date(now + 5 * day), nextDueAt: new Date(now - 3_600_000), nextYellowAt: null }, // an assisting unit's opinion is late
      { suffix: '7', status: 'signed', warningLevel: 'red', handleDueAt: new Date(now + 5 * day), nextDueAt: new Date(now + 5 * day), nextYellowAt: null }, // extended after it went red
      { suffix: '8', status: 'signed', warningLevel: 'green', handleDueAt: new Date(now + 5 * day), nextDueAt: new Date(now + 5 * day), nextYellowAt: new Date(now - 3_600_000) }, // past its yellow point, alarm not yet fired
    ] as const;
    const ids = rows.map((r) => `20991231${String(now % 100_000).padStart(5, '0')}${r.suffix}`);
    await testPrisma().case.createMany({
      data: rows.map((r, i) => ({
        id: ids[i]!, workflowId: ids[i]!, channel: 'web', caseTypeCode: 'complaint', status: r.status, warningLevel: r.warningLevel, title: marker, content: marker,
        handleDueAt: r.handleDueAt, nextDueAt: r.nextDueAt, nextYellowAt: r.nextYellowAt, receivedAt: new Date(now), registeredAt: new Date(now), registeredById: 'user-operator',
      })),
    });
    const found = async (filter: Record<string, unknown>) => {
      const response = await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: marker, ...filter }))}&sort=["id","ASC"]`, as('supervisor'));
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.map((c: { id: string }) => c.id.slice(-1));
    };
    assert.deepEqual(await found({ overdue: true }), ['1', '2', '6', '7']);
    assert.deepEqual(await found({ overdue: false }), ['3', '4', '5', '8']);
    assert.deepEqual(await found({ dueFrom: new Date(now - 3 * day).toISOString(), dueTo: new Date(now).toISOString() }), ['1', '2']);
    assert.deepEqual(await found({ id: [ids[0], ids[2]] }), ['1', '3']);
    const listed = await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: marker }))}&sort=["id","ASC"]`, as('supervisor'));
    const timeLeft = listed.body.map((c: { timeLeft: { clock: string; workingDays: number } | null }) => c.timeLeft && { clock: c.timeLeft.clock, overdue: c.timeLeft.workingDays < 0 });
    const handleLeft = (overdue: boolean) => ({ clock: 'handle', overdue });
    assert.deepEqual(timeLeft, [handleLeft(true), handleLeft(true), handleLeft(false), null, null, handleLeft(false), handleLeft(false), handleLeft(false)]);
    assert.equal((await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ overdue: 'yes' }))}`, as('supervisor'))).status, 400);
    // The lights follow the clock: past a deadline it owes, a case is red before its alarm has
    // turned its row red (1, 6), as the overdue filter found it; a finished case owes none (4);
    // past its yellow point a green case is yellow (8). The light filter is the workflow's level,
    // as its sort is.
    assert.deepEqual(listed.body.map((c: { warningLevel: string }) => c.warningLevel), ['red', 'red', 'yellow', 'green', 'green', 'red', 'red', 'yellow']);
    assert.deepEqual(await found({ warningLevel: ['red'] }), ['2', '7']);
    // The board's second list: rows still green the clock has lit (a deadline or a yellow point passed).
    assert.deepEqual(await found({ warningLevel: ['green'], overdue: true }), ['1', '6']);
    assert.deepEqual(await found({ warningLevel: ['green'], litByClock: true }), ['1', '6', '8']);
    assert.deepEqual(await found({ litByClock: false }), ['3', '4', '5', '7']);
    assert.deepEqual(await found({ warningLevel: ['yellow', 'red'], overdue: true }), ['2', '7']);
    const one = await getJson(`${stack.api.url}/api/cases/${ids[0]}`, as('supervisor'));
    assert.equal(one.body.warningLevel, 'red');
  });

  it('shows a dispatched case red the moment its sign-for deadline passes, before its workflow’s alarm fires', async () => {
    const { caseId } = await register({ citizenPhone: '+8613977778888' });
    assert.equal((await command(caseId, 'dispatch', { leadUnitId: 'donghu', assistUnitIds: [] }, 'dispatcher')).status, 200);
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).status === 'dispatched');
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    assert.ok(row.nextDueAt && row.signForDueAt && row.nextDueAt.getTime() === row.signForDueAt.getTime(), 'the projection owes the sign-for deadline');
    // An API whose clock is a minute past that deadline; the workflow's clock is today's, so its alarm is still ahead.
    const later = await startApi({ temporal: stack.env.connection, taskQueue: stack.h.taskQueue, now: () => new Date(row.nextDueAt!.getTime() + 60_000) });
    try {
      const light = async (url: string) => {
        const listed = await getJson(`${url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: [caseId] }))}`, as('supervisor'));
        const overdue = await getJson(`${url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: [caseId], overdue: true }))}`, as('supervisor'));
        const detail = await getJson(`${url}/api/cases/${caseId}`, as('supervisor'));
        // A view that asks for the light alone (the board) gets it by the clock too: the deadline is read for it.
        const lightAlone = await getJson(`${url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: [caseId] }))}&fields=${encodeURIComponent('["warningLevel"]')}`, as('supervisor'));
        assert.deepEqual(Object.keys(lightAlone.body[0]).sort(), ['id', 'warningLevel']);
        return { listed: listed.body[0].warningLevel, alone: lightAlone.body[0].warningLevel, overdue: overdue.body.length === 1, detail: detail.body.warningLevel };
      };
      assert.deepEqual(await light(later.url), { listed: 'red', alone: 'red', overdue: true, detail: 'red' });
      assert.deepEqual(await light(stack.api.url), { listed: 'green', alone: 'green', overdue: false, detail: 'green' });
    } finally {
      await later.close();
    }
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).warningLevel, 'green', 'the row stays the workflow’s until its alarm fires');
  });

  it('shows a dispatched case yellow the moment its sign-for clock’s yellow point passes, before its workflow’s alarm fires', async () => {
    const { caseId } = await register({ citizenPhone: '+8613977776666' });
    assert.equal((await command(caseId, 'dispatch', { leadUnitId: 'donghu', assistUnitIds: [] }, 'dispatcher')).status, 200);
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).status === 'dispatched');
    const row = await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } });
    // The workflow's own clock says when: the projection carries the sign-for clock's yellow point.
    const state = await stack.env.client.workflow.getHandle(caseId).query(getStateQuery);
    const signFor = state.clocks.find((clock) => clock.key.startsWith('signFor:'))!;
    assert.equal(row.nextYellowAt?.getTime(), signFor.yellowAt);
    assert.ok(signFor.yellowAt < signFor.dueAt, 'a yellow point before the deadline');
    const at = async (instant: number) => {
      const api = await startApi({ temporal: stack.env.connection, taskQueue: stack.h.taskQueue, now: () => new Date(instant) });
      try {
        const listed = await getJson(`${api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: [caseId] }))}`, as('supervisor'));
        const alone = await getJson(`${api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: [caseId] }))}&fields=${encodeURIComponent('["warningLevel"]')}`, as('supervisor'));
        const detail = await getJson(`${api.url}/api/cases/${caseId}`, as('supervisor'));
        return [listed.body[0].warningLevel, alone.body[0].warningLevel, detail.body.warningLevel];
      } finally {
        await api.close();
      }
    };
    assert.deepEqual(await at(signFor.yellowAt - 1), ['green', 'green', 'green']);
    assert.deepEqual(await at(signFor.yellowAt), ['yellow', 'yellow', 'yellow']);
    assert.deepEqual(await at(signFor.dueAt + 1), ['red', 'red', 'red']);
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).warningLevel, 'green', 'the row stays the workflow’s until its alarm fires');
  });

  it('filters by the state of the user’s own unit’s assignment, not its sub-units’', async () => {
    // Letters only: a unit's text search with more than two digits is refused (identityMasking.test.ts).
    const marker = `本单位任务${Date.now().toString(36).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`;
    const signing = await insertProjectedCase(testPrisma(), { status: 'dispatched', title: marker, content: marker });
    const below = await insertProjectedCase(testPrisma(), { status: 'subDispatched', title: marker, content: marker, assignedUnitIds: ['donghu', 'donghu-jiefang'] });
    const at = new Date();
    await testPrisma().caseAssignment.createMany({
      data: [
        { id: `${signing}-A1-0`, caseId: signing, unitId: 'donghu', role: 'lead', status: 'dispatched', dispatchedAt: at },
        { id: `${below}-A1-0`, caseId: below, unitId: 'donghu', role: 'lead', status: 'subDispatched', dispatchedAt: at },
        { id: `${below}-A2-s`, caseId: below, unitId: 'donghu-jiefang', role: 'sub', status: 'dispatched', parentAssignmentId: `${below}-A1-0`, dispatchedAt: at },
      ],
    });
    const found = async (user: string, ownAssignmentStatus: unknown) => {
      const response = await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: marker, ownAssignmentStatus }))}&sort=["id","ASC"]`, as(user));
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.map((c: { id: string }) => c.id);
    };
    assert.deepEqual(await found('donghu', 'dispatched'), [signing], 'the sub-unit’s part is not the district’s to sign for');
    assert.deepEqual(await found('donghu', ['signed', 'subDispatched']), [below]);
    assert.deepEqual(await found('jiefang', ['dispatched']), [below]);
    assert.deepEqual(await found('dispatcher', ['dispatched']), [], 'the hotline office has no assignments');
    assert.equal((await getJson(`${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ ownAssignmentStatus: 'nope' }))}`, as('donghu'))).status, 400);
  });

  it('rejects expired and forged tokens', async () => {
    const expired = jwt.sign({ sub: 'user-dispatcher', username: 'dispatcher', roles: ['dispatcher'], unitId: 'hotline' }, TEST_JWT_SECRET, { issuer: 'hotline12345', audience: 'hotline12345-api', expiresIn: -10 });
    assert.equal((await getJson(`${stack.api.url}/api/cases`, { authorization: `Bearer ${expired}` })).status, 401);
    assert.equal((await getJson(`${stack.api.url}/api/cases`, { authorization: 'Bearer abc.def.ghi' })).status, 401);
  });

  it('lets a citizen look a case up by number and query password or phone digits, with no personal data', async () => {
    const { caseId, queryPassword } = await register({ citizenPhone: '+8613977778888', citizenName: '赵六' });
    await command(caseId, 'dispatch', { leadUnitId: 'donghu', assistUnitIds: [] }, 'dispatcher');
    await waitUntil(async () => (await testPrisma().auditEvent.count({ where: { caseId } })) === 2);
    const lookup = await getJson(`${stack.api.url}/public/cases/${caseId}?check=${queryPassword}`);
    assert.equal(lookup.status, 200);
    assert.equal(lookup.body.handlingUnit, '东湖区');
    assert.deepEqual(lookup.body.timeline.map((t: { step: string }) => t.step), ['registered', 'dispatched']);
    const text = JSON.stringify(lookup.body);
    for (const secret of ['8888', '赵六', 'user-', 'queryPasswordHash']) assert.ok(!text.includes(secret), `no ${secret} in ${text}`);
    assert.equal((await getJson(`${stack.api.url}/public/cases/${caseId}?check=8888`)).status, 200);
    const wrong = await getJson(`${stack.api.url}/public/cases/${caseId}?check=1234`);
    const unknown = await getJson(`${stack.api.url}/public/cases/2026010199999?check=1234`);
    assert.equal(wrong.status, 404);
    assert.deepEqual(wrong.body, unknown.body, 'a wrong check and an unknown case look the same');
    assert.equal((await getJson(`${stack.api.url}/public/cases/${caseId}?check=12`)).status, 400);
  });

  it('rate-limits public lookups per address', async () => {
    const limited = await startApi({ temporal: stack.env.connection, taskQueue: stack.h.taskQueue, publicLookupsPerMinute: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await getJson(`${limited.url}/public/cases/2026010199999?check=1234`)).status);
      assert.deepEqual(statuses, [404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('moves the deadlines of open cases when an admin changes a calendar day, and audits the change', async () => {
    const { caseId } = await register({ citizenPhone: '+8613900002222' });
    await command(caseId, 'dispatch', { leadUnitId: 'donghu', assistUnitIds: [] }, 'dispatcher');
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).signForDueAt !== null);
    const before = (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).signForDueAt!;
    const dueDay = new Date(before.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const put = (body: unknown, user = 'admin', date = dueDay) =>
      fetch(`${stack.api.url}/api/calendar/${date}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...as(user) }, body: JSON.stringify(body) });

    assert.equal((await put({ isWorkingDay: false, reason: 'x' }, 'dispatcher')).status, 403);
    assert.equal((await put({ isWorkingDay: false }, 'admin')).status, 400);
    assert.equal((await put({ isWorkingDay: false, reason: 'x' }, 'admin', '2026-02-30')).status, 400);
    assert.equal((await put({ isWorkingDay: false, reason: 'x' }, 'admin', '2031-01-02')).status, 404);
    const importMissing = await postJson(`${stack.api.url}/api/calendar/import/2031`, {}, as('admin'));
    assert.equal(importMissing.status, 404);

    try {
      const changed = await put({ isWorkingDay: false, name: '市定假日', reason: '市政府临时放假通知' });
      assert.equal(changed.status, 200);
      assert.equal(((await changed.json()) as { rulesBroadcast: { status: string } }).rulesBroadcast.status, 'requested');
      await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).signForDueAt!.getTime() > before.getTime());
      const moved = (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).signForDueAt!;
      assert.ok(moved.getTime() - before.getTime() >= 86_400_000, 'the sign-for deadline moved to a later working day');
      const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'calendarDay', entityId: dueDay }, orderBy: { id: 'desc' } });
      assert.deepEqual([audit.action, audit.actorId, audit.reason], ['calendarDayChanged', 'user-admin', '市政府临时放假通知']);
      const caseAudit = await testPrisma().auditEvent.findFirst({ where: { caseId, action: 'deadlinesRecomputed' } });
      assert.ok(caseAudit, 'the case recorded the recomputation');
    } finally {
      assert.equal((await put({ isWorkingDay: true, reason: '恢复' })).status, 200);
      await testPrisma().calendarDay.update({ where: { date: new Date(dueDay) }, data: { source: 'chineseDays', updatedById: null } });
    }
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).signForDueAt!.getTime() === before.getTime());
  });

  it('serves the reference data the forms pick from', async () => {
    const units = await getJson(`${stack.api.url}/api/units?filter=${encodeURIComponent(JSON.stringify({ parentId: 'donghu' }))}`, as('handler'));
    assert.equal(units.status, 200);
    assert.deepEqual(units.body.map((u: { id: string }) => u.id).sort(), ['donghu-jiefang', 'donghu-qingnian', 'donghu-wenhua']);
    assert.equal(units.headers.get('content-range'), 'units 0-2/3');
    const types = await getJson(`${stack.api.url}/api/case-types`, as('operator'));
    assert.deepEqual(types.body.map((t: { code: string }) => t.code), ['consultation', 'complaint', 'report', 'help', 'suggestion', 'opinion']);
    const categories = await getJson(`${stack.api.url}/api/categories?filter=${encodeURIComponent(JSON.stringify({ parentId: null }))}`, as('operator'));
    assert.ok(categories.body.some((c: { name: string }) => c.name === '城市管理'));
    const policies = await getJson(`${stack.api.url}/api/policies`, as('auditor'));
    assert.ok(policies.body.some((p: { id: string; amount: number }) => p.id === 'handle-report' && p.amount === 30));
    assert.equal((await getJson(`${stack.api.url}/api/units`)).status, 401);
    assert.equal((await getJson(`${stack.api.url}/api/units?filter={"bad":1}`, as('operator'))).status, 400);
    assert.equal((await getJson(`${stack.api.url}/api/units/nope`, as('operator'))).status, 404);
  });
});
