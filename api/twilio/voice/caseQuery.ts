// Option 3: the caller keys in a case number, then the case's query password (the receipt SMS
// carries it), and hears its status and the deadline of the clock it runs against; nothing
// personal (no name, phone, address or content) is ever spoken. An unknown number and a wrong
// password get the same "not found" (a number alone reveals nothing), and a call gets
// MAX_ATTEMPTS tries in all: the try count rides in the step URLs, which Twilio signs.
import type { Router } from 'express';
import { FINISHED_STATUSES, type CaseStatus } from '../../../rules/lifecycle/types';
import { MAX_ATTEMPTS, type VoiceContext } from './context';
import { gatherParams, passwordStepQuery, stepQuery } from './params';
import { CITIZEN_STATUS_TEXT } from '../citizenStatusText';
import { checkCaseSecret } from '../../public/caseChecks';
import { queryPasswordMatches } from '../../../lib/citizenAccess/queryPasswords';
import { spokenDigits, spokenShanghaiDateTime } from './spoken';
import { gather, newResponse, say, type VoiceResponse } from './twiml';
import type { VoiceUrls } from './urls';

const CASE_NUMBER = /^\d{8,20}$/;
const QUERY_PASSWORD = /^\d{6}$/;
/**
 * The hash of no password anyone holds: an unknown case number or a case without a password
 * costs the same verification as a wrong password, so timing tells them apart no more than the
 * words do.
 */
const NO_PASSWORD_HASH = 'hmac-sha256$-';

export async function askCaseNumber(ctx: VoiceContext, response: VoiceResponse, urls: VoiceUrls, attempt: number, prompt: 'voice.queryPrompt' | 'voice.queryAgain' = 'voice.queryPrompt'): Promise<VoiceResponse> {
  const prompts = await ctx.prompts(prompt);
  gather(response, { action: urls.step('query/lookup', { attempt }), input: 'dtmf', finishOnKey: '#', timeout: 10, prompt: prompts(prompt) });
  return response;
}

/** Whether `password` opens case `caseNo`: always one verification, whatever the case. */
async function passwordOpens(ctx: VoiceContext, caseNo: string, password: string): Promise<{ id: string; status: string; handleDueAt: Date | null } | null> {
  const found = CASE_NUMBER.test(caseNo)
    ? await ctx.deps.prisma.case.findUnique({ where: { id: caseNo }, select: { id: true, status: true, handleDueAt: true, queryPasswordHash: true } })
    : null;
  const check = () => queryPasswordMatches(found?.queryPasswordHash ?? NO_PASSWORD_HASH, QUERY_PASSWORD.test(password) ? password : '-', caseNo, ctx.deps.publicLinkSecret);
  // A real case's guesses count against its daily allowance, shared with the web look-up.
  const opens = found ? await checkCaseSecret(ctx.deps, found.id, 'ivr', check) : await check();
  if (!found?.queryPasswordHash || !QUERY_PASSWORD.test(password) || !opens) return null;
  return { id: found.id, status: found.status, handleDueAt: found.handleDueAt };
}

export function caseQueryRoutes(router: Router, ctx: VoiceContext): void {
  router.post('/query/lookup', ctx.step(async (req) => {
    const params = gatherParams.parse(req.body);
    const { attempt } = stepQuery.parse(req.query);
    const urls = ctx.urls(req);
    const digits = (params.Digits ?? '').replace(/\D/g, '').slice(0, 20);
    if (!digits) return attempt >= MAX_ATTEMPTS ? ctx.goodbye() : askCaseNumber(ctx, newResponse(), urls, attempt + 1);
    // Asked whether or not the number exists: the answer comes only with the password.
    const prompts = await ctx.prompts('voice.queryPassword');
    const response = newResponse();
    gather(response, { action: urls.step('query/password', { attempt, case: digits }), input: 'dtmf', finishOnKey: '#', timeout: 10, prompt: prompts('voice.queryPassword') });
    return response;
  }));

  router.post('/query/password', ctx.step(async (req) => {
    const params = gatherParams.parse(req.body);
    const { attempt, case: caseNo } = passwordStepQuery.parse(req.query);
    const urls = ctx.urls(req);
    const password = (params.Digits ?? '').replace(/\D/g, '');
    const found = await passwordOpens(ctx, caseNo, password);
    const prompts = await ctx.prompts('voice.queryStatus', 'voice.queryDeadline', 'voice.queryNotFound');
    const response = newResponse();
    if (!found) {
      // The keys pressed are never logged: they are (guesses at) a citizen's password.
      ctx.deps.log.info({ callSid: params.CallSid, attempt, lastTry: attempt >= MAX_ATTEMPTS }, 'IVR case query: no case matches the number and password');
      say(response, prompts('voice.queryNotFound'));
      return attempt >= MAX_ATTEMPTS ? ctx.goodbye(response) : askCaseNumber(ctx, response, urls, attempt + 1);
    }
    say(response, prompts('voice.queryStatus', { caseNoSpoken: spokenDigits(found.id), status: CITIZEN_STATUS_TEXT[found.status as CaseStatus] ?? '正在办理' }));
    // The handling clock is the one the citizen waits on; a finished case has none running.
    if (found.handleDueAt && !FINISHED_STATUSES.includes(found.status as CaseStatus)) {
      say(response, prompts('voice.queryDeadline', { deadline: spokenShanghaiDateTime(found.handleDueAt) }));
    }
    // One more look-up is offered (the call's last try); silence or a wrong answer then ends the call.
    return askCaseNumber(ctx, response, urls, MAX_ATTEMPTS, 'voice.queryAgain');
  }));
}
