// Repeat complaints: one citizen whatever form each case kept the number in; the same place and
// category; only N cases within the window count; numbers never shown in full.
import assert from 'node:assert/strict';
import { CITIZEN_KEY_SQL, citizenKey, densestWindow } from '../../statistics/repeatComplaints';
import { phoneForms } from '../../lib/phoneNumbers';
import { DAY_MS } from '../../rules/shanghaiTime';
import { AdminApiClient } from '../support/adminApi';
import { testPrisma } from '../support/db';
import { startApi, type RunningApi } from '../support/http';
import { insertFixtureCases } from './fixtures';

describe('statistics: repeat complaints', () => {
  const NUMBERS = ['13912340001', '0531-88881234', '+8613912340002', '010 6512 3456'];

  it('gives every form of one number the same citizen key, in Node and in PostgreSQL', async () => {
    const forms = ['13912340001', '+8613912340001', '+86 139-1234-0001', '8613912340001', '0086 13912340001'];
    assert.deepEqual(new Set(forms.map(citizenKey)), new Set(['13912340001']));
    for (const number of NUMBERS) {
      const expected = citizenKey(number);
      const sqlKeys = await Promise.all(phoneForms(number).map(async (form) => {
        const [row] = await testPrisma().$queryRawUnsafe<{ key: string }[]>(`SELECT ${CITIZEN_KEY_SQL} AS key FROM (VALUES ($1::text)) AS v("citizenPhone")`, form);
        return row!.key;
      }));
      assert.deepEqual(new Set(phoneForms(number).map(citizenKey)), new Set([expected]), `every form of ${number} in Node`);
      assert.deepEqual(new Set(sqlKeys), new Set([expected]), `every form of ${number} in SQL`);
    }
    assert.equal(citizenKey('+8653188881234'), '053188881234');
    assert.notEqual(citizenKey('13912340001'), citizenKey('13912340002'));
  });

  it('finds the densest window', () => {
    const day = (n: number) => n * DAY_MS;
    assert.deepEqual(densestWindow([day(0), day(20), day(55), day(60), day(70)], 30 * DAY_MS), { count: 3, start: day(55), end: day(70) });
    assert.equal(densestWindow([day(0), day(30), day(60)], 30 * DAY_MS).count, 1, 'exactly W days apart is outside the window');
    assert.equal(densestWindow([], 30 * DAY_MS).count, 0);
  });

  describe('GET /api/statistics/repeat-complaints', () => {
    let server: RunningApi;
    let api: AdminApiClient;
    let ids: string[] = [];

    before(async () => {
      ids = await insertFixtureCases(testPrisma(), [
        // One citizen, three forms of the number, within 30 days: a group.
        { receivedAt: '2018-03-02', citizenPhone: '13912340001', address: '南城区甲路1号', categoryId: 'cat-urban.garbage', title: '垃圾清运不及时' },
        { receivedAt: '2018-03-10', citizenPhone: '+8613912340001', address: '北关区乙路2号', categoryId: 'cat-market.prices', title: '菜价异常' },
        { receivedAt: '2018-03-25', citizenPhone: '8613912340001', address: '西山区丙路3号', categoryId: 'cat-environment.air', title: '工地扬尘' },
        // Another citizen twice: below the minimum of 3.
        { receivedAt: '2018-03-03', citizenPhone: '13912340002' },
        { receivedAt: '2018-03-04', citizenPhone: '+8613912340002' },
        // A third citizen three times, but never three within 30 days.
        { receivedAt: '2018-01-01', citizenPhone: '13912340003' },
        { receivedAt: '2018-02-15', citizenPhone: '13912340003' },
        { receivedAt: '2018-03-31', citizenPhone: '13912340003' },
        // Three citizens, one place and category: a place group.
        { receivedAt: '2018-03-05', citizenPhone: '13912340011', address: '西山区幸福小区5栋', categoryId: 'cat-housing.property' },
        { receivedAt: '2018-03-06', citizenPhone: '13912340012', address: '西山区幸福小区8栋2单元', categoryId: 'cat-housing.property' },
        { receivedAt: '2018-03-07', citizenPhone: '13912340013', address: '西山区幸福小区', categoryId: 'cat-housing.property' },
        // Same place, another category: not part of it.
        { receivedAt: '2018-03-08', citizenPhone: '13912340014', address: '西山区幸福小区', categoryId: 'cat-environment.noise' },
      ]);
      server = await startApi();
      api = new AdminApiClient(server.url);
      await api.login('dispatcher', 'auditor');
    });

    after(async () => {
      await testPrisma().case.deleteMany({ where: { id: { in: ids } } });
      await server?.close();
    });

    it('groups one citizen across number forms, and one place and category', async () => {
      const response = await api.get('/api/statistics/repeat-complaints?from=2018-01-01&to=2018-03-31', 'dispatcher');
      assert.equal(response.status, 200);
      assert.deepEqual(response.body.settings, { minCases: 3, windowDays: 30 });
      const summary = response.body.groups.map((group: any) => ({ kind: group.kind, label: group.label, caseCount: group.caseCount, maxInWindow: group.maxInWindow, cases: group.cases.map((c: any) => c.id) }));
      assert.deepEqual(summary, [
        { kind: 'citizen', label: '139****0001', caseCount: 3, maxInWindow: 3, cases: ids.slice(0, 3) },
        { kind: 'placeCategory', label: '西山区幸福小区 · 物业管理', caseCount: 3, maxInWindow: 3, cases: ids.slice(8, 11) },
      ]);
      assert.equal(response.body.groups[0].groupId, 'citizen-1');
    });

    it('never shows a citizen’s number or name in full', async () => {
      const response = await api.get('/api/statistics/repeat-complaints?from=2018-01-01&to=2018-03-31', 'auditor');
      const text = JSON.stringify(response.body);
      assert.doesNotMatch(text, /139123400\d\d/);
      assert.doesNotMatch(text, /王小明/);
      assert.equal(response.body.groups[0].cases[1].citizenPhone, '+86139****0001');
      assert.equal(response.body.groups[0].cases[1].citizenName, '王**');
    });

    it('lists only the densest groups when asked, counting them all', async () => {
      const response = await api.get('/api/statistics/repeat-complaints?from=2018-01-01&to=2018-03-31&limit=1', 'dispatcher');
      assert.equal(response.body.totalGroups, 2);
      assert.deepEqual(response.body.groups.map((group: any) => group.groupId), ['citizen-1']);
    });

    it('counts only the period asked', async () => {
      const response = await api.get('/api/statistics/repeat-complaints?from=2018-03-05&to=2018-03-31', 'dispatcher');
      assert.deepEqual(response.body.groups.map((group: any) => group.kind), ['placeCategory']);
    });

    it('answers 400 for a reversed or too long range', async () => {
      const reversed = await api.get('/api/statistics/repeat-complaints?from=2018-03-31&to=2018-03-01', 'dispatcher');
      assert.equal(reversed.status, 400);
      assert.equal(reversed.body.error.fields.to, 'not before from');
      const tooLong = await api.get('/api/statistics/repeat-complaints?from=2017-01-01&to=2018-03-01', 'dispatcher');
      assert.equal(tooLong.status, 400);
      const missing = await api.get('/api/statistics/repeat-complaints?from=2018-03-01', 'dispatcher');
      assert.equal(missing.status, 400);
      assert.ok(missing.body.error.fields.to);
    });
  });
});
