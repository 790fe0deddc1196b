// Option 2: a petition left by voice. The caller is asked what happened, where, and how to be
// contacted (the calling number unless keyed otherwise), then on the keypad whether their
// identity is to be kept confidential (实名保密: 1 yes; 2 or no key no); the answers are read
// back for confirmation (1) or to start over (2). The confirmation registers the case, once per
// call, in the same webhook, and its number is read back digit by digit, twice; the workflow
// sends the receipt SMS. Nothing is registered before the caller confirms, so a hang-up at any
// question leaves no case and no registration is left to a later callback that could fail unseen.
import type { Request, Router } from 'express';
import { ensureInboundCall } from '../calls/callRecords';
import { answersOf, clearAnswers, completeAnswers, saveAnswer, saveConfidential, type PetitionAnswers, type PetitionStep } from '../calls/voicePetition';
import { MAX_ATTEMPTS, type VoiceContext } from './context';
import { registerVoicePetition } from './petitionRegistration';
import { gatherParams, stepQuery, type GatherParams } from './params';
import { choiceOf, digitsIn, spokenDigits } from './spoken';
import { gather, newResponse, say, type VoiceResponse } from './twiml';
import type { VoiceUrls } from './urls';

const STEP_PROMPTS = { what: 'voice.petitionWhat', where: 'voice.petitionWhere', contact: 'voice.petitionContact' } as const;

export async function askPetition(ctx: VoiceContext, response: VoiceResponse, urls: VoiceUrls, step: PetitionStep, attempt: number): Promise<VoiceResponse> {
  const prompts = await ctx.prompts(STEP_PROMPTS[step], 'voice.petitionNotHeard');
  if (attempt > 1) say(response, prompts('voice.petitionNotHeard'));
  const action = urls.step(`petition/${step}`, { attempt });
  if (step === 'contact') {
    gather(response, { action, input: 'dtmf speech', finishOnKey: '#', timeout: 8, prompt: prompts('voice.petitionContact') });
  } else {
    gather(response, { action, input: 'speech', timeout: 6, prompt: prompts(STEP_PROMPTS[step]) });
  }
  return response;
}

async function askConfidential(ctx: VoiceContext, response: VoiceResponse, urls: VoiceUrls, attempt: number): Promise<VoiceResponse> {
  const prompts = await ctx.prompts('voice.petitionConfidential');
  gather(response, { action: urls.step('petition/confidential', { attempt }), input: 'dtmf', numDigits: 1, timeout: 6, prompt: prompts('voice.petitionConfidential') });
  return response;
}

async function readBack(ctx: VoiceContext, urls: VoiceUrls, answers: PetitionAnswers, confidential: boolean, attempt: number): Promise<VoiceResponse> {
  const prompts = await ctx.prompts('voice.petitionSummary', 'voice.petitionConfidentialNoted');
  const response = newResponse();
  if (confidential && attempt === 1) say(response, prompts('voice.petitionConfidentialNoted'));
  const summary = prompts('voice.petitionSummary', { what: answers.what, where: answers.where, contact: spokenDigits(answers.contact) });
  gather(response, { action: urls.step('petition/confirm', { attempt }), input: 'dtmf speech', numDigits: 1, hints: '确认,重新录入', prompt: summary });
  return response;
}

/** The contact number: keyed or spoken digits, else (nothing given) the calling number. */
function contactOf(params: GatherParams): string | null {
  const given = digitsIn(params.Digits ?? '') || digitsIn(params.SpeechResult ?? '');
  if (!given) return params.From.replace(/^\+86/, '') || null;
  return /^\d{5,20}$/.test(given) ? given : null;
}

export function petitionRoutes(router: Router, ctx: VoiceContext): void {
  const { prisma } = ctx.deps;

  const call = (params: GatherParams) => ensureInboundCall(prisma, { callSid: params.CallSid, from: params.From, to: params.To, status: params.CallStatus }, ctx.now());

  /** One spoken answer; nothing heard → ask again, up to MAX_ATTEMPTS. */
  const answerStep = (step: 'what' | 'where', next: PetitionStep) =>
    ctx.step(async (req: Request) => {
      const params = gatherParams.parse(req.body);
      const { attempt } = stepQuery.parse(req.query);
      const urls = ctx.urls(req);
      await call(params);
      const said = params.SpeechResult?.trim() ?? '';
      if (!said) return attempt >= MAX_ATTEMPTS ? ctx.goodbye() : askPetition(ctx, newResponse(), urls, step, attempt + 1);
      await saveAnswer(prisma, params.CallSid, step, said.slice(0, 2000));
      return askPetition(ctx, newResponse(), urls, next, 1);
    });

  router.post('/petition/what', answerStep('what', 'where'));
  router.post('/petition/where', answerStep('where', 'contact'));

  router.post('/petition/contact', ctx.step(async (req) => {
    const params = gatherParams.parse(req.body);
    const { attempt } = stepQuery.parse(req.query);
    const urls = ctx.urls(req);
    await call(params);
    const contact = contactOf(params);
    if (!contact) return attempt >= MAX_ATTEMPTS ? ctx.goodbye() : askPetition(ctx, newResponse(), urls, 'contact', attempt + 1);
    const answers = completeAnswers(await saveAnswer(prisma, params.CallSid, 'contact', contact));
    return answers ? askConfidential(ctx, newResponse(), urls, 1) : askPetition(ctx, newResponse(), urls, 'what', 1);
  }));

  /** 实名保密: 1 confidential; 2 or no key not; another key asked again, then not. Then the read-back. */
  router.post('/petition/confidential', ctx.step(async (req) => {
    const params = gatherParams.parse(req.body);
    const { attempt } = stepQuery.parse(req.query);
    const urls = ctx.urls(req);
    const row = await call(params);
    const answers = completeAnswers(answersOf(row));
    if (!answers) return askPetition(ctx, newResponse(), urls, 'what', 1);
    const choice = choiceOf(params);
    if (choice !== null && choice !== '1' && choice !== '2' && attempt < MAX_ATTEMPTS) {
      const prompts = await ctx.prompts('voice.menuInvalid');
      const response = newResponse();
      say(response, prompts('voice.menuInvalid'));
      return askConfidential(ctx, response, urls, attempt + 1);
    }
    const confidential = choice === '1';
    await saveConfidential(prisma, row.id, confidential);
    return readBack(ctx, urls, answers, confidential, 1);
  }));

  router.post('/petition/confirm', ctx.step(async (req) => {
    const params = gatherParams.parse(req.body);
    const { attempt } = stepQuery.parse(req.query);
    const urls = ctx.urls(req);
    const row = await call(params);
    const stored = answersOf(row);
    const answers = completeAnswers(stored);
    if (!answers) return askPetition(ctx, newResponse(), urls, 'what', 1);
    const choice = choiceOf(params, { 确认: '1', 提交: '1', 重新: '2', 重录: '2' });
    if (choice === '2') {
      await clearAnswers(prisma, row.id);
      return askPetition(ctx, newResponse(), urls, 'what', 1);
    }
    if (choice !== '1') return attempt >= MAX_ATTEMPTS ? ctx.goodbye() : readBack(ctx, urls, answers, stored.confidential === true, attempt + 1);
    const { caseId } = await registerVoicePetition(ctx.deps, { callSid: row.id, fromNumber: row.fromNumber, startedAt: row.startedAt, answers }, stored.confidential === true, () => ctx.now());
    const prompts = await ctx.prompts('voice.petitionRegistered');
    const response = newResponse();
    say(response, prompts('voice.petitionRegistered', { caseNoSpoken: spokenDigits(caseId) }));
    response.hangup();
    return response;
  }));
}
