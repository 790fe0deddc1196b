// Citizens' data is encrypted in Temporal (issue 15, item 2): a case registered through the API
// leaves no name or phone in clear in its Temporal history, whether read with a Temporal client
// that has no keys or with `temporal workflow show`; the product's own clients (and the CLI
// through the codec server) read it decoded. The codec server is for auditors only and records
// every decode as an identity read. Keys rotate: payloads sealed with an old key still decode,
// on a real worker that replays them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON, JSONToPayload, payloadToJSON } from '@temporalio/common/lib/proto-utils';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Worker } from '@temporalio/worker';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, FORMAT_METADATA, KEY_ID_METADATA, parsePayloadKeys, PayloadDecryptionError, payloadDataConverter, type PayloadKey } from '../../lib/payloadCodec';
import { PROJECT_ROOT } from '../../config/env';
import { createLogger } from '../../config/logger';
import { createWorker } from '../../worker/createWorker';
import { commandUpdates, getStateQuery } from '../../workflows/petition/definitions';
import type { petitionWorkflow } from '../../workflows/petition/workflow';
import { AdminApiClient } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { sampleRegistration } from '../support/cases';
import { testPrisma } from '../support/db';
import { decodedHistory } from '../support/histories';
import { actors } from '../support/lifecycle';
import { TEST_LINKS } from '../support/links';
import { waitUntil } from '../support/petitions';
import { testOutboundTelephony } from '../support/twilio';

const run = promisify(execFile);

const NAME = '褚秀英';
const PHONE = '13911116666';
/** The forms a phone may take in a payload. */
const PHONE_FORMS = [PHONE, `+86${PHONE}`, '139 1111 6666', '1391111'];

/** Every string in a JSON text, and every base64 string decoded: what a reader of the history could see. */
function readableTexts(jsonText: string): string {
  const found: string[] = [jsonText];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.length >= 8 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) found.push(Buffer.from(value, 'base64').toString('utf8'));
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(JSON.parse(jsonText));
  return found.join('\n');
}

function assertNoIdentity(text: string, what: string): void {
  for (const form of [NAME, ...PHONE_FORMS]) assert.ok(!text.includes(form), `${what} holds "${form}" in clear`);
}

const key = (id: string, fill: number): PayloadKey => ({ id, key: Buffer.alloc(32, fill) });

/** The TypeScript sources of the product, its scripts, benches and tests. */
function sourceFiles(dir = PROJECT_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || ['node_modules', 'generated', 'dist', 'fixtures'].includes(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|mts)$/.test(entry.name) ? [full] : [];
  });
}

describe('every Temporal client and worker the project creates carries the payload codec', () => {
  it('passes a dataConverter to each new Client, Worker.create and test environment (the keyless readers of this file aside)', () => {
    const missing: string[] = [];
    for (const file of sourceFiles()) {
      const relative = path.relative(PROJECT_ROOT, file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new Client\(\{[^}]*\}|Worker\.create\(\{[\s\S]*?\}\)|TestWorkflowEnvironment\.create\w+\(\{[^;]*\);/g)) {
        if (match[0].includes('dataConverter')) continue;
        if (relative === 'tests/api/payloadCodec.test.ts' && match[0].startsWith('new Client')) continue;
        missing.push(`${relative}: ${match[0].slice(0, 80)}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});

describe('the sealed payload format', () => {
  // Sealed by the codec before it sealed in binary: the form of every payload in the histories
  // of cases that were running at the upgrade.
  const legacy = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/payloads/sealed-proto-json-k1.json'), 'utf8')) as { cases: { value: unknown; sealed: Record<string, unknown> }[] };
  const k1 = () => new AesGcmPayloadCodec([key('k1', 1)]);
  const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString();

  it('still opens payloads sealed in the earlier proto-JSON format, as the same values', async () => {
    for (const { value, sealed } of legacy.cases) {
      const payload = JSONToPayload(sealed);
      assert.equal(payload.metadata?.[FORMAT_METADATA], undefined, 'the fixture is of the earlier format');
      const [opened] = await k1().decode([payload]);
      assert.deepEqual(defaultPayloadConverter.fromPayload(opened!), value);
    }
  });

  it('seals in protobuf binary, names the format, and authenticates it with the key id', async () => {
    const value = legacy.cases[0]!.value;
    const [sealed] = await k1().encode([defaultPayloadConverter.toPayload(value)]);
    assert.equal(text(sealed!.metadata![FORMAT_METADATA]), 'proto');
    assert.equal(text(sealed!.metadata!.encoding), ENCRYPTED_ENCODING);
    assert.deepEqual(defaultPayloadConverter.fromPayload((await k1().decode([sealed!]))[0]!), value);
    // The plaintext no longer carries the data in base64: a quarter smaller than the earlier form.
    const earlier = Buffer.from(String(legacy.cases[0]!.sealed.data), 'base64').length;
    assert.ok(sealed!.data!.length < earlier * 0.85, `sealed ${sealed!.data!.length} bytes, the earlier form ${earlier}`);
    // Without its format label it would be read as proto JSON: refused by authentication, not misparsed.
    const unlabelled = { ...sealed!, metadata: { ...sealed!.metadata } };
    delete unlabelled.metadata[FORMAT_METADATA];
    await assert.rejects(k1().decode([unlabelled]), /key id "k1" failed authentication/);
    // Nor can an earlier payload be relabelled as binary.
    const relabelled = JSONToPayload(legacy.cases[0]!.sealed);
    relabelled.metadata![FORMAT_METADATA] = Buffer.from('proto');
    await assert.rejects(k1().decode([relabelled]), /key id "k1" failed authentication/);
    // A format this codec does not know is named, not guessed.
    const future = { ...sealed!, metadata: { ...sealed!.metadata, [FORMAT_METADATA]: Buffer.from('cbor') } };
    await assert.rejects(k1().decode([future]), /in format "cbor", which this codec does not read/);
  });

  it('names hostile metadata in its refusals escaped and cut short (NUL, a lone surrogate, 1 MB)', async () => {
    const [sealed] = await k1().encode([defaultPayloadConverter.toPayload('x')]);
    const hostile = `\u0000\ud800${'x'.repeat(1_000_000)}`;
    for (const field of [FORMAT_METADATA, KEY_ID_METADATA]) {
      const payload = { ...sealed!, metadata: { ...sealed!.metadata, [field]: Buffer.from(hostile) } };
      const refusal = await k1().decode([payload]).then(() => assert.fail('opened'), (error: Error) => error);
      assert.ok(refusal instanceof PayloadDecryptionError, String(refusal));
      assert.ok(refusal.message.length < 400, `a refusal of ${refusal.message.length} characters`);
      assert.ok(!refusal.message.includes('\u0000') && !/[\ud800-\udfff]/.test(refusal.message), refusal.message.slice(0, 80));
    }
  });
});

describe('Temporal payload encryption and the codec server (issue 15)', () => {
  // The local Temporal UI's origin, as config/env.ts allows it by default outside production.
  const stack = useApiStack({ temporalUiOrigins: ['http://127.0.0.1:8233'] });
  let client: AdminApiClient;
  let caseId: string;

  before(async () => {
    client = new AdminApiClient(stack.api.url);
    await client.login('operator', 'dispatcher', 'auditor', 'handler', 'supervisor');
    const created = await client.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title: '小区门口占道经营', content: `市民反映小区门口占道经营。联系电话：${PHONE}`, citizenName: NAME, citizenPhone: PHONE }, 'operator');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    caseId = created.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    const dispatched = await client.post(`/api/cases/${caseId}/commands/dispatch`, { leadUnitId: 'chengguan' }, 'dispatcher');
    assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } }))?.status === 'dispatched');
  });

  const identityReads = () => testPrisma().auditEvent.findMany({ where: { action: 'citizenIdentityRead', entityId: caseId }, orderBy: { id: 'asc' } });

  it('keeps no citizen name or phone in clear in the history, read by a Temporal client without the keys', async () => {
    const keyless = new Client({ connection: stack.env.connection, namespace: 'default' });
    const history = await keyless.workflow.getHandle(caseId).fetchHistory();
    const json = historyToJSON(history);
    assertNoIdentity(readableTexts(json), 'the history read without keys');
    const started = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    assert.equal(Buffer.from(started.metadata!.encoding!).toString(), ENCRYPTED_ENCODING);
    assert.equal(Buffer.from(started.metadata![KEY_ID_METADATA]!).toString(), 'demo');
    // The same history, decoded with the product's keys, holds the citizen as registered.
    const decoded = historyToJSON(await decodedHistory(stack.env.client.workflow.getHandle(caseId)));
    assert.ok(readableTexts(decoded).includes(NAME), 'the decoded history holds the name');
    assert.ok(readableTexts(decoded).includes(PHONE), 'the decoded history holds the phone');
  });

  it('encrypts failures too: a refused command’s message is "Encoded failure" in the history, and the API still answers its reason', async () => {
    const handle = await stack.h.register({ citizenName: NAME, citizenPhone: PHONE });
    const refused = await client.post(`/api/cases/${handle.workflowId}/commands/dispatch`, { leadUnitId: 'no-such-unit' }, 'dispatcher');
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.deepEqual(refused.body.error.fields, { 'unit:no-such-unit': 'no such active unit' });
    const raw = await new Client({ connection: stack.env.connection }).workflow.getHandle(handle.workflowId).fetchHistory();
    const failures = raw.events!.flatMap((e) => (e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure ? [e.workflowExecutionUpdateCompletedEventAttributes.outcome.failure] : []));
    assert.equal(failures.length, 1);
    assert.equal(failures[0]!.message, 'Encoded failure');
    assert.equal(Buffer.from(failures[0]!.encodedAttributes!.metadata![KEY_ID_METADATA]!).toString(), 'demo');
    assert.ok(!readableTexts(historyToJSON(raw)).includes(refused.body.error.message), 'the refusal’s message is not in clear');
    await handle.terminate('test finished');
  });

  it('shows no name or phone in `temporal workflow show`; through the codec server with an auditor token it does, recorded', async () => {
    const cli = process.env.TEMPORAL_CLI_PATH!;
    const common = ['workflow', 'show', '-w', caseId, '--address', stack.env.address, '--namespace', 'default', '-o', 'json'];
    const plain = await run(cli, common, { maxBuffer: 32 * 1024 * 1024 });
    assertNoIdentity(readableTexts(plain.stdout), '`temporal workflow show`');

    const before = (await identityReads()).length;
    const codec = ['--codec-endpoint', `${stack.api.url}/codec/{namespace}`, '--codec-auth', `Bearer ${client.token('auditor')}`, '--codec-header', `X-Workflow-Id=${caseId}`];
    const shown = await run(cli, [...common, ...codec], { maxBuffer: 32 * 1024 * 1024 });
    const texts = readableTexts(shown.stdout);
    assert.ok(texts.includes(NAME) && texts.includes(PHONE), 'the CLI shows the decoded input through the codec server');
    const reads = (await identityReads()).slice(before);
    assert.ok(reads.length >= 1, 'the CLI’s decodes are identity reads');
    assert.deepEqual([reads[0]!.entityType, reads[0]!.actorId, reads[0]!.actorRole, (reads[0]!.payload as { via: string; workflowId: string }).via, (reads[0]!.payload as { workflowId: string }).workflowId], ['case', 'user-auditor', 'auditor', 'codecServer', caseId]);

    // A handler's token gets nothing from the codec server: the CLI cannot decode.
    await assert.rejects(run(cli, [...common, '--codec-endpoint', `${stack.api.url}/codec/{namespace}`, '--codec-auth', `Bearer ${client.token('handler')}`], { maxBuffer: 32 * 1024 * 1024 }));
  });

  it('decodes for auditors only (401 without a token, 403 for other roles), recording who and which workflow', async () => {
    const raw = await new Client({ connection: stack.env.connection }).workflow.getHandle(caseId).fetchHistory();
    const payload = payloadToJSON(raw.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!);
    const decode = (token: string | null, headers: Record<string, string> = {}) =>
      fetch(`${stack.api.url}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, body: JSON.stringify({ payloads: [payload] }) });

    assert.equal((await decode(null)).status, 401);
    for (const user of ['operator', 'dispatcher', 'supervisor', 'handler']) assert.equal((await decode(client.token(user))).status, 403, user);
    const readsBefore = (await identityReads()).length;

    const answer = await decode(client.token('auditor'), { 'x-workflow-id': caseId });
    assert.equal(answer.status, 200);
    const body = (await answer.json()) as { payloads: Parameters<typeof defaultPayloadConverter.fromPayload>[0][] };
    const [decoded] = body.payloads;
    const input = defaultPayloadConverter.fromPayload<{ registration: { citizenName: string; citizenPhone: string } }>({ metadata: Object.fromEntries(Object.entries(decoded!.metadata!).map(([k, v]) => [k, Buffer.from(v as unknown as string, 'base64')])), data: Buffer.from(decoded!.data as unknown as string, 'base64') });
    assert.deepEqual([input.registration.citizenName, input.registration.citizenPhone], [NAME, PHONE]);

    const reads = (await identityReads()).slice(readsBefore);
    assert.equal(reads.length, 1);
    assert.deepEqual([reads[0]!.entityType, reads[0]!.actorId, reads[0]!.actorUnitId, reads[0]!.payload], ['case', 'user-auditor', 'hotline', { via: 'codecServer', namespace: 'default', workflowId: caseId, payloads: 1, encrypted: 1 }]);
    // Listed with the case's other identity reads.
    const listed = await client.get(`/api/cases/${caseId}/identity-reads`, 'supervisor');
    assert.equal(listed.status, 200);
    assert.ok(JSON.stringify(listed.body).includes('user-auditor'));

    // Another namespace is refused, before anything is decoded or recorded.
    const otherNamespace = await decode(client.token('auditor'), { 'x-namespace': 'elsewhere' });
    assert.equal(otherNamespace.status, 400);
    assert.deepEqual(Object.keys(((await otherNamespace.json()) as { error: { fields: object } }).error.fields), ['X-Namespace']);
    assert.equal((await identityReads()).length, readsBefore + 1);
  });

  it('answers the Temporal UI’s CORS preflight from its origin only, and encodes with the current key', async () => {
    const preflight = (origin: string) => fetch(`${stack.api.url}/codec/decode`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' } });
    const allowed = await preflight('http://127.0.0.1:8233');
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8233');
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /X-Namespace/i);
    assert.equal((await preflight('https://evil.example')).headers.get('access-control-allow-origin'), null);

    const clear = payloadToJSON(defaultPayloadConverter.toPayload({ note: '测试' }));
    const encoded = await client.post('/codec/default/encode', { payloads: [clear] }, 'auditor');
    assert.equal(encoded.status, 200);
    assert.equal(Buffer.from(encoded.body.payloads[0].metadata[KEY_ID_METADATA], 'base64').toString(), 'demo');
    const back = await client.post('/codec/default/decode', { payloads: encoded.body.payloads }, 'auditor');
    assert.deepEqual(back.body.payloads, [clear]);
    assert.equal((await client.post('/codec/encode', { payloads: [clear] }, 'dispatcher')).status, 403);
  });

  it('says clearly which key id it does not hold, and refuses an altered payload', async () => {
    const foreign = await new AesGcmPayloadCodec([key('k9', 9)]).encode([defaultPayloadConverter.toPayload({ citizenPhone: PHONE })]);
    const answer = await client.post('/codec/decode', { payloads: foreign.map(payloadToJSON) }, 'auditor');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'undecodable_payload');
    assert.match(answer.body.error.message, /key id "k9", which TEMPORAL_PAYLOAD_KEYS does not hold \(it holds "demo"\)/);
    assert.ok(!JSON.stringify(answer.body).includes(PHONE));

    const codec = new AesGcmPayloadCodec([key('k1', 1)]);
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload('x')]);
    const altered = Buffer.from(sealed!.data!);
    altered[20] = altered[20]! ^ 1;
    sealed!.data = altered;
    await assert.rejects(codec.decode([sealed!]), /key id "k1" failed authentication/);
    // Relabelled with another key's id (the key id is authenticated): refused too.
    const both = new AesGcmPayloadCodec([key('k2', 2), key('k1', 1)]);
    const [fresh] = await codec.encode([defaultPayloadConverter.toPayload('x')]);
    fresh!.metadata![KEY_ID_METADATA] = Buffer.from('k2');
    await assert.rejects(both.decode([fresh!]), /key id "k2" failed authentication/);
    // Plaintext payloads (histories recorded before encryption) pass through untouched.
    const plain = defaultPayloadConverter.toPayload({ a: 1 });
    assert.deepEqual(await codec.decode([plain]), [plain]);
    assert.throws(() => parsePayloadKeys(`k1:${Buffer.alloc(31).toString('base64')}`), /must be 32 bytes/);
  });

  it('rotates keys: a case started under k1 goes on under "k2,k1" on a new worker, which replays the k1 payloads and seals new ones with k2', async () => {
    const taskQueue = `rotation-${caseId}`;
    const k1 = payloadDataConverter([key('k1', 1)]);
    const k2k1 = payloadDataConverter([key('k2', 2), key('k1', 1)]);
    const k2only = payloadDataConverter([key('k2', 2)]);
    const startWorker = async (dataConverter: ReturnType<typeof payloadDataConverter>): Promise<{ worker: Worker; running: Promise<void> }> => {
      const worker = await createWorker({ connection: stack.env.nativeConnection, namespace: 'default', taskQueue, dataConverter, deps: { prisma: testPrisma(), log: createLogger('test', 'silent'), telephony: testOutboundTelephony(TEST_LINKS.baseUrl), links: TEST_LINKS } });
      return { worker, running: worker.run() };
    };
    const registration = sampleRegistration({ citizenName: NAME, citizenPhone: `+86${PHONE}` });

    const before = await startWorker(k1);
    let handle: WorkflowHandle<typeof petitionWorkflow>;
    try {
      handle = await new Client({ connection: stack.env.connection, dataConverter: k1 }).workflow.start<typeof petitionWorkflow>('petitionWorkflow', { args: [{ registration }], taskQueue, workflowId: registration.caseId });
      await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: registration.caseId } })) !== null);
    } finally {
      before.worker.shutdown();
      await before.running;
    }

    const after = await startWorker(k2k1);
    try {
      const rotated = new Client({ connection: stack.env.connection, dataConverter: k2k1 }).workflow.getHandle<typeof petitionWorkflow>(registration.caseId);
      const state = await rotated.executeUpdate(commandUpdates.dispatch, { args: [{ input: { leadUnitId: 'chengguan', assistUnitIds: [] }, actor: actors.dispatcher }] });
      assert.equal(state.status, 'dispatched');
      assert.equal((await rotated.query(getStateQuery)).caseId, registration.caseId);
      const history = await handle!.fetchHistory();
      const keyIds = new Set(history.events!.flatMap((e) => [e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads?.[0], e.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]]).filter((p) => p).map((p) => Buffer.from(p!.metadata![KEY_ID_METADATA]!).toString()));
      assert.deepEqual([...keyIds].sort(), ['k1', 'k2'], 'the start sealed with k1, the update after the rotation with k2');
      // Without the old key the start's payloads cannot be read: the error names the key.
      await assert.rejects(decodedHistory(new Client({ connection: stack.env.connection, dataConverter: k2only }).workflow.getHandle(registration.caseId)), /key id "k1", which TEMPORAL_PAYLOAD_KEYS does not hold/);
      await rotated.terminate('test finished');
    } finally {
      after.worker.shutdown();
      await after.running;
    }
  });
});
