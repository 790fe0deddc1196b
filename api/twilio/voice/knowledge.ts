// Knowledge-base answers on the phone. Before a caller joins the operators' queue (option 1),
// and at any hour as the automated line's policy queries (option 4, seed 000: 自动咨询), the IVR
// reads out the titles of the top published articles, plays the chosen one's answers and offers
// the list again. "Top" is the most recently published (a revision's publication counts): the
// product records no use of articles, and what was published last is what callers ask about.
// `ivr.knowledgePlaybackCount` says how many (0: no list; option 1 queues at once, as before).
// Each article played is a step of the call's IVR path ("knowledge:<id>"), which the call list
// (/api/telephony/calls) returns. The keys are worked out again at every step from the ranking.
import type { Request, Router } from 'express';
import { addIvrStep, ensureInboundCall, type CallRow } from '../calls/callRecords';
import type { VoiceContext } from './context';
import { readIvrSettings, withinSeatHours } from './ivrSettings';
import { joinOperatorQueue } from './operatorQueue';
import { gatherParams, knowledgeQuery, type KnowledgeThen } from './params';
import { spokenPlainText } from './spoken';
import { gather, newResponse, say, type VoiceResponse } from './twiml';

/** A title is read out in the list; a long one is cut (the list is heard, not read). */
const MAX_SPOKEN_TITLE = 40;
/** An answer longer than this (about a minute and a half of speech) is cut after a sentence. */
const MAX_SPOKEN_ANSWER = 400;

interface SpokenArticle {
  id: string;
  title: string;
  answers: { body: string }[];
}

/** The top published articles, best first, as many as the setting allows. */
async function topArticles(ctx: VoiceContext): Promise<SpokenArticle[]> {
  const { knowledgePlaybackCount } = await readIvrSettings(ctx.deps.prisma);
  if (knowledgePlaybackCount === 0) return [];
  return ctx.deps.prisma.knowledgeArticle.findMany({
    where: { status: 'published' },
    orderBy: [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
    take: knowledgePlaybackCount,
    select: { id: true, title: true, answers: { orderBy: { sortOrder: 'asc' }, select: { body: true } } },
  });
}

/** A title as the list says it, without its closing question mark (the prompt punctuates). */
const spokenTitle = (title: string) => spokenPlainText(title, MAX_SPOKEN_TITLE).replace(/[？?。.！!；;：:]+$/u, '');

/**
 * Choices said one after another: a space between two where the language wants one (after an
 * English `;`), none after Chinese punctuation. The template cannot carry the space itself: an
 * admin's save trims it like every text (rules/text.ts).
 */
export const spokenSeries = (choices: string[]): string =>
  choices.reduce((said, choice) => (said === '' || /[\s\u3000-\u303f\uff00-\uffef]$/u.test(said) ? said + choice : `${said} ${choice}`), '');

async function listing(ctx: VoiceContext, req: Request, response: VoiceResponse, articles: SpokenArticle[], then: KnowledgeThen): Promise<VoiceResponse> {
  const menu = then === 'queue' ? 'voice.knowledgeMenu' : 'voice.policyMenu';
  const prompts = await ctx.prompts(menu, 'voice.knowledgeChoice');
  const choices = spokenSeries(articles.map((article, index) => prompts('voice.knowledgeChoice', { key: String(index + 1), title: spokenTitle(article.title) })));
  gather(response, { action: ctx.urls(req).step('knowledge/choice', { then }), input: 'dtmf', numDigits: 1, prompt: prompts(menu, { choices }) });
  return response;
}

/** The list of top answers, or null when there is none to offer (setting 0, nothing published). */
export async function offerKnowledge(ctx: VoiceContext, req: Request, then: KnowledgeThen): Promise<VoiceResponse | null> {
  const articles = await topArticles(ctx);
  return articles.length > 0 ? listing(ctx, req, newResponse(), articles, then) : null;
}

/** Leaving the list for the operators: the queue, or a message for a call-back if the seats closed meanwhile. */
async function toOperator(ctx: VoiceContext, req: Request, call: CallRow): Promise<VoiceResponse> {
  const settings = await readIvrSettings(ctx.deps.prisma);
  if (!call.queuedAt && !withinSeatHours(ctx.now(), settings.seatHours)) return ctx.voicemail(req, call.id);
  return joinOperatorQueue(ctx, req, call);
}

export function knowledgeRoutes(router: Router, ctx: VoiceContext): void {
  const { prisma } = ctx.deps;

  router.post('/knowledge/choice', ctx.step(async (req) => {
    const params = gatherParams.parse(req.body);
    const { then } = knowledgeQuery.parse(req.query);
    const call = await ensureInboundCall(prisma, { callSid: params.CallSid, from: params.From, to: params.To, status: params.CallStatus }, ctx.now());
    const articles = await topArticles(ctx);
    const key = Number((params.Digits ?? '').trim().slice(0, 1));
    const chosen = key >= 1 ? articles[key - 1] : undefined;
    if (chosen) {
      await addIvrStep(prisma, call.id, `knowledge:${chosen.id}`);
      const prompts = await ctx.prompts('voice.knowledgeAnswer');
      const response = newResponse();
      const answer = spokenPlainText(chosen.answers.map((a) => a.body).join(' '), MAX_SPOKEN_ANSWER);
      say(response, prompts('voice.knowledgeAnswer', { title: spokenTitle(chosen.title), answer }));
      return listing(ctx, req, response, articles, then);
    }
    // 0, silence or a key with no article behind it: the caller wants on.
    if (then === 'queue') return toOperator(ctx, req, call);
    if (params.Digits?.trim().startsWith('0')) {
      const response = newResponse();
      response.redirect({ method: 'POST' }, ctx.urls(req).step('incoming'));
      return response;
    }
    return ctx.goodbye();
  }));
}
