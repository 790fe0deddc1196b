import assert from 'node:assert/strict';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createDevServerEnv } from '../support/temporal';
import { getJson, startApi } from '../support/http';

describe('GET /healthz', () => {
  let temporal: TestWorkflowEnvironment;

  before(async () => {
    temporal = await createDevServerEnv();
  });

  after(async () => {
    await temporal?.teardown();
  });

  it('is 200 with PostgreSQL, Temporal and calendar coverage when all are fine', async () => {
    const api = await startApi({ temporal: temporal.connection, now: () => new Date('2026-11-23T02:00:00Z') });
    try {
      const { status, body, headers } = await getJson(`${api.url}/healthz`);
      assert.equal(status, 200);
      assert.equal(body.status, 'ok');
      assert.equal(body.checks.postgres.ok, true);
      assert.equal(body.checks.temporal.ok, true);
      assert.equal(body.checks.temporal.namespace, 'default');
      assert.equal(body.checks.calendar.ok, true);
      assert.equal(body.checks.calendar.coveredThrough, '2026');
      assert.deepEqual(body.checks.calendar.missingYears, [], 'no gap between the covered years');
      assert.match(body.checks.calendar.warning.message, /ends on 2026-12-31/, 'warns that 2027 is not in the calendar yet');
      assert.deepEqual([body.checks.calendar.warning.code, body.checks.calendar.warning.year], ['calendarEndsThisYear', 2027]);
      assert.equal(headers.get('cache-control'), 'no-store');
    } finally {
      await api.close();
    }
  });

  it('is 503 naming Temporal when the Temporal server cannot be reached', async () => {
    const { Connection } = await import('@temporalio/client');
    const unreachable = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 });
    const api = await startApi({ temporal: unreachable, now: () => new Date('2026-11-23T02:00:00Z') });
    try {
      const { status, body } = await getJson(`${api.url}/healthz`);
      assert.equal(status, 503);
      assert.equal(body.status, 'degraded');
      assert.equal(body.checks.temporal.ok, false);
      assert.ok(body.checks.temporal.error);
      assert.equal(body.checks.postgres.ok, true);
    } finally {
      await api.close();
    }
  });

  it('is 503 when the calendar does not cover the current year', async () => {
    const api = await startApi({ temporal: temporal.connection, now: () => new Date('2028-03-01T02:00:00Z') });
    try {
      const { status, body } = await getJson(`${api.url}/healthz`);
      assert.equal(status, 503);
      assert.equal(body.checks.calendar.ok, false);
      assert.match(body.checks.calendar.warning.message, /does not cover 2028/);
      assert.deepEqual([body.checks.calendar.warning.code, body.checks.calendar.warning.year], ['calendarMissingYear', 2028]);
    } finally {
      await api.close();
    }
  });
});
