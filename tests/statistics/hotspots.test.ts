// Hot spots: a category spiking in one month against a flat 6-month baseline is flagged, a
// noisy one is not; places merge the forms an address is typed in; grid cells from lat/long;
// the thresholds are rule settings.
import assert from 'node:assert/strict';
import { scoreSpike } from '../../statistics/hotspots';
import { placeKey } from '../../statistics/placeKeys';
import { AdminApiClient } from '../support/adminApi';
import { testPrisma } from '../support/db';
import { startApi, type RunningApi } from '../support/http';
import { casesInMonth, insertFixtureCases, type FixtureCase } from './fixtures';

const BASELINE = ['2019-01', '2019-02', '2019-03', '2019-04', '2019-05', '2019-06'];
const MONTH = '2019-07';
const SPIKING = 'cat-environment.noise';
const NOISY = 'cat-housing.property';
const SMALL = 'cat-market.prices';
const DEFAULTS = { sigmaFactor: 2, minCount: 5 };

describe('statistics: hot spots', () => {
  describe('scoring one series', () => {
    it('flags a spike over a flat baseline and not a rise within the noise', () => {
      assert.equal(scoreSpike(20, [5, 5, 5, 5, 5, 5], DEFAULTS).flagged, true);
      // A flat baseline has sd 0; the √mean floor keeps 8 after six 5s an ordinary month.
      assert.equal(scoreSpike(8, [5, 5, 5, 5, 5, 5], DEFAULTS).flagged, false);
      assert.equal(scoreSpike(16, [2, 14, 3, 15, 2, 14], DEFAULTS).flagged, false);
      assert.equal(scoreSpike(4, [0, 0, 0, 0, 0, 0], DEFAULTS).flagged, false, 'below the minimum count');
    });

    it('reports mean, sample sd, ratio and z', () => {
      const score = scoreSpike(20, [4, 6, 4, 6, 4, 6], DEFAULTS);
      assert.equal(score.baselineMean, 5);
      assert.ok(Math.abs(score.baselineSd - Math.sqrt(6 / 5)) < 1e-9);
      assert.equal(score.ratio, 4);
      assert.ok(Math.abs(score.zScore - 15 / Math.sqrt(5)) < 1e-9, 'spread floored at √mean');
      assert.equal(scoreSpike(5, [0, 0, 0], DEFAULTS).ratio, null);
    });
  });

  describe('place keys', () => {
    it('reduces an address to district plus community, street office or road', () => {
      assert.equal(placeKey('东湖区解放路与文化路交叉口'), '东湖区解放路');
      assert.equal(placeKey('示范市东湖区 解放路 １２号'), '东湖区解放路');
      assert.equal(placeKey('东湖区解放路街道和平社区3号楼'), '东湖区和平社区');
      assert.equal(placeKey('西山区幸福小区5栋2单元'), '西山区幸福小区');
      assert.equal(placeKey('高新区舜华路街道'), '高新区舜华路街道');
      assert.equal(placeKey(''), null);
    });
  });

  describe('GET /api/statistics/hotspots', () => {
    let server: RunningApi;
    let api: AdminApiClient;
    let ids: string[] = [];

    before(async () => {
      const cases: FixtureCase[] = [];
      const spikePlace = { categoryId: 'cat-urban.garbage', latitude: 36.6512, longitude: 117.0123 };
      const noisyCounts = [2, 14, 3, 15, 2, 14];
      BASELINE.forEach((month, i) => {
        cases.push(...casesInMonth(month, 5, { categoryId: SPIKING }));
        cases.push(...casesInMonth(month, noisyCounts[i]!, { categoryId: NOISY }));
        cases.push(...casesInMonth(month, 1, { ...spikePlace, address: '东湖区解放路12号' }));
      });
      cases.push(...casesInMonth(MONTH, 20, { categoryId: SPIKING }));
      cases.push(...casesInMonth(MONTH, 16, { categoryId: NOISY }));
      cases.push(...casesInMonth(MONTH, 4, { categoryId: SMALL }));
      // One place typed two ways: both count for 东湖区解放路.
      cases.push(...casesInMonth(MONTH, 5, { ...spikePlace, address: '东湖区解放路12号' }));
      cases.push(...casesInMonth(MONTH, 4, { ...spikePlace, address: '东湖区解放路与文化路交叉口' }));
      ids = await insertFixtureCases(testPrisma(), cases);
      server = await startApi();
      api = new AdminApiClient(server.url);
      await api.login('supervisor', 'admin', 'handler', 'operator');
    });

    after(async () => {
      await testPrisma().case.deleteMany({ where: { id: { in: ids } } });
      await server?.close();
    });

    const rowOf = (body: any, key: string) => body.rows.find((row: any) => row.key === key);

    it('flags the category that spiked, not the noisy one nor the small one', async () => {
      const response = await api.get(`/api/statistics/hotspots?month=${MONTH}&by=category`, 'supervisor');
      assert.equal(response.status, 200);
      assert.deepEqual(response.body.baselineMonths, BASELINE);
      const spiking = rowOf(response.body, SPIKING);
      assert.deepEqual({ current: spiking.current, baseline: spiking.baseline, mean: spiking.baselineMean, sd: spiking.baselineSd, ratio: spiking.ratio, flagged: spiking.flagged }, { current: 20, baseline: [5, 5, 5, 5, 5, 5], mean: 5, sd: 0, ratio: 4, flagged: true });
      assert.equal(spiking.name, '噪声污染');
      assert.equal(rowOf(response.body, NOISY).flagged, false);
      assert.deepEqual(rowOf(response.body, NOISY).baseline, [2, 14, 3, 15, 2, 14]);
      assert.equal(rowOf(response.body, SMALL).flagged, false);
      const flags = response.body.rows.map((row: any) => row.flagged);
      assert.deepEqual(flags, [...flags].sort((a, b) => Number(b) - Number(a)), 'flagged rows first');
    });

    it('flags the place, merging the forms of its address, and its grid cell', async () => {
      const response = await api.get(`/api/statistics/hotspots?month=${MONTH}&by=place`, 'supervisor');
      assert.equal(response.status, 200);
      const place = rowOf(response.body, 'place:东湖区解放路');
      assert.deepEqual({ current: place.current, baseline: place.baseline, flagged: place.flagged, kind: place.kind }, { current: 9, baseline: [1, 1, 1, 1, 1, 1], flagged: true, kind: 'address' });
      const cell = response.body.rows.find((row: any) => row.kind === 'grid' && row.current === 9);
      assert.ok(cell, 'the grid cell of 36.6512, 117.0123');
      assert.equal(cell.key, 'grid:0.01:3665:11701');
      assert.equal(cell.flagged, true);
    });

    it('follows the rule setting: a higher minimum count unflags the spike', async () => {
      const path = '/api/rule-settings/hotspots.detection';
      const original = (await api.get(path, 'admin')).body.value;
      try {
        const put = await api.put(path, { value: { ...original, minCount: 25 }, reason: 'test' }, 'admin');
        assert.equal(put.status, 200);
        const response = await api.get(`/api/statistics/hotspots?month=${MONTH}&by=category`, 'supervisor');
        assert.equal(response.body.settings.minCount, 25);
        assert.equal(rowOf(response.body, SPIKING).flagged, false);
      } finally {
        await api.put(path, { value: original, reason: 'test restore' }, 'admin');
      }
    });

    it('refuses settings outside their schema', async () => {
      const response = await api.put('/api/rule-settings/hotspots.detection', { value: { baselineMonths: 1, sigmaFactor: 2, minCount: 5, gridDegrees: 0.01 }, reason: 'test' }, 'admin');
      assert.equal(response.status, 400);
    });

    it('answers 400 with the field for a bad month or dimension', async () => {
      const badMonth = await api.get('/api/statistics/hotspots?month=2019-13', 'supervisor');
      assert.equal(badMonth.status, 400);
      assert.ok(badMonth.body.error.fields.month);
      const badBy = await api.get(`/api/statistics/hotspots?month=${MONTH}&by=street`, 'supervisor');
      assert.equal(badBy.status, 400);
      assert.ok(badBy.body.error.fields.by);
    });
  });
});
