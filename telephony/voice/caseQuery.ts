// Option 3: the caller keys in a case number and hears its status and the deadline of the clock
// it runs against; nothing personal (no name, phone, address or content) is ever spoken.
import type { Router } from 'express';
import { FINISHED_STATUSES, type CaseStatus } from '../../workflows/rules/lifecycle/types';
import { MAX_ATTEMPTS, type VoiceContext } from './context';
import { gatherParams, stepQuery } from './params';
import { CITIZEN_STATUS_TEXT } from '../citizenStatusText';
import { spokenDigits, spokenShanghaiDateTime } from './spoken';
import { gather, newResponse, say, type VoiceResponse } from './twiml';
import type { VoiceUrls } from './urls';

const CASE_NUMBER = /^\d{8,20}$/;

export async function askCaseNumber(ctx: VoiceContext, response: VoiceResponse, urls: VoiceUrls, attempt: number, prompt: 'voice.queryPrompt' | 'voice.queryAgain' = 'voice.queryPrompt'): Promise<VoiceResponse> {
  const prompts = await ctx.prompts(prompt);
  gather(response, { action: urls.step('query/lookup', { attempt }), input: 'dtmf', finishOnKey: '#', timeout: 10, prompt: prompts(prompt) });
  return response;
}

export function caseQueryRoutes(router: Router, ctx: VoiceContext): void {
  const { prisma } = ctx.deps;

  router.post('/query/lookup', ctx.step(async (req) => {
    const params = gatherParams.parse(req.body);
    const { attempt } = stepQuery.parse(req.query);
    const urls = ctx.urls(req);
    const digits = (params.Digits ?? '').replace(/\D/g, '');
    if (!digits) return attempt >= MAX_ATTEMPTS ? ctx.goodbye() : askCaseNumber(ctx, newResponse(), urls, attempt + 1);

    const found = CASE_NUMBER.test(digits)
      ? await prisma.case.findUnique({ where: { id: digits }, select: { id: true, status: true, handleDueAt: true } })
      : null;
    const prompts = await ctx.prompts('voice.queryStatus', 'voice.queryDeadline', 'voice.queryNotFound');
    const response = newResponse();
    if (!found) {
      say(response, prompts('voice.queryNotFound'));
      return attempt >= MAX_ATTEMPTS ? ctx.goodbye(response) : askCaseNumber(ctx, response, urls, attempt + 1);
    }
    say(response, prompts('voice.queryStatus', { caseNoSpoken: spokenDigits(found.id), status: CITIZEN_STATUS_TEXT[found.status as CaseStatus] ?? '正在办理' }));
    // The handling clock is the one the citizen waits on; a finished case has none running.
    if (found.handleDueAt && !FINISHED_STATUSES.includes(found.status as CaseStatus)) {
      say(response, prompts('voice.queryDeadline', { deadline: spokenShanghaiDateTime(found.handleDueAt) }));
    }
    // One more look-up is offered; silence (or a wrong number) then ends the call.
    return askCaseNumber(ctx, response, urls, MAX_ATTEMPTS, 'voice.queryAgain');
  }));
}
