// Audit checkpoints (docs/security.md, "Anchored audit trail"): chain heads signed with a key the
// database never sees and kept outside it. Someone with the owner's or a superuser's rights can
// rewrite a row and recompute its chain so that the chain verification alone finds nothing;
// `audit:verify` with the checkpoints catches it, and a forged or removed checkpoint line too.
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChainReport } from '../../api/audit/verificationReport';
import { createLogger } from '../../config/logger';
import { takeCheckpointOnce } from '../../lib/auditCheckpoints/schedule';
import type { CheckpointReport } from '../../lib/auditCheckpoints/check';
import { behindTheTriggers, runVerifyCommand } from '../support/auditChains';
import { testPrisma } from '../support/db';

type Report = ChainReport & { checkpoints: CheckpointReport | null };

function newKey() {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, configured: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'), publicBase64: createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64') };
}

async function chainOfThree(): Promise<string> {
  const entityId = randomUUID();
  for (let n = 1; n <= 3; n += 1) {
    await testPrisma().auditEvent.create({ data: { idempotencyKey: `checkpointTest:${randomUUID()}`, entityType: 'checkpointTest', entityId, action: `step${n}`, payload: { n }, occurredAt: new Date() } });
  }
  return `checkpointTest:${entityId}`;
}

/** What an intruder with the owner's rights does: change row 2 and recompute the chain after it. */
async function rewriteAndRecompute(chainKey: string): Promise<void> {
  const key = chainKey.replace(/'/g, "''");
  await behindTheTriggers(`
    DO $$
    DECLARE r "AuditEvent"; prev text;
    BEGIN
      UPDATE "AuditEvent" SET payload = '{"n": 999}' WHERE "chainKey" = '${key}' AND "chainSeq" = 2;
      SELECT hash INTO prev FROM "AuditEvent" WHERE "chainKey" = '${key}' AND "chainSeq" = 1;
      FOR r IN SELECT * FROM "AuditEvent" WHERE "chainKey" = '${key}' AND "chainSeq" >= 2 ORDER BY "chainSeq" LOOP
        r."prevHash" := prev;
        r.hash := audit_event_hash(r);
        UPDATE "AuditEvent" SET "prevHash" = r."prevHash", hash = r.hash WHERE id = r.id;
        prev := r.hash;
      END LOOP;
      UPDATE "AuditChainHead" SET hash = prev WHERE "chainKey" = '${key}';
    END $$`);
}

describe('audit checkpoints: chain heads anchored outside the database', () => {
  const log = createLogger('test', 'silent');
  let dir: string;
  let file: string;
  const key = newKey();
  const env = () => ({ AUDIT_CHECKPOINT_KEY: key.configured, AUDIT_CHECKPOINT_FILE: file });

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'checkpoints-'));
    file = path.join(dir, 'audit-checkpoints.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('catches a chain recomputed after an edit, which the chain verification alone accepts', async function () {
    this.timeout(60_000);
    const chainKey = await chainOfThree();
    const taken = await takeCheckpointOnce(testPrisma(), { file, key: key.privateKey, log });
    assert.ok(taken?.checkpoint.heads.some(([k, seq]) => k === chainKey && seq === 3), 'the chain is anchored at its third row');

    const before = await runVerifyCommand<Report>(['--chain', chainKey], env());
    assert.equal(before.code, 0, before.stderr);
    assert.equal(before.report.checkpoints?.ok, true);
    assert.equal(before.report.checkpoints?.anchoredChains, 1);

    await rewriteAndRecompute(chainKey);
    const after = await runVerifyCommand<Report>(['--chain', chainKey], env());
    assert.equal(after.report.ok, true, 'the recomputed chain is consistent in itself');
    assert.equal(after.code, 1);
    assert.equal(after.report.checkpoints?.ok, false);
    assert.deepEqual(after.report.checkpoints?.problems.map((p) => [p.kind, p.chainKey, p.chainSeq, p.expected]), [['hashMismatch', chainKey, 3, taken!.checkpoint.heads.find(([k]) => k === chainKey)![2]]]);
  });

  it('anchors only the chains that moved since the previous checkpoint, linked line to line', async () => {
    const first = await chainOfThree();
    await takeCheckpointOnce(testPrisma(), { file, key: key.privateKey, log });
    const second = await chainOfThree();
    const next = await takeCheckpointOnce(testPrisma(), { file, key: key.privateKey, log });
    const chains = next!.checkpoint.heads.map(([k]) => k);
    assert.ok(chains.includes(second));
    assert.equal(next!.checkpoint.n, 2);
    assert.ok(next!.checkpoint.prev);
    assert.ok(!chains.includes(first) || next!.checkpoint.since !== null, 'a later checkpoint looks back only from the previous one');
    const run = await runVerifyCommand<Report>(['--chain', second], env());
    assert.equal(run.code, 0, run.stderr);
  });

  it('refuses a forged line, a removed line, and a key it does not know; accepts an earlier key listed by its public half', async () => {
    const chainKey = await chainOfThree();
    await takeCheckpointOnce(testPrisma(), { file, key: key.privateKey, log });
    await testPrisma().auditEvent.create({ data: { idempotencyKey: `checkpointTest:${randomUUID()}`, entityType: 'checkpointTest', entityId: chainKey.split(':')[1]!, action: 'step4', payload: { n: 4 }, occurredAt: new Date() } });
    await takeCheckpointOnce(testPrisma(), { file, key: key.privateKey, log });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 2);

    // Forged: the heads changed after signing.
    const forged = JSON.parse(lines[1]!);
    forged.heads = forged.heads.map(([k, seq]: [string, number, string]) => [k, seq, 'f'.repeat(64)]);
    writeFileSync(file, `${lines[0]}\n${JSON.stringify(forged)}\n`);
    const forgedRun = await runVerifyCommand<Report>(['--chain', chainKey], env());
    assert.equal(forgedRun.code, 1);
    assert.ok(forgedRun.report.checkpoints?.problems.some((p) => p.kind === 'signature' && p.line === 2));

    // Removed: the first line gone, the second no longer follows.
    writeFileSync(file, `${lines[1]}\n`);
    const removedRun = await runVerifyCommand<Report>(['--chain', chainKey], env());
    assert.equal(removedRun.code, 1);
    assert.ok(removedRun.report.checkpoints?.problems.some((p) => p.kind === 'order' && p.line === 1));

    // Rotation: a new signing key; the old lines verify with the old public key listed, not without.
    writeFileSync(file, `${lines.join('\n')}\n`);
    const rotated = newKey();
    const unknown = await runVerifyCommand<Report>(['--chain', chainKey], { AUDIT_CHECKPOINT_KEY: rotated.configured, AUDIT_CHECKPOINT_FILE: file });
    assert.equal(unknown.code, 1);
    assert.ok(unknown.report.checkpoints?.problems.every((p) => p.kind === 'signature'));
    const listed = await runVerifyCommand<Report>(['--chain', chainKey], { AUDIT_CHECKPOINT_KEY: rotated.configured, AUDIT_CHECKPOINT_PUBLIC_KEYS: key.publicBase64, AUDIT_CHECKPOINT_FILE: file });
    assert.equal(listed.code, 0, listed.stderr);
  });
});
