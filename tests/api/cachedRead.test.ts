// The read behind the API's database gauges (api/metrics/cachedRead.ts): however many scrapes ask,
// the database is read at most once per period and never twice at once.
import assert from 'node:assert/strict';
import { cachedRead } from '../../api/metrics/cachedRead';

describe('cached read of the metrics\' database figures', () => {
  it('serves every scrape of a period from one read, and reads again after it', async () => {
    let clock = 0;
    let reads = 0;
    const read = cachedRead(async () => ++reads, { cacheMs: 5_000, timeoutMs: 1_000, now: () => clock });
    assert.deepEqual(await Promise.all(Array.from({ length: 20 }, () => read())), Array(20).fill(1));
    clock = 4_999;
    assert.equal(await read(), 1);
    clock = 5_000;
    assert.equal(await read(), 2);
    assert.equal(reads, 2);
  });

  it('fails a read that hangs without starting another beside it, and keeps a failure for the period', async () => {
    let clock = 0;
    let reads = 0;
    let finish: (value: number) => void = () => {};
    const errors: unknown[] = [];
    // The first read hangs until finish() is called; later ones answer at once.
    const read = cachedRead(
      () => {
        reads += 1;
        return reads === 1 ? new Promise<number>((resolve) => (finish = resolve)) : Promise.resolve(reads);
      },
      { cacheMs: 1_000, timeoutMs: 50, now: () => clock, onError: (error) => errors.push(error) },
    );
    await assert.rejects(read(), /more than 50 ms/);
    await assert.rejects(read(), /more than 50 ms/, 'the failure serves the period');
    clock = 1_000;
    await assert.rejects(read(), /more than 50 ms/, 'the hanging read is still the one in flight');
    assert.equal(reads, 1);
    assert.equal(errors.length, 2, 'told once per failed read, not per scrape');
    finish(7);
    await new Promise((resolve) => setImmediate(resolve));
    clock = 2_000;
    assert.equal(await read(), 2, 'once the hanging read ended, the next period reads again');
  });
});
