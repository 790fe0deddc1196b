// Issue 13's findings on text, over real HTTP into real workflows (dev server): a NUL or a lone
// surrogate typed at any door is cleaned before a workflow or a table sees it, so the case
// appears and keeps answering; and a command's workflow history holds only the parsed input.
import assert from 'node:assert/strict';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { DEMO_PASSWORD } from '../../prisma/seed/users';
import { commandInputs, isCommandName } from '../../rules/lifecycle/commands';
import { testPrisma } from '../support/db';
import { postJson } from '../support/http';
import { useApiStack } from '../support/apiStack';
import { tokenInSms } from '../support/links';
import { waitUntil } from '../support/petitions';
import { decodedHistory } from '../support/histories';

/** A command that hangs (the old failure) fails the test in this time instead of at mocha's timeout. */
const ANSWER_WITHIN_MS = 30_000;

type Answer = { status: number; body: any };

async function send(method: 'GET' | 'POST', url: string, body?: unknown, token?: string): Promise<Answer> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** The bytes of every payload in a history. */
function payloadBytes(value: unknown): number {
  if (value instanceof Uint8Array) return value.length;
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, item) => sum + payloadBytes(item), 0);
  return 0;
}

/** No text of these rows holds a character PostgreSQL or the policy refuses. */
function assertClean(what: string, value: unknown): void {
  const json = JSON.stringify(value);
  const refused: [string, string][] = [['NUL', '\\u0000'], ['lone surrogate', '\\ud800'], ['lone surrogate', '\\udc00']];
  for (const [name, escaped] of refused) assert.ok(!json.includes(escaped), `${what} holds a ${name}: ${json.slice(0, 300)}`);
}

describe('hostile text at the doors (issue 13)', () => {
  const stack = useApiStack({ publicLookupsPerMinute: 1000, publicSubmissionsPerHour: 1000 });
  const tokens: Record<string, string> = {};
  let savedMaxAttempts: unknown;

  before(async () => {
    // No survey calls: the survey SMS (with its link) goes out at once.
    const setting = await testPrisma().ruleSetting.findUniqueOrThrow({ where: { key: 'callback.maxAttempts' } });
    savedMaxAttempts = setting.value;
    await testPrisma().ruleSetting.update({ where: { key: 'callback.maxAttempts' }, data: { value: 0 } });
    for (const user of ['operator', 'dispatcher', 'handler', 'leader', 'supervisor']) {
      tokens[user] = (await postJson(`${stack.api.url}/auth/login`, { username: user, password: DEMO_PASSWORD })).body.accessToken;
    }
  });

  after(async () => {
    await testPrisma().ruleSetting.update({ where: { key: 'callback.maxAttempts' }, data: { value: savedMaxAttempts as number } });
  });

  const command = (caseId: string, name: string, body: unknown, user: string) => send('POST', `${stack.api.url}/api/cases/${caseId}/commands/${name}`, body, tokens[user]);
  const run = async (caseId: string, name: string, body: unknown, user: string) => {
    const answer = await command(caseId, name, body, user);
    assert.equal(answer.status, 200, `${name}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const history = (caseId: string) => decodedHistory(stack.env.client.workflow.getHandle(caseId) as WorkflowHandle);

  /** The input each accepted command (Update) brought into the case's workflow history, in order. */
  async function commandInputsInHistory(caseId: string): Promise<{ name: string; input: unknown }[]> {
    const events = (await history(caseId)).events ?? [];
    return events.flatMap((event) => {
      const request = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
      if (!request) return [];
      const [arg] = request.args?.payloads ?? [];
      return [{ name: request.name!, input: (defaultPayloadConverter.fromPayload(arg!) as { input: unknown }).input }];
    });
  }

  /** Every command input in the history is exactly what its schema parses it to: no unknown keys, clean text. */
  async function assertHistoryHoldsParsedInputs(caseId: string): Promise<void> {
    for (const { name, input } of await commandInputsInHistory(caseId)) {
      assert.ok(isCommandName(name), name);
      assert.deepEqual(input, commandInputs[name].parse(input), `${name} in the history is its parsed input`);
      assertClean(`${name} in the history`, input);
    }
  }

  async function caseInList(caseId: string): Promise<Answer> {
    return send('GET', `${stack.api.url}/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: caseId }))}`, undefined, tokens.dispatcher);
  }

  async function registered(title: string): Promise<string> {
    const answer = await send('POST', `${stack.api.url}/api/cases`, { channel: 'phone', caseTypeCode: 'complaint', title, content: '解放路夜市占道经营。', citizenPhone: '13955557777' }, tokens.operator);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: answer.body.caseId } })) !== null);
    return answer.body.caseId;
  }

  it('registers a web petition whose title holds a NUL: the case appears in the list, cleaned, and can be dispatched', async () => {
    const submitted = await send('POST', `${stack.api.url}/public/cases`, { type: 'complaint', title: 't\u0000x', content: '路灯\u0000不亮\r\n第二行\ud800', phone: '13911112222' });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    const { caseId } = submitted.body as { caseId: string };

    await waitUntil(async () => (await caseInList(caseId)).body?.length === 1, 20_000).catch(() => assert.fail(`case ${caseId} never appeared in GET /api/cases`));
    assert.equal((await caseInList(caseId)).body[0].title, 'tx');
    const row = (await send('GET', `${stack.api.url}/api/cases/${caseId}`, undefined, tokens.dispatcher)).body;
    assert.deepEqual([row.title, row.content], ['tx', '路灯不亮\n第二行\ufffd']);
    // Cleaned at the door: the workflow was started with the clean text, not only the table.
    const started = (await history(caseId)).events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const { registration } = defaultPayloadConverter.fromPayload(started) as { registration: { title: string; content: string } };
    assert.deepEqual([registration.title, registration.content], ['tx', '路灯不亮\n第二行\ufffd']);

    const dispatched = await run(caseId, 'dispatch', { leadUnitId: 'chengguan', instructions: '请\u0000核实' }, 'dispatcher');
    assert.equal(dispatched.status, 'dispatched');
    assert.equal((await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).status, 'dispatched');
    await assertHistoryHoldsParsedInputs(caseId);
  });

  it('takes a NUL and lone surrogates in an urge, a result and a survey comment; stores them cleaned; later commands still answer', async () => {
    const caseId = await registered('夜市占道');
    await run(caseId, 'dispatch', { leadUnitId: 'chengguan' }, 'dispatcher');

    const urged = await run(caseId, 'urge', { reason: '请\u0000尽快\ud800处理' }, 'supervisor');
    assert.equal(urged.counters.urges, 1);
    assert.deepEqual((await testPrisma().urge.findMany({ where: { caseId } })).map((u) => u.reason), ['请尽快\ufffd处理']);

    // A later command on the same case answers (it used to hang behind the failed write).
    await run(caseId, 'signFor', {}, 'handler');
    const result = { actionsTaken: '已现场\u0000核查\r\n并整改', replyToCitizen: '问题已解决\udc00。', handlerName: '李\u0000四', legalBasis: '\ud800', citizenContacted: true, resolved: true };
    await run(caseId, 'submitResult', result, 'handler');
    const stored = await testPrisma().caseResult.findFirstOrThrow({ where: { caseId } });
    assert.deepEqual([stored.actionsTaken, stored.replyToCitizen, stored.handlerName, stored.legalBasis], ['已现场核查\n并整改', '问题已解决\ufffd。', '李四', '\ufffd']);
    await run(caseId, 'unitApprove', { comment: '同意\u0000' }, 'leader');
    const reviewed = await run(caseId, 'review', { accept: true }, 'dispatcher');
    assert.equal(reviewed.status, 'callback');

    // The citizen answers the survey through the SMS link, with hostile text in the comment.
    await waitUntil(async () => (await testPrisma().smsMessage.count({ where: { caseId, templateCode: 'sms.survey' } })) === 1);
    const token = tokenInSms((await testPrisma().smsMessage.findFirstOrThrow({ where: { caseId, templateCode: 'sms.survey' } })).body);
    const answered = await send('POST', `${stack.api.url}/public/links/${token}/survey`, { satisfaction: 'satisfied', resolved: true, comment: '很\u0000满意\ud800' });
    assert.equal(answered.status, 202, JSON.stringify(answered.body));
    await waitUntil(async () => (await testPrisma().case.findUniqueOrThrow({ where: { id: caseId } })).status === 'closed', 20_000);
    assert.equal((await testPrisma().callback.findFirstOrThrow({ where: { caseId } })).comment, '很满意\ufffd');

    // The audit trail (payloads in jsonb) and the projection hold the cleaned text.
    const audit = await testPrisma().auditEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
    assertClean('the audit trail', audit.map((e) => ({ ...e, id: String(e.id) })));
    const texts = JSON.stringify(audit.map((e) => [e.reason, e.payload]));
    for (const cleaned of ['请尽快\ufffd处理', '已现场核查\\n并整改', '很满意\ufffd']) assert.ok(texts.includes(cleaned), `the audit trail holds ${cleaned}`);
    await assertHistoryHoldsParsedInputs(caseId);
  });

  it('passes only the parsed command into the workflow: unknown keys dropped, a 1 MB string refused', async () => {
    const caseId = await registered('占道经营');
    await run(caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [], role: 'admin', nested: { deep: ['x'] } }, 'dispatcher');
    await run(caseId, 'urge', { reason: '请尽快处理', padding: 'x'.repeat(1_000_000) }, 'supervisor');

    // A megabyte of text in a field (just under the JSON body limit of 1 MiB).
    const tooLong = await command(caseId, 'urge', { reason: 'x'.repeat(1_000_000) }, 'supervisor');
    assert.equal(tooLong.status, 400, JSON.stringify(tooLong.body).slice(0, 300));
    assert.deepEqual(tooLong.body.error.fields, { reason: 'at most 2000 characters' });

    const inputs = await commandInputsInHistory(caseId);
    // The keys first: a failure then reads without a megabyte of padding.
    assert.deepEqual(inputs.map(({ name, input }) => [name, Object.keys(input as object).sort()]), [['dispatch', ['assistUnitIds', 'leadUnitId', 'mode']], ['urge', ['reason']]]);
    assert.deepEqual(inputs, [
      { name: 'dispatch', input: { leadUnitId: 'chengguan', assistUnitIds: [], mode: 'system' } },
      { name: 'urge', input: { reason: '请尽快处理' } },
    ]);
    const historyBytes = payloadBytes(await history(caseId));
    assert.ok(historyBytes < 100_000, `the history holds no megabyte of padding (${historyBytes} bytes of payloads)`);
    assert.equal((await send('GET', `${stack.api.url}/api/cases/${caseId}`, undefined, tokens.dispatcher)).body.urgeCount, 1);
  });
});
