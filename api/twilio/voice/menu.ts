// The call's entry (the number's Voice URL) and the main menu: 1 operator, 2 leave a petition
// by voice, 3 look up a case, 4 policy queries (the knowledge base's top answers). The automated
// line answers every hour of every day (seed 000: 每周7天，每天24小时); outside seat hours only
// the operator branch closes, and 1 takes a voicemail for a call-back instead, as it does when
// the operators' queue is full. A caller about to be queued first hears the top answers.
import type { Router } from 'express';
import { addIvrStep, ensureInboundCall, setPurpose } from '../calls/callRecords';
import { isBlockedCaller } from '../../../lib/callerBlocks';
import { clearAnswers } from '../calls/voicePetition';
import { MAX_ATTEMPTS, type VoiceContext } from './context';
import { readIvrSettings, withinSeatHours, type IvrSettings } from './ivrSettings';
import { offerKnowledge } from './knowledge';
import { joinOperatorQueue, operatorQueueFull } from './operatorQueue';
import { gatherParams, callParams, stepQuery } from './params';
import { askPetition } from './petition';
import { askCaseNumber } from './caseQuery';
import { choiceOf } from './spoken';
import { gather, newResponse, say, startMediaStream, type VoiceResponse } from './twiml';
import type { VoiceUrls } from './urls';

/** Words a caller may say instead of pressing a key. */
const MENU_WORDS: Record<string, string> = { 人工: '1', 话务员: '1', 留言: '2', 反映: '2', 投诉: '2', 查询: '3', 进度: '3', 政策: '4', 咨询: '4' };

export function menuPrompt(response: VoiceResponse, urls: VoiceUrls, welcome: string, attempt: number): void {
  gather(response, { action: urls.step('menu', { attempt }), input: 'dtmf speech', numDigits: 1, hints: '人工,留言,查询,政策咨询', prompt: welcome });
}

/** The menu's welcome: the seat hours' own outside them, so the caller knows 1 means a call-back. */
async function welcomeOf(ctx: VoiceContext, settings: IvrSettings, now: Date): Promise<{ seated: boolean; text: string }> {
  if (withinSeatHours(now, settings.seatHours)) return { seated: true, text: (await ctx.prompts('voice.welcome'))('voice.welcome') };
  const prompts = await ctx.prompts('voice.welcomeAfterHours');
  return { seated: false, text: prompts('voice.welcomeAfterHours', { seatStart: settings.seatHours.start, seatEnd: settings.seatHours.end }) };
}

export function menuRoutes(router: Router, ctx: VoiceContext): void {
  const { prisma } = ctx.deps;

  router.post('/incoming', ctx.step(async (req) => {
    const params = callParams.parse(req.body);
    const now = ctx.now();
    await ensureInboundCall(prisma, { callSid: params.CallSid, from: params.From, to: params.To, status: params.CallStatus }, now);
    // A blocked number (issue 20) hears why and is hung up on: the call row stays, so the office
    // sees the attempts, but it never queues nor becomes a missed call.
    if (await isBlockedCaller(prisma, params.From, now)) {
      await prisma.call.update({ where: { id: params.CallSid }, data: { ivrPath: 'blocked' } });
      const response = newResponse();
      say(response, (await ctx.prompts('voice.blocked'))('voice.blocked'));
      response.hangup();
      return response;
    }
    const welcome = await welcomeOf(ctx, await readIvrSettings(prisma), now);
    const response = newResponse();
    menuPrompt(response, ctx.urls(req), welcome.text, 1);
    return response;
  }));

  router.post('/menu', ctx.step(async (req) => {
    const params = gatherParams.parse(req.body);
    const { attempt } = stepQuery.parse(req.query);
    const urls = ctx.urls(req);
    // A step may be the first we hear of a call (e.g. after a restart lost nothing but timing).
    const now = ctx.now();
    const call = await ensureInboundCall(prisma, { callSid: params.CallSid, from: params.From, to: params.To, status: params.CallStatus }, now);
    const welcome = await welcomeOf(ctx, await readIvrSettings(prisma), now);
    /** No, an invalid or an unavailable choice: the menu again, goodbye after the last try. */
    const menuAgain = async (): Promise<VoiceResponse> => {
      if (attempt >= MAX_ATTEMPTS) {
        await addIvrStep(prisma, call.id, 'noChoice');
        return ctx.goodbye();
      }
      const prompts = await ctx.prompts('voice.menuInvalid');
      const response = newResponse();
      say(response, prompts('voice.menuInvalid'));
      menuPrompt(response, urls, welcome.text, attempt + 1);
      return response;
    };
    switch (choiceOf(params, MENU_WORDS)) {
      case '1':
        // A caller already queued keeps their place when the seats close meanwhile (a retried webhook).
        if (!welcome.seated && !call.queuedAt) return ctx.voicemail(req, call.id);
        // The top answers first, unless the caller is queued already (a retried webhook) or would not be.
        if (!call.queuedAt && !(await operatorQueueFull(ctx, now))) {
          const offered = await offerKnowledge(ctx, req, 'queue');
          if (offered) return offered;
        }
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
      case '4': {
        const offered = await offerKnowledge(ctx, req, 'menu');
        if (!offered) return menuAgain();
        await addIvrStep(prisma, call.id, 'policyQuery');
        return offered;
      }
      default:
        return menuAgain();
    }
  }));
}
