// The case page's paper downloads (Chromium): the 交办单 button once the case is dispatched and a
// 答复报告 button on each result, for every role that reads the case — the office, the auditor and
// the lead unit — and none before the dispatch; a click saves the API's PDF under its Chinese name.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AdminApiClient } from '../support/adminApi';
import { screenshot, useConsoleStack } from '../support/console';
import { testPrisma } from '../support/db';
import { waitUntil } from '../support/petitions';
import { openCase } from './steps/casePage';

describe('case papers on the case page (Chromium)', () => {
  const stack = useConsoleStack();
  let api: AdminApiClient;

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'dispatcher', 'handler', 'leader', 'supervisor', 'auditor');
  });

  const registered = async (title: string): Promise<string> => {
    const response = await api.post('/api/cases', { channel: 'phone', caseTypeCode: 'complaint', title: `${title}${api.run}`, content: '解放路夜市摊贩占道经营，影响通行。', citizenName: '钱市民', citizenPhone: '13911114444' }, 'operator');
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const caseId: string = response.body.caseId;
    await waitUntil(async () => (await testPrisma().case.findUnique({ where: { id: caseId } })) !== null);
    return caseId;
  };
  const run = async (caseId: string, command: string, body: unknown, user: string) => {
    const response = await api.post(`/api/cases/${caseId}/commands/${command}`, body, user);
    assert.equal(response.status, 200, `${command}: ${JSON.stringify(response.body)}`);
  };

  it('offers both papers to the office, the auditor and the lead unit once there is a dispatch and a result', async () => {
    const caseId = await registered('交办单下载');
    await run(caseId, 'dispatch', { leadUnitId: 'chengguan', assistUnitIds: [], instructions: '请现场核查' }, 'dispatcher');
    await run(caseId, 'signFor', {}, 'handler');
    await run(caseId, 'submitResult', { actionsTaken: '已现场核查。', replyToCitizen: '已整改。', legalBasis: '《城市市容和环境卫生管理条例》', handlerName: '张承办', reviewerName: '赵领导', citizenContacted: true }, 'handler');
    const resultId: string = (await api.get(`/api/cases/${caseId}`, 'dispatcher')).body.results[0].id;

    for (const user of ['dispatcher', 'supervisor', 'auditor', 'handler', 'leader']) {
      const page = await stack.signedIn(user);
      await openCase(page, caseId);
      await page.getByTestId('download-dispatch-sheet').waitFor();
      await page.getByTestId(`download-reply-report-${resultId}`).waitFor();
      assert.match(await page.getByTestId('download-dispatch-sheet').innerText(), /下载交办单/);
      assert.match(await page.getByTestId(`download-reply-report-${resultId}`).innerText(), /下载答复报告/);
      if (user === 'handler') {
        await screenshot(page, 'case-papers-handler');
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-dispatch-sheet').click()]);
        assert.equal(download.suggestedFilename(), `交办单-${caseId}.pdf`);
        assert.equal((await readFile(await download.path())).subarray(0, 5).toString(), '%PDF-');
        const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-reply-report-${resultId}`).click()]);
        assert.equal(report.suggestedFilename(), `答复报告-${caseId}-1.pdf`);
      }
    }
  });

  it('offers no dispatch sheet before the case is dispatched', async () => {
    const caseId = await registered('未交办');
    const page = await stack.signedIn('dispatcher');
    await openCase(page, caseId);
    assert.equal(await page.getByTestId('download-dispatch-sheet').count(), 0);
    assert.equal(await page.locator('[data-testid^="download-reply-report-"]').count(), 0);
  });
});
