// The call-centre figures from calls the product itself recorded: calls driven through the real
// voice webhooks (signed as Twilio signs them) on an API whose clock the test sets, an operator
// created through the admin API taking calls from the queue with a Twilio Client and with the
// desk phone, registering a case and filing the call under it; then the route's figures, its
// CSV and XLSX, the monthly report's section, and who may read them.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { AdminApiClient } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { testPrisma } from '../support/db';
import { SimulatedCall, randomMobile, useKnowledgePlayback, useSeatHoursAllDay, type TwimlAnswer } from '../support/ivr';

/** Shanghai wall-clock → instant. */
const at = (shanghaiTime: string) => new Date(`${shanghaiTime}+08:00`);

describe('call-centre figures from real calls', () => {
  let clock = at('2026-04-07T10:00:00');
  const stack = useApiStack({ now: () => clock });
  useSeatHoursAllDay();
  // Option 1 straight into the queue: the knowledge list before it is tested in voiceKnowledge.test.ts.
  useKnowledgePlayback(0);
  let api: AdminApiClient;
  let operatorId: string;
  let operatorName: string;
  let deskPhone: string;
  let filedCall: string;
  let caseId: string;

  const step = async (shanghaiTime: string, action: () => Promise<TwimlAnswer>) => {
    clock = at(shanghaiTime);
    const answer = await action();
    assert.ok(answer.status === 200 || answer.status === 204, `${answer.status} ${answer.xml}`);
    return answer;
  };

  /** Option 1 at `queuedAt`; the call came in two seconds earlier. */
  const queue = async (call: SimulatedCall, queuedAt: string) => {
    clock = new Date(at(queuedAt).getTime() - 2000);
    const menu = await call.incoming();
    const queued = await step(queuedAt, () => call.answer(menu, { Digits: '1' }));
    assert.ok(queued.doc.Enqueue, queued.xml);
  };

  /** An operator's phone dials the queue; the caller's leg is bridged through the <Queue url> it got. */
  const takeCall = async (call: SimulatedCall, operatorFrom: string, answeredAt: string) => {
    clock = at(answeredAt);
    const operatorLeg = new SimulatedCall(stack.api.url, operatorFrom);
    const dial = await operatorLeg.post('/telephony/voice/operator');
    const connectUrl: string = dial.doc.Dial.Queue.url;
    await step(answeredAt, () => call.post(connectUrl, { DequeueingCallSid: operatorLeg.callSid, QueueTime: '1' }));
    return { connectUrl, operatorLeg };
  };

  const hangUp = (call: SimulatedCall, endedAt: string) => step(endedAt, () => call.post('/telephony/voice/status', { CallStatus: 'completed', CallDuration: '1' }));

  before(async function () {
    this.timeout(120_000);
    api = new AdminApiClient(stack.api.url);
    await api.login('admin', 'supervisor', 'dispatcher', 'handler', 'operator');
    operatorName = `callop${api.run}`;
    deskPhone = randomMobile();
    const created = await api.post('/api/users', { username: operatorName, displayName: `话务员${api.run}`, roles: ['operator'], unitId: 'hotline', phone: deskPhone, password: `Op@${api.run}x12345` }, 'admin');
    assert.equal(created.status, 201, JSON.stringify(created.body));
    operatorId = created.body.id;
    assert.equal((await api.loginWith(operatorName, `Op@${api.run}x12345`)).status, 200);

    // A: taken by the operator's Twilio Client after 30 s, 180 s of talk, filed under the
    // case the operator registered 60 s after the caller hung up.
    const a = new SimulatedCall(stack.api.url);
    filedCall = a.callSid;
    await queue(a, '2026-04-07T10:00:05');
    const { connectUrl, operatorLeg } = await takeCall(a, `client:${operatorName}`, '2026-04-07T10:00:35');
    assert.equal(new URL(connectUrl).searchParams.get('operator'), operatorId);
    await step('2026-04-07T10:03:35', () => a.post('/telephony/voice/queue-result', { QueueResult: 'bridged', QueueTime: '30' }));
    await hangUp(a, '2026-04-07T10:03:35');
    // The operator's own leg reported to the status callback is no citizen's call.
    await hangUp(operatorLeg, '2026-04-07T10:03:36');
    clock = at('2026-04-07T10:04:00');
    const registered = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title: `话务统计${api.run}`, content: '来电反映小区路灯不亮。', citizenPhone: a.from.replace('+86', ''), address: '东湖区解放路1号' }, operatorName);
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    caseId = registered.body.caseId;
    clock = at('2026-04-07T10:04:35');
    const filed = await api.post(`/api/telephony/calls/${a.callSid}/case`, { caseId, reason: '来电登记' }, operatorName);
    assert.equal(filed.status, 200, JSON.stringify(filed.body));

    // B: taken from the operator's desk phone after 10 s, 100 s of talk, no case.
    const b = new SimulatedCall(stack.api.url);
    await queue(b, '2026-04-07T10:10:00');
    await takeCall(b, deskPhone, '2026-04-07T10:10:10');
    await hangUp(b, '2026-04-07T10:11:50');

    // C: the caller hangs up after 45 s in the queue.
    const c = new SimulatedCall(stack.api.url);
    await queue(c, '2026-04-07T11:20:02');
    await step('2026-04-07T11:20:47', () => c.post('/telephony/voice/queue-result', { QueueResult: 'hangup', QueueTime: '45' }));
    await hangUp(c, '2026-04-07T11:20:48');

    // D: a call that never asks for an operator (hangs up at the menu).
    const d = new SimulatedCall(stack.api.url);
    clock = at('2026-04-07T11:30:00');
    await d.incoming();
    await hangUp(d, '2026-04-07T11:30:20');

    // E, the next day: answered after 20 s by a phone that is no operator's, 40 s of talk.
    const e = new SimulatedCall(stack.api.url);
    await queue(e, '2026-04-08T09:00:05');
    await takeCall(e, randomMobile(), '2026-04-08T09:00:25');
    await hangUp(e, '2026-04-08T09:01:05');
    clock = at('2026-04-08T12:00:00');
  });

  it('counts offered, answered, abandoned, 接通率 and the average wait and talk, by hour and by day', async () => {
    const response = await api.get('/api/statistics/call-centre?from=2026-04-07&to=2026-04-08', 'supervisor');
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const result = response.body;
    assert.deepEqual(result.totals, {
      received: 5, offered: 4, answered: 3, abandoned: 1, toVoicemail: 0, answerRate: 0.75, abandonRate: 0.25,
      // (30 + 10 + 45 + 20) / 4 and (180 + 100 + 40) / 3
      avgWaitSec: 26.3, avgTalkSec: 106.7,
    });
    assert.equal(result.byHour.length, 24);
    const hour = (h: number) => result.byHour[h];
    assert.deepEqual(hour(10), { hour: 10, received: 2, offered: 2, answered: 2, abandoned: 0, toVoicemail: 0, answerRate: 1, abandonRate: 0, avgWaitSec: 20, avgTalkSec: 140 });
    assert.deepEqual(hour(11), { hour: 11, received: 2, offered: 1, answered: 0, abandoned: 1, toVoicemail: 0, answerRate: 0, abandonRate: 1, avgWaitSec: 45, avgTalkSec: null });
    assert.deepEqual(hour(9), { hour: 9, received: 1, offered: 1, answered: 1, abandoned: 0, toVoicemail: 0, answerRate: 1, abandonRate: 0, avgWaitSec: 20, avgTalkSec: 40 });
    assert.equal(result.byHour.filter((row: { received: number }) => row.received > 0).length, 3);
    assert.deepEqual(result.byDay.map((row: { date: string; offered: number; answered: number; abandoned: number; answerRate: number }) => [row.date, row.offered, row.answered, row.abandoned, row.answerRate]), [
      ['2026-04-07', 3, 2, 1, 2 / 3],
      ['2026-04-08', 1, 1, 0, 1],
    ]);
  });

  it('credits each operator with the calls taken, the calls filed under a case and the handling time', async () => {
    const calls = (await api.get('/api/statistics/call-centre?from=2026-04-07&to=2026-04-08', 'supervisor')).body;
    // E was answered by a phone that is no operator's: nobody is credited with it.
    assert.deepEqual(calls.operators, [{
      userId: operatorId, username: operatorName, displayName: `话务员${api.run}`,
      callsTaken: 2, casesRegistered: 0, callsWithCase: 1,
      // (180 + 100) / 2; handling adds A's 60 s until it was filed: (240 + 100) / 2
      avgTalkSec: 140, avgHandlingSec: 170,
    }]);
    const call = await testPrisma().call.findUniqueOrThrow({ where: { id: filedCall } });
    assert.deepEqual([call.caseId, call.answeredById], [caseId, operatorId]);
    const audit = await testPrisma().auditEvent.findFirstOrThrow({ where: { entityType: 'call', entityId: filedCall, action: 'callLinkedToCase' } });
    assert.deepEqual([audit.actorId, audit.caseId, (audit.payload as { reason: string }).reason], [operatorId, caseId, '来电登记']);

    // The case itself was registered (by the workflow's clock) today: it counts in today's period.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const todays = (await api.get(`/api/statistics/call-centre?from=${today}&to=${today}`, 'supervisor')).body;
    const row = todays.operators.find((r: { userId: string }) => r.userId === operatorId);
    assert.deepEqual([row?.callsTaken, row?.casesRegistered, row?.avgHandlingSec], [0, 1, null]);
  });

  it('refuses to file a call under a second case, or under a case that does not exist, and changes nothing', async () => {
    const other = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title: `另一件${api.run}`, content: '另一件诉求。' }, operatorName);
    assert.equal(other.status, 201);
    const twice = await api.post(`/api/telephony/calls/${filedCall}/case`, { caseId: other.body.caseId }, operatorName);
    assert.equal(twice.status, 409, JSON.stringify(twice.body));
    const missing = await api.post(`/api/telephony/calls/CA${'0'.repeat(32)}/case`, { caseId }, operatorName);
    assert.equal(missing.status, 404);
    // A call of a day the other tests do not count.
    clock = at('2026-04-20T12:00:00');
    const noCase = new SimulatedCall(stack.api.url);
    await noCase.incoming();
    assert.equal((await api.post(`/api/telephony/calls/${noCase.callSid}/case`, { caseId: '99990101000001' }, operatorName)).status, 404);
    assert.equal((await api.post(`/api/telephony/calls/${noCase.callSid}/case`, { caseId }, 'handler')).status, 403);
    assert.equal((await testPrisma().call.findUniqueOrThrow({ where: { id: filedCall } })).caseId, caseId);
    assert.equal((await testPrisma().call.findUniqueOrThrow({ where: { id: noCase.callSid } })).caseId, null);
  });

  it('downloads the days with a total row, the hours and the operators as CSV, and the days as XLSX', async () => {
    const csv = async (table: string) => {
      const response = await fetch(`${stack.api.url}/api/statistics/call-centre?from=2026-04-07&to=2026-04-08&format=csv&table=${table}`, { headers: { authorization: `Bearer ${api.token('supervisor')}` } });
      assert.equal(response.status, 200);
      return (await response.text()).replace(/^\uFEFF/, '').split(/\r\n/).filter(Boolean);
    };
    const days = await csv('days');
    assert.equal(days[0], '日期,来电量,转人工量,接通量,放弃量,转留言量,接通率,呼损率,平均等待(秒),平均通话(秒)');
    assert.deepEqual(days.slice(1), ['2026-04-07,4,3,2,1,0,66.7%,33.3%,28.3,140', '2026-04-08,1,1,1,0,0,100.0%,0.0%,20,40', '合计,5,4,3,1,0,75.0%,25.0%,26.3,106.7']);
    const hours = await csv('hours');
    assert.equal(hours.length, 25);
    assert.match(hours.find((line) => line.startsWith('10:00'))!, /^10:00,2,2,2,0,0,100\.0%,0\.0%,20,140$/);
    const operators = await csv('operators');
    assert.deepEqual(operators.slice(1), [`话务员${api.run},${operatorName},2,0,1,140,170`]);

    // The same days as XLSX: numbers and rates as numbers.
    const xlsx = await fetch(`${stack.api.url}/api/statistics/call-centre?from=2026-04-07&to=2026-04-08&format=xlsx&table=days`, { headers: { authorization: `Bearer ${api.token('supervisor')}` } });
    assert.equal(xlsx.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.deepEqual((sheet.getRow(4).values as unknown[]).slice(1), ['合计', 5, 4, 3, 1, 0, 0.75, 0.25, 26.3, 106.7]);
  });

  it('puts the month’s figures in the monthly report', async () => {
    const response = await fetch(`${stack.api.url}/api/statistics/report?month=2026-04`, { headers: { authorization: `Bearer ${api.token('supervisor')}` } });
    assert.equal(response.status, 200);
    const html = await response.text();
    const section = html.slice(html.indexOf('<section id="call-centre">'));
    assert.ok(section.startsWith('<section id="call-centre"><h2>六、话务统计</h2>'), section.slice(0, 200));
    assert.match(section, /接通率<b>75\.0%<\/b>/);
    assert.match(section, /平均等待<b>26\.3秒<\/b>/);
    assert.match(section, new RegExp(`<td>话务员${api.run}</td><td>${operatorName}</td><td class="num">2</td>`));
  });

  it('keeps the figures to the hotline office and says which parameter is wrong', async () => {
    for (const role of ['operator', 'handler']) assert.equal((await api.get('/api/statistics/call-centre?from=2026-04-07&to=2026-04-08', role)).status, 403, role);
    const backwards = await api.get('/api/statistics/call-centre?from=2026-04-08&to=2026-04-07', 'supervisor');
    assert.equal(backwards.status, 400);
    assert.ok(backwards.body.error.fields.to, JSON.stringify(backwards.body));
    const table = await api.get('/api/statistics/call-centre?from=2026-04-07&to=2026-04-08&table=weeks', 'supervisor');
    assert.equal(table.status, 400);
    assert.ok(table.body.error.fields.table, JSON.stringify(table.body));
  });
});
