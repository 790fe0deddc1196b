// The knowledge base on the phone, over real HTTP as Twilio drives it: before option 1 queues a
// caller, the most recently published answers are listed (ivr.knowledgePlaybackCount of them);
// a key plays one and lists them again, 0 or silence queues; option 4 lists them at any hour as
// policy queries. Articles are published through /api/knowledge, the product's own way.
import assert from 'node:assert/strict';
import { AdminApiClient, listQuery } from '../support/adminApi';
import { useApiStack } from '../support/apiStack';
import { testPrisma } from '../support/db';
import { SimulatedCall, spokenTexts, useKnowledgePlayback, useSeatHoursAllDay, type TwimlAnswer } from '../support/ivr';
import { publishArticle, retireArticle, type PublishedArticle } from '../support/knowledge';
import { spokenPlainText } from '../../api/twilio/voice/spoken';
import { VOICE_PROMPT_TEMPLATES } from '../../rules/templates/voicePrompts';

describe('knowledge-base answers on the phone (/telephony/voice)', () => {
  let api: AdminApiClient;
  let older: PublishedArticle;
  let newer: PublishedArticle;
  // Registered before the stack's own, so it runs while the API is still up.
  after(async () => {
    for (const article of [older, newer]) if (article) await retireArticle(api, article.id);
  });
  const stack = useApiStack();
  useSeatHoursAllDay();
  useKnowledgePlayback(2);

  before(async () => {
    api = new AdminApiClient(stack.api.url);
    await api.login('operator', 'admin');
    older = await publishArticle(api, `居住证${api.run}如何办理？`, ['携带身份证和居住登记凭证，到社区服务站办理。', '办理不收费，十五个工作日内领取。']);
    newer = await publishArticle(api, `社保卡${api.run}补办`, ['社保卡丢失请先拨打挂失电话，再到任一合作银行网点补办。']);
  });

  const listing = (menu: 'voice.knowledgeMenu' | 'voice.policyMenu') =>
    VOICE_PROMPT_TEMPLATES[menu].body.replace('{choices}', `按1收听社保卡${api.run}补办；按2收听居住证${api.run}如何办理；`);
  const callRow = (call: SimulatedCall) => testPrisma().call.findUniqueOrThrow({ where: { id: call.callSid } });
  const queuedIn = (answer: TwimlAnswer) => answer.doc.Enqueue?.text as string | undefined;
  /** The caller hangs up: the queue is left for the suites after this one. */
  const hangUp = async (call: SimulatedCall) => assert.equal((await call.post('/telephony/voice/status', { CallStatus: 'completed', CallDuration: '30' })).status, 204);

  it('option 1 lists the newest published answers first; a key plays one and lists them again; 0 then queues, and the call records what was heard', async () => {
    const call = new SimulatedCall(stack.api.url);
    const list = await call.answer(await call.incoming(), { Digits: '1' });
    assert.equal(queuedIn(list), undefined, 'not queued while listening');
    const gather = list.doc.Gather[0];
    assert.deepEqual([gather.action, gather.input, gather.numDigits], [`${stack.api.url}/telephony/voice/knowledge/choice?then=queue`, 'dtmf', '1']);
    assert.deepEqual(spokenTexts(list.doc), [listing('voice.knowledgeMenu')]);

    const played = await call.answer(list, { Digits: '2' });
    assert.deepEqual(spokenTexts(played.doc), [`居住证${api.run}如何办理。携带身份证和居住登记凭证，到社区服务站办理。 办理不收费，十五个工作日内领取。`, listing('voice.knowledgeMenu')]);
    assert.equal(queuedIn(played), undefined);
    assert.equal((await callRow(call)).ivrPath, `knowledge:${older.id}`);

    const queued = await call.answer(played, { Digits: '0' });
    assert.equal(queuedIn(queued), 'operators');
    const row = await callRow(call);
    assert.deepEqual([row.ivrPath, row.purpose, row.queuedAt !== null], [`knowledge:${older.id}>operator`, 'intake', true]);
    // The call-centre list shows the way the caller came.
    const listed = await api.get(`/api/telephony/calls${listQuery({ filter: { fromNumber: call.from } })}`, 'operator');
    assert.deepEqual(listed.body.map((c: { id: string; ivrPath: string }) => [c.id, c.ivrPath]), [[call.callSid, `knowledge:${older.id}>operator`]]);
    await hangUp(call);
  });

  it('silence at the list, or a key with no answer behind it, queues the caller as before', async () => {
    for (const input of [{}, { Digits: '' }, { Digits: '7' }]) {
      const call = new SimulatedCall(stack.api.url);
      const list = await call.answer(await call.incoming(), { Digits: '1' });
      const queued = await call.answer(list, input);
      assert.equal(queuedIn(queued), 'operators', JSON.stringify(input));
      assert.equal((await callRow(call)).ivrPath, 'operator');
      await hangUp(call);
    }
  });

  it('option 4, policy queries: the same list on the automated line; 0 goes back to the menu, silence ends the call', async () => {
    const call = new SimulatedCall(stack.api.url);
    const list = await call.answer(await call.incoming(), { Digits: '4' });
    assert.equal(list.doc.Gather[0].action, `${stack.api.url}/telephony/voice/knowledge/choice?then=menu`);
    assert.deepEqual(spokenTexts(list.doc), [listing('voice.policyMenu')]);
    const played = await call.answer(list, { Digits: '1' });
    assert.deepEqual(spokenTexts(played.doc), [`社保卡${api.run}补办。社保卡丢失请先拨打挂失电话，再到任一合作银行网点补办。`, listing('voice.policyMenu')]);
    const back = await call.answer(played, { Digits: '0' });
    assert.equal(back.doc.Redirect[0].text, `${stack.api.url}/telephony/voice/incoming`);
    const menu = await call.post(back.doc.Redirect[0].text as string);
    assert.deepEqual(spokenTexts(menu.doc), [VOICE_PROMPT_TEMPLATES['voice.welcome'].body]);
    assert.deepEqual([(await callRow(call)).ivrPath, (await callRow(call)).queuedAt], [`policyQuery>knowledge:${newer.id}`, null]);

    const spoken = new SimulatedCall(stack.api.url);
    const byWord = await spoken.answer(await spoken.incoming(), { SpeechResult: '政策咨询' });
    const end = await spoken.answer(byWord, {});
    assert.ok('Hangup' in end.doc, end.xml);
    assert.deepEqual(spokenTexts(end.doc), [VOICE_PROMPT_TEMPLATES['voice.goodbye'].body]);
    assert.equal((await callRow(spoken)).ivrPath, 'policyQuery');
  });

  describe('with ivr.knowledgePlaybackCount 0', () => {
    useKnowledgePlayback(0);

    it('option 1 queues at once and option 4 is not on offer', async () => {
      const call = new SimulatedCall(stack.api.url);
      assert.equal(queuedIn(await call.answer(await call.incoming(), { Digits: '1' })), 'operators');
      const other = new SimulatedCall(stack.api.url);
      const again = await other.answer(await other.incoming(), { Digits: '4' });
      assert.deepEqual(spokenTexts(again.doc), [VOICE_PROMPT_TEMPLATES['voice.menuInvalid'].body, VOICE_PROMPT_TEMPLATES['voice.welcome'].body]);
      // A list left open when the setting changed leads on as if nothing was chosen.
      assert.equal(queuedIn(await other.post(`${stack.api.url}/telephony/voice/knowledge/choice?then=queue`, { Digits: '1' })), 'operators');
      await Promise.all([hangUp(call), hangUp(other)]);
    });
  });

  it('speaks answers as plain text, cut after a sentence when long', () => {
    assert.equal(spokenPlainText('**注意**：详见 https://example.gov.cn/a?b=1 。\n\n# 材料\n身份证', 100), '注意：详见 。 材料 身份证');
    assert.equal(spokenPlainText('第一句。第二句很长很长。第三句', 12), '第一句。第二句很长很长。');
    assert.equal(spokenPlainText('没有句号的一段很长的话', 5), '没有句号的');
  });
});
