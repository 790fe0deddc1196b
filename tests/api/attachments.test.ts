// /api/cases/:id/attachments and /api/attachments over real HTTP, into a disk store of the
// test's own, against cases in the projection (and, for results citing uploads, real workflows).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { DiskStore } from '../../storage/diskStore';
import { insertProjectedCase } from '../support/cases';
import { testPrisma } from '../support/db';
import { getJson, postJson, startApi, type RunningApi } from '../support/http';
import { PetitionHarness, waitUntil } from '../support/petitions';
import { createDevServerEnv } from '../support/temporal';
import { noiseWav } from '../support/wavFiles';

const MAX_BYTES = 256 * 1024;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// Files whose first bytes are what file-type recognises; the rest is noise.
const jpeg = (size = 20_000) => Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), randomBytes(size - 22), Buffer.from('ffd9', 'hex')]);
const pdf = (size = 5_000) => Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(size - 15)]);
const windowsExecutable = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), randomBytes(4000)]);
interface FilePart {
  name: string;
  bytes: Buffer;
  /** What the client claims; the server ignores it. */
  type?: string;
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort();
}

/** Logs the seeded demo users in and uploads, lists and downloads as one of them. */
function apiClient(api: () => RunningApi) {
  const tokens: Record<string, string> = {};
  const as = (user: string): Record<string, string> => (tokens[user] ? { authorization: `Bearer ${tokens[user]}` } : {});
  return {
    as,
    async login(...users: string[]) {
      for (const user of users) tokens[user] = (await postJson(`${api().url}/auth/login`, { username: user, password: DEMO_PASSWORD })).body.accessToken;
    },
    async upload(route: string, user: string | null, files: FilePart[], fields: Record<string, string> = {}) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      for (const file of files) form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
      const response = await fetch(`${api().url}${route}`, { method: 'POST', headers: user ? as(user) : {}, body: form });
      return { status: response.status, body: (await response.json().catch(() => null)) as any };
    },
    async download(id: string, user: string, headers: Record<string, string> = {}, query = '') {
      const response = await fetch(`${api().url}/api/attachments/${id}/content${query}`, { headers: { ...as(user), ...headers } });
      return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    },
    remove(id: string, user: string, body: unknown = {}) {
      return fetch(`${api().url}/api/attachments/${id}`, { method: 'DELETE', headers: { 'content-type': 'application/json', ...as(user) }, body: JSON.stringify(body) });
    },
  };
}

describe('/api/…/attachments', () => {
  let api: RunningApi;
  let storeDir: string;
  let store: DiskStore;
  const client = apiClient(() => api);
  const { as, upload, download, remove } = client;

  before(async () => {
    storeDir = await mkdtemp(path.join(os.tmpdir(), 'attachments-api-'));
    store = new DiskStore(storeDir);
    api = await startApi({ attachmentStore: store, attachmentMaxBytes: MAX_BYTES });
    await client.login('operator', 'dispatcher', 'donghu', 'jiefang', 'handler', 'auditor', 'admin');
  });

  after(async () => {
    await api?.close();
    await rm(storeDir, { recursive: true, force: true });
  });

  /** Nothing more on disk, and no more rows, than before `action`. */
  async function assertLeavesNothing(action: () => Promise<void>) {
    const [filesBefore, rowsBefore] = await Promise.all([filesUnder(storeDir), testPrisma().attachment.count()]);
    await action();
    assert.deepEqual(await filesUnder(storeDir), filesBefore, 'no bytes stored');
    assert.equal(await testPrisma().attachment.count(), rowsBefore, 'no rows written');
    assert.deepEqual(await readdir(store.incomingDir).catch(() => []), [], 'no temporary files');
  }

  it('refuses requests without a token', async () => {
    const caseId = await insertProjectedCase(testPrisma());
    assert.equal((await getJson(`${api.url}/api/cases/${caseId}/attachments`)).status, 401);
    assert.equal((await upload(`/api/cases/${caseId}/attachments`, null, [{ name: 'a.jpg', bytes: jpeg() }])).status, 401);
    assert.equal((await upload('/api/attachments', null, [{ name: 'a.jpg', bytes: jpeg() }])).status, 401);
    assert.equal((await getJson(`${api.url}/api/attachments/x/content`)).status, 401);
  });

  it('uploads files to a case and gives them back byte for byte, with their hash, type and Chinese name', async () => {
    const caseId = await insertProjectedCase(testPrisma());
    const photo = jpeg(100_000);
    const report = pdf();
    const created = await upload(`/api/cases/${caseId}/attachments`, 'donghu', [
      { name: '现场照片（解放路）.jpg', bytes: photo, type: 'image/png' },
      { name: 'C:\\Users\\承办人\\整改报告.pdf', bytes: report },
    ]);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const [photoRow, reportRow] = created.body;
    assert.deepEqual(
      { caseId: photoRow.caseId, kind: photoRow.kind, fileName: photoRow.fileName, contentType: photoRow.contentType, sizeBytes: photoRow.sizeBytes, sha256: photoRow.sha256, uploadedById: photoRow.uploadedById },
      { caseId, kind: 'photo', fileName: '现场照片（解放路）.jpg', contentType: 'image/jpeg', sizeBytes: photo.length, sha256: sha256(photo), uploadedById: 'user-district-handler' },
      'the type comes from the bytes, not from what the client claimed',
    );
    assert.deepEqual([reportRow.kind, reportRow.fileName, reportRow.contentType], ['document', '整改报告.pdf', 'application/pdf']);
    assert.equal(photoRow.storageKey, undefined, 'where the bytes live is not shown');

    const list = await getJson(`${api.url}/api/cases/${caseId}/attachments`, as('dispatcher'));
    assert.deepEqual(list.body.map((a: { id: string }) => a.id).sort(), [photoRow.id, reportRow.id].sort());
    const photosOnly = await getJson(`${api.url}/api/cases/${caseId}/attachments?kind=photo`, as('donghu'));
    assert.deepEqual(photosOnly.body.map((a: { id: string }) => a.id), [photoRow.id]);
    assert.equal((await getJson(`${api.url}/api/attachments/${photoRow.id}`, as('operator'))).body.sha256, sha256(photo));

    const got = await download(photoRow.id, 'dispatcher');
    assert.equal(got.status, 200);
    assert.ok(got.bytes.equals(photo), 'byte-exact');
    assert.equal(sha256(got.bytes), photoRow.sha256);
    assert.equal(got.headers.get('content-type'), 'image/jpeg');
    assert.equal(got.headers.get('content-length'), String(photo.length));
    assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(got.headers.get('accept-ranges'), 'bytes');
    const disposition = got.headers.get('content-disposition')!;
    assert.match(disposition, /^attachment; filename="[^"]*\.jpg"; filename\*=UTF-8''/);
    assert.equal(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!), '现场照片（解放路）.jpg');
    const inline = await download(photoRow.id, 'dispatcher', {}, '?inline=true');
    assert.match(inline.headers.get('content-disposition')!, /^inline; /);

    const audit = await testPrisma().auditEvent.findMany({ where: { caseId, action: 'attachmentAdded' }, orderBy: { id: 'asc' } });
    assert.deepEqual(audit.map((e) => [e.entityType, e.entityId, e.actorId, e.actorUnitId]), [
      ['attachment', photoRow.id, 'user-district-handler', 'donghu'],
      ['attachment', reportRow.id, 'user-district-handler', 'donghu'],
    ]);
    assert.equal((audit[0]!.payload as { sha256: string }).sha256, sha256(photo));
    const history = await getJson(`${api.url}/api/cases/${caseId}/history`, as('auditor'));
    assert.ok(history.body.some((e: { action: string }) => e.action === 'attachmentAdded'), 'the case history shows it');
  });

  it('serves byte ranges so that a player can seek in a recording', async () => {
    const caseId = await insertProjectedCase(testPrisma());
    const recording = noiseWav(2);
    const { body } = await upload(`/api/cases/${caseId}/attachments`, 'operator', [{ name: '来电录音.wav', bytes: recording }], { kind: 'recording' });
    const id = body[0].id;
    assert.deepEqual([body[0].kind, body[0].contentType], ['recording', 'audio/wav']);

    const middle = await download(id, 'dispatcher', { range: 'bytes=1000-1999' });
    assert.equal(middle.status, 206);
    assert.equal(middle.headers.get('content-range'), `bytes 1000-1999/${recording.length}`);
    assert.equal(middle.headers.get('content-length'), '1000');
    assert.ok(middle.bytes.equals(recording.subarray(1000, 2000)));

    const tail = await download(id, 'dispatcher', { range: 'bytes=-100' });
    assert.equal(tail.status, 206);
    assert.ok(tail.bytes.equals(recording.subarray(recording.length - 100)));
    const open = await download(id, 'dispatcher', { range: `bytes=${recording.length - 10}-` });
    assert.ok(open.bytes.equals(recording.subarray(recording.length - 10)));

    const head = await fetch(`${api.url}/api/attachments/${id}/content`, { method: 'HEAD', headers: { ...as('dispatcher'), range: 'bytes=0-99' } });
    assert.deepEqual([head.status, head.headers.get('content-length'), head.headers.get('content-range')], [206, '100', `bytes 0-99/${recording.length}`]);

    const beyond = await download(id, 'dispatcher', { range: `bytes=${recording.length}-` });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${recording.length}`);
    const stale = await download(id, 'dispatcher', { range: 'bytes=0-9', 'if-range': '"another-version"' });
    assert.equal(stale.status, 200, 'If-Range of another version gets the whole file');
    assert.equal(stale.bytes.length, recording.length);
  });

  it('refuses a file over the size limit with 413 and keeps nothing of it', async () => {
    const caseId = await insertProjectedCase(testPrisma());
    await assertLeavesNothing(async () => {
      const tooLarge = await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'big.jpg', bytes: jpeg(2 * 1024 * 1024) }]);
      assert.equal(tooLarge.status, 413);
      assert.equal(tooLarge.body.error.code, 'file_too_large');
      // A request whose second file is too large stores neither.
      const second = await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'ok.jpg', bytes: jpeg() }, { name: 'big.pdf', bytes: pdf(MAX_BYTES + 1) }]);
      assert.equal(second.status, 413);
    });
    const exact = await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'exact.pdf', bytes: pdf(MAX_BYTES) }]);
    assert.equal(exact.status, 201, 'the limit itself is allowed');
  });

  it('lets the rule setting attachment.maxBytes lower the configured limit', async () => {
    const caseId = await insertProjectedCase(testPrisma());
    const seeded = await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key: 'attachment.maxBytes' } });
    await testPrisma().ruleSetting.update({ where: { key: 'attachment.maxBytes' }, data: { value: 10_000 } });
    try {
      await assertLeavesNothing(async () => {
        assert.equal((await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'a.jpg', bytes: jpeg(10_001) }])).status, 413);
      });
      assert.equal((await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'a.jpg', bytes: jpeg(10_000) }])).status, 201);
    } finally {
      await testPrisma().ruleSetting.update({ where: { key: 'attachment.maxBytes' }, data: { value: seeded.value as number } });
    }
  });

  it('judges the type by the bytes: an executable named .jpg, a text file and an empty file are refused', async () => {
    const caseId = await insertProjectedCase(testPrisma());
    await assertLeavesNothing(async () => {
      const disguised = await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: '照片.jpg', bytes: windowsExecutable(), type: 'image/jpeg' }]);
      assert.equal(disguised.status, 415);
      assert.equal(disguised.body.error.code, 'unsupported_type');
      assert.match(disguised.body.error.message, /application\/x-msdownload/);
      const text = await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'notes.pdf', bytes: Buffer.from('just words, no PDF') }]);
      assert.equal(text.status, 415);
      const mixed = await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'fine.jpg', bytes: jpeg() }, { name: 'run.jpg', bytes: windowsExecutable() }]);
      assert.equal(mixed.status, 415, 'one bad file refuses the whole upload');
      assert.equal((await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'empty.jpg', bytes: Buffer.alloc(0) }])).status, 400);
      const notAPhoto = await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'scan.pdf', bytes: pdf() }], { kind: 'photo' });
      assert.equal(notAPhoto.status, 400);
      assert.ok(notAPhoto.body.error.fields.kind);
      assert.equal((await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'a.jpg', bytes: jpeg() }], { kind: 'selfie' })).status, 400);
      assert.equal((await upload(`/api/cases/${caseId}/attachments`, 'donghu', [], { kind: 'photo' })).status, 400, 'no file');
      const json = await postJson(`${api.url}/api/cases/${caseId}/attachments`, { file: 'x' }, as('donghu'));
      assert.equal(json.status, 415, 'not multipart');
    });
  });

  it('hides a case’s attachments from units that cannot see the case, and lets no auditor or admin add any', async () => {
    const caseId = await insertProjectedCase(testPrisma());
    const { body } = await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'a.jpg', bytes: jpeg() }]);
    const id = body[0].id;
    for (const outsider of ['jiefang', 'handler']) {
      assert.equal((await getJson(`${api.url}/api/cases/${caseId}/attachments`, as(outsider))).status, 404, outsider);
      assert.equal((await getJson(`${api.url}/api/attachments/${id}`, as(outsider))).status, 404, outsider);
      assert.equal((await download(id, outsider)).status, 404, outsider);
      assert.equal((await upload(`/api/cases/${caseId}/attachments`, outsider, [{ name: 'b.jpg', bytes: jpeg() }])).status, 404, outsider);
    }
    assert.equal((await getJson(`${api.url}/api/attachments/no-such-id`, as('dispatcher'))).status, 404);
    assert.equal((await upload(`/api/cases/${caseId}/attachments`, 'auditor', [{ name: 'b.jpg', bytes: jpeg() }])).status, 403);
    assert.equal((await upload(`/api/cases/${caseId}/attachments`, 'admin', [{ name: 'b.jpg', bytes: jpeg() }])).status, 403);
    assert.equal((await download(id, 'auditor')).status, 200, 'auditors read everything');
  });

  it('lets the handling unit play the call recording of its case, and no other unit', async () => {
    const caseId = await insertProjectedCase(testPrisma());
    const recording = noiseWav();
    const { body } = await upload(`/api/cases/${caseId}/attachments`, 'operator', [{ name: 'call.wav', bytes: recording }], { kind: 'recording' });
    const played = await download(body[0].id, 'donghu', { range: 'bytes=0-43' });
    assert.equal(played.status, 206);
    assert.ok(played.bytes.equals(recording.subarray(0, 44)));
    assert.equal((await download(body[0].id, 'jiefang')).status, 404, 'a street below the district does not handle this case');
    assert.equal((await download(body[0].id, 'handler')).status, 404);
  });

  it('keeps an upload not tied to a case to its uploader (and auditors)', async () => {
    const created = await upload('/api/attachments', 'donghu', [{ name: '整改前.jpg', bytes: jpeg() }]);
    assert.equal(created.status, 201);
    const id = created.body[0].id;
    assert.equal(created.body[0].caseId, null);
    assert.equal((await getJson(`${api.url}/api/attachments/${id}`, as('donghu'))).status, 200);
    assert.equal((await download(id, 'donghu')).status, 200);
    for (const other of ['handler', 'dispatcher', 'operator']) assert.equal((await getJson(`${api.url}/api/attachments/${id}`, as(other))).status, 404, other);
    assert.equal((await getJson(`${api.url}/api/attachments/${id}`, as('auditor'))).status, 200);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'attachment', entityId: id } });
    assert.deepEqual([audit.action, audit.caseId, audit.actorId], ['attachmentUploaded', null, 'user-district-handler']);
  });

  it('lets only the uploader remove a file, and only before the case’s result was submitted; removal is audited', async () => {
    const orphan = (await upload('/api/attachments', 'donghu', [{ name: 'wrong.jpg', bytes: jpeg() }])).body[0];
    assert.equal((await remove(orphan.id, 'handler')).status, 404, 'other users do not see it');
    assert.equal((await remove(orphan.id, 'auditor')).status, 403, 'auditors see it but change nothing');
    assert.equal((await remove(orphan.id, 'donghu', { reason: '传错了文件' })).status, 204);
    assert.equal(await testPrisma().attachment.count({ where: { id: orphan.id } }), 0);
    assert.ok(!(await filesUnder(storeDir)).some((f) => f.endsWith(orphan.id)), 'its bytes are gone');
    const removed = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityId: orphan.id, action: 'attachmentRemoved' } });
    assert.deepEqual([removed.actorId, removed.reason, (removed.payload as { sha256: string }).sha256], ['user-district-handler', '传错了文件', orphan.sha256]);

    const caseId = await insertProjectedCase(testPrisma());
    const early = (await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'before.jpg', bytes: jpeg() }])).body[0];
    const kept = (await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'kept.jpg', bytes: jpeg() }])).body[0];
    assert.equal((await remove(early.id, 'operator')).status, 403, 'not the uploader');
    assert.equal((await remove(early.id, 'auditor')).status, 403);
    assert.equal((await remove(early.id, 'donghu')).status, 204);
    await testPrisma().case.update({ where: { id: caseId }, data: { status: 'resultSubmitted', resultSubmittedAt: new Date() } });
    const refused = await remove(kept.id, 'donghu');
    assert.equal(refused.status, 409);
    assert.match(((await refused.json()) as { error: { message: string } }).error.message, /evidence/);
    const late = (await upload(`/api/cases/${caseId}/attachments`, 'donghu', [{ name: 'late.jpg', bytes: jpeg() }])).body[0];
    assert.equal((await remove(late.id, 'donghu')).status, 204, 'added after the result: not yet judged');
    assert.equal((await download(kept.id, 'donghu')).status, 200);
  });

  it('refuses uploads to an archived case', async () => {
    const caseId = await insertProjectedCase(testPrisma(), { status: 'archived' });
    await assertLeavesNothing(async () => {
      assert.equal((await upload(`/api/cases/${caseId}/attachments`, 'dispatcher', [{ name: 'a.jpg', bytes: jpeg() }])).status, 409);
    });
  });

  it('leaves no temporary file when the client goes away in the middle of an upload', async () => {
    const caseId = await insertProjectedCase(testPrisma());
    await assertLeavesNothing(async () => {
      const boundary = 'x-boundary-x';
      const url = new URL(`${api.url}/api/cases/${caseId}/attachments`);
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...as('donghu'), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(200_000) } });
      request.on('error', () => {});
      request.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
      request.write(jpeg(100_000));
      // Long enough for the server to have started writing the file.
      await waitUntil(async () => (await readdir(store.incomingDir).catch(() => [])).length > 0);
      request.destroy();
      await waitUntil(async () => (await readdir(store.incomingDir).catch(() => [])).length === 0);
    });
  });
});

describe('attachments cited by a result', () => {
  let env: TestWorkflowEnvironment;
  let h: PetitionHarness;
  let api: RunningApi;
  const client = apiClient(() => api);
  const { as, upload, remove } = client;

  before(async () => {
    env = await createDevServerEnv();
    h = new PetitionHarness(env);
    await h.startWorker();
    api = await startApi({ temporal: env.connection, taskQueue: h.taskQueue });
    await client.login('operator', 'dispatcher', 'donghu', 'handler');
  });

  after(async () => {
    await api?.close();
    await h?.stopWorker();
    await env?.teardown();
  });

  const command = (caseId: string, name: string, body: unknown, user: string) => postJson(`${api.url}/api/cases/${caseId}/commands/${name}`, body, as(user));

  it('ties the uploads a result cites to the case, and refuses to cite what is not the submitter’s', async () => {
    const handle = await h.register();
    const caseId = handle.workflowId;
    assert.equal((await command(caseId, 'dispatch', { leadUnitId: 'donghu' }, 'dispatcher')).status, 200);
    assert.equal((await command(caseId, 'signFor', {}, 'donghu')).status, 200);

    const evidence = (await upload('/api/attachments', 'donghu', [{ name: '整改后.jpg', bytes: jpeg() }])).body[0];
    const foreign = (await upload('/api/attachments', 'operator', [{ name: 'other.jpg', bytes: jpeg() }])).body[0];
    const result = { actionsTaken: '已清理占道摊点', replyToCitizen: '已处理', handlerName: '陈承办', citizenContacted: true };

    const refused = await command(caseId, 'submitResult', { ...result, attachmentIds: [evidence.id, foreign.id, 'no-such-id'] }, 'donghu');
    assert.equal(refused.status, 400);
    assert.deepEqual(Object.keys(refused.body.error.fields).sort(), ['attachmentIds.1', 'attachmentIds.2']);

    // Ids that are no ids at all (a NUL, a lone surrogate, blank) are refused as such, never a
    // 500 from the database (the fuzzer's finding in issue 13).
    const hostile = await command(caseId, 'submitResult', { ...result, attachmentIds: ['bad\u0000id', '\ud800', ' ', evidence.id] }, 'donghu');
    assert.equal(hostile.status, 400, JSON.stringify(hostile.body));
    assert.ok(Object.keys(hostile.body.error.fields).length > 0 && Object.keys(hostile.body.error.fields).every((field) => /^attachmentIds\.[0-2]$/.test(field)), JSON.stringify(hostile.body.error.fields));

    const submitted = await command(caseId, 'submitResult', { ...result, attachmentIds: [evidence.id] }, 'donghu');
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    await waitUntil(async () => (await testPrisma().attachment.findUniqueOrThrow({ where: { id: evidence.id } })).caseId === caseId);
    assert.equal((await testPrisma().attachment.findUniqueOrThrow({ where: { id: foreign.id } })).caseId, null);

    const list = await getJson(`${api.url}/api/cases/${caseId}/attachments`, as('dispatcher'));
    assert.deepEqual(list.body.map((a: { id: string }) => a.id), [evidence.id], 'the hotline office now sees the evidence');
    const cited = await remove(evidence.id, 'donghu');
    assert.equal(cited.status, 409, 'cited evidence stays');
  });
});
