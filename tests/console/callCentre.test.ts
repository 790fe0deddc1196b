// The call-centre figures in Chromium: the operator registers a case from the ringing call's
// banner and the call is filed under it, its recording with it (played from the case page); then the dashboard's 话务统计 tab shows calls made this
// run through the signed voice webhooks (one taken by the demo operator's Twilio Client, one
// abandoned in the queue) as the API counts them, in Chinese and in English.
import assert from 'node:assert/strict';
import { AdminApiClient } from '../support/adminApi';
import { screenshot, settled, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { SimulatedCall, useKnowledgePlayback, useSeatHoursAllDay } from '../support/ivr';
import { mediaStreamWsUrl, newStreamSid, silenceMulaw, TwilioStreamClient } from '../support/mediaStreams';
import { waitUntil } from '../support/petitions';
import { typeIntake } from './steps/operator';
import { openStatisticsDashboard } from './steps/statistics';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('statistics dashboard: call centre (Chromium)', () => {
  const stack = useConsoleStack();
  useSeatHoursAllDay();
  // Option 1 straight into the queue: the knowledge list before it is tested in voiceKnowledge.test.ts.
  useKnowledgePlayback(0);
  let api: AdminApiClient;

  const queued = async () => {
    const call = new SimulatedCall(stack.api.url);
    const menu = await call.incoming();
    assert.ok((await call.answer(menu, { Digits: '1' })).doc.Enqueue);
    return call;
  };

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('supervisor');
  });

  it('files the call the operator registers a case from, from the ringing call’s banner', async () => {
    const page = await stack.signedIn('operator');
    await page.locator('[data-testid="incoming-calls"][data-feed="connected"]').waitFor({ state: 'attached' });
    const taken = await queued();
    const abandoned = await queued();
    const banner = page.locator(`[data-testid="incoming-call"][data-call-id="${taken.callSid}"]`);
    await banner.waitFor({ timeout: 15_000 });
    // The operator opens the form from the ringing call while the desk phone takes it.
    await banner.getByTestId('incoming-call-register').click();
    await sleep(1100);
    const operatorLeg = new SimulatedCall(stack.api.url, 'client:operator');
    const dial = await operatorLeg.post('/telephony/voice/operator');
    assert.equal((await taken.post(dial.doc.Dial.Queue.url, { DequeueingCallSid: operatorLeg.callSid })).status, 200);
    // The conversation, recorded by our Media Streams server as the <Start><Stream> of the queue asks.
    const streamSid = newStreamSid();
    const stream = await TwilioStreamClient.connect(mediaStreamWsUrl(stack.api.url), { callSid: taken.callSid, streamSid, tracks: ['inbound', 'outbound'] });
    stream.connected();
    stream.start();
    await stream.streamAudio(silenceMulaw(1000));
    await stream.finish();
    await waitUntil(async () => (await testPrisma().recording.findUnique({ where: { streamSid } }))?.status === 'completed');
    assert.equal((await abandoned.post('/telephony/voice/queue-result', { QueueResult: 'hangup', QueueTime: '1' })).status, 200);
    await page.locator('input[name="citizenPhone"]').focus();
    await page.keyboard.press('Control+A');
    await typeIntake(page, { phone: taken.from, caseType: '投诉', category: '路灯设施', title: `来电建单${api.run}`, content: '小区路灯不亮。' });
    await page.keyboard.press('Control+Enter');
    const caseId = (await page.getByTestId('registered-case-id').innerText()).trim();
    await waitUntil(async () => (await testPrisma().call.findUniqueOrThrow({ where: { id: taken.callSid } })).caseId === caseId);
    assert.equal((await testPrisma().call.findUniqueOrThrow({ where: { id: taken.callSid } })).answeredById, 'user-operator');
    // The recording went with the call: it is the case's, and the case page plays it.
    const recording = await testPrisma().recording.findUniqueOrThrow({ where: { streamSid }, include: { attachment: true } });
    assert.equal(recording.attachment?.caseId, caseId);
    await page.goto(new URL(`#/cases/${caseId}/show`, page.url()).href);
    const filed = page.locator(`[data-testid="case-call"][data-call-id="${taken.callSid}"]`);
    await filed.waitFor();
    assert.match(await filed.innerText(), /呼入 · 来电受理/);
    await filed.getByTestId('play-case-recording').first().click();
    // Loaded from the object URL: the player knows the recording's length (1 s).
    const audio = filed.getByTestId('case-recording-audio').first();
    await audio.waitFor();
    await waitUntil(async () => (await audio.evaluate((element) => (element as unknown as { duration: number }).duration)) > 0.9);
    assert.equal((await taken.post('/telephony/voice/status', { CallStatus: 'completed', CallDuration: '1' })).status, 204);
  });

  it('shows the month’s calls offered, answered, 接通率 and the operator who took them, as the API counts them', async () => {
    const month = today().slice(0, 7);
    const [year, mon] = month.split('-').map(Number) as [number, number];
    const to = `${month}-${String(new Date(Date.UTC(year, mon, 0)).getUTCDate()).padStart(2, '0')}`;
    const figures = (await api.get(`/api/statistics/call-centre?from=${month}-01&to=${to}`, 'supervisor')).body;
    assert.ok(figures.totals.answered >= 1 && figures.totals.abandoned >= 1, JSON.stringify(figures.totals));
    const operator = figures.operators.find((row: { username: string }) => row.username === 'operator');
    assert.ok(operator && operator.callsTaken >= 1 && operator.callsWithCase >= 1 && operator.avgTalkSec > 0, JSON.stringify(figures.operators));

    const page = await stack.signedIn('supervisor');
    await openStatisticsDashboard(page);
    await page.getByTestId('statistics-tab-callCentre').click();
    const value = (key: string) => page.getByTestId(`call-kpi-${key}-value`).innerText();
    await page.getByTestId('call-kpi-offered-value').waitFor();
    assert.equal(await value('offered'), String(figures.totals.offered));
    assert.equal(await value('answered'), String(figures.totals.answered));
    assert.equal(await value('abandoned'), String(figures.totals.abandoned));
    assert.equal(await value('answerRate'), new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(figures.totals.answerRate));
    assert.equal(await value('avgTalkSec'), `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(figures.totals.avgTalkSec)} 秒`);
    assert.equal(await value('avgWaitSec'), `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(figures.totals.avgWaitSec)} 秒`);
    const row = page.getByTestId('operator-row-operator');
    assert.match(await row.innerText(), new RegExp(`^${operator.displayName}\\s+${operator.callsTaken}\\s+${operator.casesRegistered}\\s+${operator.callsWithCase}\\s`));
    // This hour's bars are drawn: the run's calls came in now.
    const hourBars = page.getByTestId('call-centre-by-hour').locator('svg [data-series="answered"] .MuiBarChart-element');
    await hourBars.first().waitFor({ state: 'attached' });
    assert.ok((await hourBars.evaluateAll((bars) => bars.filter((bar) => Number(bar.getAttribute('height')) > 0).length)) >= 1);
    // And today's bar of the days: one band per day of the month, today's drawn.
    const dayBars = page.getByTestId('call-centre-by-day').locator('svg [data-series="answered"] .MuiBarChart-element');
    await dayBars.first().waitFor({ state: 'attached' });
    const dayHeights = await dayBars.evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('height'))));
    assert.equal(dayHeights.length, figures.byDay.length);
    assert.ok(dayHeights[figures.byDay.findIndex((row: { date: string }) => row.date === today())]! > 0, JSON.stringify(dayHeights));
    await settled(page);
    await screenshot(page, 'statistics-call-centre');

    await page.getByRole('button', { name: /语言|Language|中文/ }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    // The page is drawn again in English, on its first tab.
    await page.getByTestId('statistics-tab-callCentre').getByText(/^call centre$/i).waitFor();
    await page.getByTestId('statistics-tab-callCentre').click();
    await page.getByTestId('call-kpi-offered').getByText('Offered').waitFor();
    await page.getByRole('columnheader', { name: 'Calls taken' }).waitFor();
  });
});
