// The call's entry (the number's Voice URL) and the main menu: 1 operator, 2 leave a petition
// by voice, 3 look up a case. Outside seat hours or with the queue full, straight to voicemail.
import type { Router } from 'express';
import { ensureInboundCall, setPurpose, waitingCallers } from '../calls/callRecords';
import { clearAnswers } from '../calls/voicePetition';
import { MAX_ATTEMPTS, type VoiceContext } from './context';
import { readIvrSettings, withinSeatHours } from './ivrSettings';
import { joinOperatorQueue } from './operatorQueue';
import { gatherParams, callParams, stepQuery } from './params';
import { askPetition } from './petition';
import { askCaseNumber } from './caseQuery';
import { choiceOf } from './spoken';
import { gather, newResponse, say, startMediaStream, type VoiceResponse } from './twiml';
import { OPERATOR_QUEUE, type VoiceUrls } from './urls';

/** Words a caller may say instead of pressing a key. */
const MENU_WORDS: Record<string, string> = { 人工: '1', 话务员: '1', 留言: '2', 反映: '2', 投诉: '2', 查询: '3', 进度: '3' };

export function menuPrompt(response: VoiceResponse, urls: VoiceUrls, welcome: string, attempt: number): void {
  gather(response, { action: urls.step('menu', { attempt }), input: 'dtmf speech', numDigits: 1, hints: '人工,留言,查询', prompt: welcome });
}

export function menuRoutes(router: Router, ctx: VoiceContext): void {
  const { prisma } = ctx.deps;

  router.post('/incoming', ctx.step(async (req) => {
    const params = callParams.parse(req.body);
    const now = ctx.now();
    await ensureInboundCall(prisma, { callSid: params.CallSid, from: params.From, to: params.To, status: params.CallStatus }, now);
    const [settings, waiting, prompts] = await Promise.all([readIvrSettings(prisma), waitingCallers(prisma, OPERATOR_QUEUE, now), ctx.prompts('voice.welcome')]);
    if (!withinSeatHours(now, settings.seatHours) || waiting >= settings.maxQueueLength) return ctx.voicemail(req, params.CallSid);
    const response = newResponse();
    menuPrompt(response, ctx.urls(req), prompts('voice.welcome'), 1);
    return response;
  }));

  router.post('/menu', ctx.step(async (req) => {
    const params = gatherParams.parse(req.body);
    const { attempt } = stepQuery.parse(req.query);
    const urls = ctx.urls(req);
    // A step may be the first we hear of a call (e.g. after a restart lost nothing but timing).
    const call = await ensureInboundCall(prisma, { callSid: params.CallSid, from: params.From, to: params.To, status: params.CallStatus }, ctx.now());
    switch (choiceOf(params, MENU_WORDS)) {
      case '1':
        return joinOperatorQueue(ctx, req, call);
      case '2': {
        await setPurpose(prisma, call.id, 'intake', 'voicePetition');
        await clearAnswers(prisma, call.id);
        const response = newResponse();
        // Our Media Streams server records what the caller says from here on.
        startMediaStream(response, urls.mediaStream, call.id, ctx.streamToken(call.id));
        return askPetition(ctx, response, urls, 'what', 1);
      }
      case '3': {
        await setPurpose(prisma, call.id, 'caseQuery', 'caseQuery');
        return askCaseNumber(ctx, newResponse(), urls, 1);
      }
      default: {
        if (attempt >= MAX_ATTEMPTS) {
          await prisma.call.update({ where: { id: call.id }, data: { ivrPath: 'noChoice' } });
          return ctx.goodbye();
        }
        const prompts = await ctx.prompts('voice.menuInvalid', 'voice.welcome');
        const response = newResponse();
        say(response, prompts('voice.menuInvalid'));
        menuPrompt(response, urls, prompts('voice.welcome'), attempt + 1);
        return response;
      }
    }
  }));
}
