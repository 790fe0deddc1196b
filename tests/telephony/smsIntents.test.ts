// How inbound SMS texts are read, and what staff are shown of stored ones.
import assert from 'node:assert/strict';
import { parseSmsIntent } from '../../api/twilio/sms/intents';
import { redactSmsBody } from '../../api/twilio/sms/redact';

describe('SMS intents', () => {
  it('reads case queries with full-width digits, spaces, colons and the short forms', () => {
    for (const text of ['查询2026112300042', '查询 2026112300042', '查询：２０２６１１２３０００４２', ' 查 2026 1123 00042 ', 'cx2026112300042', 'ＣＸ 2026112300042', '查询受理号2026112300042。']) {
      assert.deepEqual(parseSmsIntent(text), { intent: 'query', caseNo: '2026112300042' }, text);
    }
    assert.deepEqual(parseSmsIntent('查询'), { intent: 'query', caseNo: null });
  });

  it('reads survey answers as digits or words, satisfaction alone leaving "resolved?" unknown', () => {
    assert.deepEqual(parseSmsIntent('1'), { intent: 'surveyReply', satisfaction: 'satisfied', resolved: null });
    assert.deepEqual(parseSmsIntent(' ２ '), { intent: 'surveyReply', satisfaction: 'basicallySatisfied', resolved: null });
    assert.deepEqual(parseSmsIntent('不满意'), { intent: 'surveyReply', satisfaction: 'unsatisfied', resolved: null });
    assert.deepEqual(parseSmsIntent('基本 满意'), { intent: 'surveyReply', satisfaction: 'basicallySatisfied', resolved: null });
  });

  it('reads the two-part survey answer: satisfaction, then whether the problem was resolved', () => {
    for (const text of ['11', '1 1', '１１', '1,1', '1，1', '满意 已解决', '满意，解决', '1已解决']) {
      assert.deepEqual(parseSmsIntent(text), { intent: 'surveyReply', satisfaction: 'satisfied', resolved: true }, text);
    }
    for (const text of ['32', '3 2', '3、2', '不满意未解决', '不满意，没有解决', '3没解决。']) {
      assert.deepEqual(parseSmsIntent(text), { intent: 'surveyReply', satisfaction: 'unsatisfied', resolved: false }, text);
    }
    assert.deepEqual(parseSmsIntent('2 1'), { intent: 'surveyReply', satisfaction: 'basicallySatisfied', resolved: true });
    // Not an answer: a digit out of range, or a third part.
    for (const text of ['13', '41', '111', '1 1 1']) assert.deepEqual(parseSmsIntent(text), { intent: 'intake' }, text);
  });

  it('reads opt-out and opt-in keywords in any case and width', () => {
    for (const text of ['TD', 'td', 'ＴＤ', '退订', 'Stop', '取消']) assert.deepEqual(parseSmsIntent(text), { intent: 'optOut' }, text);
    for (const text of ['订阅', 'START', 'start']) assert.deepEqual(parseSmsIntent(text), { intent: 'optIn' }, text);
  });

  it('takes anything else as a petition, and an empty text as unknown', () => {
    assert.deepEqual(parseSmsIntent('解放路路灯坏了三天了，晚上很黑'), { intent: 'intake' });
    assert.deepEqual(parseSmsIntent('查询一下我反映的问题'), { intent: 'intake' });
    assert.deepEqual(parseSmsIntent('123'), { intent: 'intake' });
    assert.deepEqual(parseSmsIntent('   '), { intent: 'unknown' });
  });

  it("hides the receipt's query password and the citizen links' tokens from staff", () => {
    assert.equal(
      redactSmsBody('【12345热线】您的诉求已受理，受理号2026112300042，查询密码043921。可回复“查询2026112300042”了解进度。', 'sms.receipt'),
      '【12345热线】您的诉求已受理，受理号2026112300042，查询密码******。可回复“查询2026112300042”了解进度。',
    );
    assert.equal(redactSmsBody('在线评价： https://12345.test/citizen/link.html#eyJhIjoxfQ.c2ln 谢谢', 'sms.survey'), '在线评价： https://12345.test/citizen/link.html#[已隐藏] 谢谢');
    assert.equal(redactSmsBody('工单123456已交办', 'sms.dispatchNotice'), '工单123456已交办');
  });
});
