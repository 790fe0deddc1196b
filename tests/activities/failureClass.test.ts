// Failures are classified from the errors the real database and driver raise, not hand-made ones.
import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/activity';
import { PrismaPg } from '@prisma/adapter-pg';
import { briefMessageOf, classifyFailure, failureCodeOf, PERMANENT_FAILURE, withFailureClasses } from '../../activities/failureClass';
import { PrismaClient } from '../../prisma/generated/client';
import { testPrisma } from '../support/db';

async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
}

describe('activity failure classes', () => {
  it('calls a unique violation, a division by zero and a NUL byte permanent, with the database’s words', async () => {
    const unique = await errorOf(() => testPrisma().ruleSetting.create({ data: { key: 'duplicate.windowDays', value: 1, description: 'x' } }));
    assert.equal(classifyFailure(unique), 'permanent');
    assert.equal(failureCodeOf(unique), '23505', 'the SQLSTATE when the database gave one');

    const check = await errorOf(() => testPrisma().$executeRawUnsafe(`SELECT 1 / 0`));
    assert.equal(classifyFailure(check), 'permanent', 'division by zero (22012)');
    assert.equal(failureCodeOf(check), '22012');

    const raw = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
    try {
      const nul = await errorOf(() => raw.ruleSetting.findUnique({ where: { key: 'a\u0000b' } }));
      assert.equal(classifyFailure(nul), 'permanent');
      assert.equal(failureCodeOf(nul), '22021');
      assert.match(briefMessageOf(nul), /invalid byte sequence/);
    } finally {
      await raw.$disconnect();
    }
  });

  it('calls an unreachable database transient', async () => {
    const closed = new PrismaClient({ adapter: new PrismaPg({ connectionString: 'postgresql://hotline@127.0.0.1:1/none', connectionTimeoutMillis: 1000 }) });
    try {
      const refused = await errorOf(() => closed.ruleSetting.findMany());
      assert.equal(classifyFailure(refused), 'transient', String(refused));
    } finally {
      await closed.$disconnect();
    }
  });

  it('turns a permanent failure into a non-retryable ApplicationFailure and lets a transient one through', async () => {
    const activities = withFailureClasses({
      async refused() {
        await testPrisma().$executeRawUnsafe(`SELECT 1 / 0`);
      },
      async unreachable() {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
      },
      async bug() {
        return (undefined as unknown as { x: number }).x;
      },
    });
    const refused = await errorOf(() => activities.refused());
    assert.ok(refused instanceof ApplicationFailure && refused.nonRetryable && refused.type === PERMANENT_FAILURE);
    assert.match(refused.message, /^22012: /);
    const unreachable = await errorOf(() => activities.unreachable());
    assert.ok(!(unreachable instanceof ApplicationFailure), 'retried by Temporal as it is');
    const bug = await errorOf(() => activities.bug());
    assert.ok(bug instanceof ApplicationFailure && bug.nonRetryable, 'a TypeError of ours does not go away by retrying');
  });
});
