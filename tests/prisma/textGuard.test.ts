// The text guard (prisma/textGuard.ts) against the real PostgreSQL: text that PostgreSQL refuses
// (NUL in text and jsonb, a lone surrogate in jsonb) is cleaned before the query, so a write or
// a lookup a door forgot to clean still succeeds, and the guard says which model it cleaned for
// (`raw` for the raw queries, whose values it cleans too).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../prisma/generated/client';
import { textGuard, type TextGuardReport } from '../../prisma/textGuard';
import { testDatabaseUrl, testPrisma } from '../support/db';

describe('text guard (Prisma, real PostgreSQL)', () => {
  let unguarded: PrismaClient;
  const reports: TextGuardReport[] = [];
  let guarded: PrismaClient;

  before(() => {
    unguarded = new PrismaClient({ adapter: new PrismaPg({ connectionString: testDatabaseUrl(), max: 2 }) });
    guarded = unguarded.$extends(textGuard((report) => reports.push(report))) as unknown as PrismaClient;
  });
  after(async () => unguarded?.$disconnect());

  const webhook = (params: Record<string, string>) => ({ dedupeKey: `text-guard:${randomUUID()}`, kind: 'textGuardTest', sid: 'SMtest', params });

  it('PostgreSQL itself refuses a NUL in a where clause and in jsonb, and a lone surrogate in jsonb', async () => {
    await assert.rejects(unguarded.case.findMany({ where: { title: 't\u0000x' } }));
    await assert.rejects(unguarded.telephonyWebhook.create({ data: webhook({ Body: 'a\u0000b' }) }));
    await assert.rejects(unguarded.telephonyWebhook.create({ data: webhook({ Body: 'a\ud800b' }) }));
  });

  it('answers a lookup with a NUL in its where clause', async () => {
    // A title no other suite writes: the guard looks up the cleaned text, which may exist.
    const unique = randomUUID();
    assert.deepEqual(await testPrisma().case.findMany({ where: { title: `${unique}\u0000` } }), []);
    assert.equal(await testPrisma().smsMessage.count({ where: { body: { contains: 'no such text\u0000' } } }), 0);
  });

  it('writes jsonb holding a NUL and a lone surrogate, cleaned, and reports the model and operation', async () => {
    reports.length = 0;
    const data = webhook({ Body: '路灯\u0000不亮', From: '\ud800+86139', 'Key\u0000': 'v' });
    await guarded.telephonyWebhook.create({ data });
    const row = await testPrisma().telephonyWebhook.findUniqueOrThrow({ where: { dedupeKey: data.dedupeKey } });
    assert.deepEqual(row.params, { Body: '路灯不亮', From: '\ufffd+86139', Key: 'v' });
    assert.deepEqual(reports, [{ model: 'TelephonyWebhook', operation: 'create' }]);
  });

  it('cleans the values of raw queries, in and out of transactions, and leaves their SQL as written', async () => {
    await assert.rejects(unguarded.$queryRaw`SELECT ${'a\u0000b'}::text AS t`);
    reports.length = 0;
    assert.deepEqual(await guarded.$queryRaw<{ t: string }[]>`SELECT (${{ body: 'x\ud800' }}::jsonb) ->> 'body' AS t`, [{ t: 'x\ufffd' }]);
    assert.deepEqual(await guarded.$queryRaw<{ t: string }[]>`SELECT ${'路灯\u0000不亮'}::text AS t`, [{ t: '路灯不亮' }]);
    assert.deepEqual(await guarded.$queryRawUnsafe<{ t: string; u: string }[]>('SELECT $1::text AS t, $2::text AS u', 'x\u0000', 'y'), [{ t: 'x', u: 'y' }]);
    assert.equal(await guarded.$executeRawUnsafe('SELECT $1::text', '\u0000'), 1);
    const inTransaction = await guarded.$transaction((tx) => tx.$queryRaw<{ t: string }[]>`SELECT ${'e\u0000f'}::text AS t`);
    assert.deepEqual(inTransaction, [{ t: 'ef' }]);
    assert.deepEqual(
      reports.map((r) => `${r.model} ${r.operation}`),
      ['raw $queryRaw', 'raw $queryRaw', 'raw $queryRawUnsafe', 'raw $executeRawUnsafe', 'raw $queryRaw'],
    );
  });

  it('leaves clean queries alone and reports nothing for them', async () => {
    reports.length = 0;
    const data = webhook({ Body: '路灯😀不亮\n第二行\t制表' });
    await guarded.telephonyWebhook.create({ data });
    const row = await guarded.telephonyWebhook.findUniqueOrThrow({ where: { dedupeKey: data.dedupeKey } });
    assert.deepEqual(row.params, data.params);
    assert.deepEqual(await guarded.$queryRaw<{ t: string }[]>`SELECT ${'路灯😀不亮'}::text AS t`, [{ t: '路灯😀不亮' }]);
    assert.deepEqual(reports, []);
  });
});
