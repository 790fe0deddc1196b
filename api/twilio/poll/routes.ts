// Twilio's webhooks for poll calls (民意调查), placed by the poll workflow's placePollCall
// activity: the introduction and first question when the citizen picks up, each question's key,
// and the call's status. Keys are kept on the number's PollTarget row (one per question, as the
// first valid key said it); the call's end goes to the campaign's workflow as a signal. A webhook
// Twilio retries changes nothing a second time; one for a number or attempt this system does not
// know (or no longer calls) gets a polite goodbye, never an error.
import { WorkflowNotFoundError } from '@temporalio/client';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { identifier } from '../../../rules/text';
import type { AppDeps } from '../../deps';
import { temporalClient } from '../../temporalClient';
import { firstDelivery, type WebhookDelivery } from '../../../telephony/webhooks/once';
import { emptyVoiceResponse, keypadQuestion, sayAndHangUp } from '../../../telephony/keypadTwiml';
import { loadPrompts, type Prompts } from '../voice/prompts';
import { storedQuestions, type PollQuestion } from '../../../telephony/poll/questions';
import { pollAnswerUrl, type PollCallRef } from '../../../telephony/poll/urls';
import { CALL_END_STATUSES, pollCallEndedSignal, pollWorkflowId, type CallEndStatus } from '../../../workflows/poll/definitions';
import { surveyCallParams, surveyCallStatusParams } from '../callback/routes';

/** The parameters of Twilio's voice webhooks this router reads: as for survey calls. */
export const pollCallParams = surveyCallParams;
export const pollCallStatusParams = surveyCallStatusParams;
/** What the URLs given to Twilio carry (telephony/poll/urls.ts); anything else is unknown. */
export const pollCallQuery = z.object({
  campaignId: identifier(100),
  targetId: identifier(100),
  attemptNo: z.coerce.number().int().min(1).max(50),
  q: z.coerce.number().int().min(0).max(9).optional(),
  try: z.enum(['1', '2']).optional(),
});

type Params = z.infer<typeof pollCallParams>;

interface PollCall extends PollCallRef {
  title: string;
  questions: PollQuestion[];
  /** The number is still being called on this attempt (not ended, the campaign not over). */
  live: boolean;
}

const isEnd = (status: string): status is CallEndStatus => (CALL_END_STATUSES as readonly string[]).includes(status);

export function pollCallRoutes(deps: AppDeps): Router {
  const router = Router();
  const client = temporalClient(deps);
  // The same base the signature check rebuilds URLs from: the gather actions are signed like the rest.
  const baseUrl = (req: Request) => deps.publicBaseUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`;

  /** The attempt this webhook is about, if it is a poll call this system placed (or is placing). */
  const pollCall = async (req: Request, callSid: string): Promise<PollCall | null> => {
    const query = pollCallQuery.safeParse(req.query);
    if (!query.success) return null;
    const { campaignId, targetId, attemptNo } = query.data;
    const target = await deps.prisma.pollTarget.findUnique({
      where: { id: targetId },
      select: { campaignId: true, attempts: true, status: true, lastCallSid: true, campaign: { select: { title: true, questions: true } } },
    });
    // No CallSid yet: Twilio can reach us before the activity placing the call has stored it.
    if (!target || target.campaignId !== campaignId || target.attempts !== attemptNo || (target.lastCallSid !== null && target.lastCallSid !== callSid)) return null;
    return { campaignId, targetId, attemptNo, title: target.campaign.title, questions: storedQuestions(target.campaign.questions), live: target.status === 'calling' };
  };

  const delivery = (kind: string, key: string, params: Params, body: unknown): WebhookDelivery => ({ dedupeKey: `${kind}:${params.CallSid}:${key}`, kind, sid: params.CallSid, params: body as Record<string, string> });
  const twiml = (res: Response, body: string) => res.type('text/xml').send(body);

  /** Records the webhook, then runs its effect; a failed effect un-records it so a retry can redo it. */
  const once = async (webhook: WebhookDelivery, effect: () => Promise<void>): Promise<void> => {
    if (!(await firstDelivery(deps.prisma, webhook))) return;
    try {
      await effect();
    } catch (error) {
      await deps.prisma.telephonyWebhook.deleteMany({ where: { dedupeKey: webhook.dedupeKey } });
      throw error;
    }
  };

  /** The admin's texts around the questions, read on every request so that an edit is heard at once. */
  const pollPrompts = () => loadPrompts(deps.prisma, ['voice.pollIntro', 'voice.pollInvalidKey', 'voice.pollThanks', 'voice.pollOver']);
  /** For a poll or number that is over, or a call this system does not know: polite, nothing recorded. */
  const pollOver = async () => sayAndHangUp((await pollPrompts())('voice.pollOver'));

  /** Question `index`, or thanks when there is none. */
  const ask = (req: Request, call: PollCall, index: number, prompts: Prompts) => {
    const question = call.questions[index];
    return question ? keypadQuestion(question.prompt, pollAnswerUrl(baseUrl(req), call, index, '1')) : sayAndHangUp(prompts('voice.pollThanks'));
  };

  /** The citizen picked up: the introduction and the first question. */
  router.post('/call', async (req, res) => {
    const params = pollCallParams.parse(req.body);
    const call = await pollCall(req, params.CallSid);
    if (!call?.live) return twiml(res, await pollOver());
    await once(delivery('pollCall', 'answered', params, req.body), async () => {
      await upsertCall(deps, call, params, 'in-progress');
      await deps.prisma.call.updateMany({ where: { id: params.CallSid, answeredAt: null }, data: { answeredAt: new Date() } });
    });
    const intro = (await pollPrompts())('voice.pollIntro', { title: call.title });
    twiml(res, keypadQuestion(call.questions[0]!.prompt, pollAnswerUrl(baseUrl(req), call, 0, '1'), intro));
  });

  /** A question's key (or none): a choice is kept and the next question follows; anything else is asked once more, then passed over. */
  router.post('/answer', async (req, res) => {
    const params = pollCallParams.parse(req.body);
    const call = await pollCall(req, params.CallSid);
    const { q, try: attempt = '1' } = pollCallQuery.parse(req.query);
    const question = q === undefined ? undefined : call?.questions[q];
    if (!call?.live || q === undefined || !question) return twiml(res, await pollOver());
    const prompts = await pollPrompts();
    const choice = question.choices.find((c) => c.key === params.Digits);
    if (!choice) {
      await firstDelivery(deps.prisma, delivery('pollKey', `q${q}:invalid:${attempt}`, params, req.body));
      if (attempt === '1') return twiml(res, keypadQuestion(question.prompt, pollAnswerUrl(baseUrl(req), call, q, '2'), prompts('voice.pollInvalidKey')));
      return twiml(res, ask(req, call, q + 1, prompts));
    }
    // One key per question and call: a retried (or second) key is answered but not kept again.
    await once(delivery('pollKey', `q${q}`, params, req.body), async () => {
      await deps.prisma.$executeRaw`UPDATE "PollTarget" SET answers = answers || jsonb_build_object(${String(q)}::text, ${choice.key}::text), "updatedAt" = now() WHERE id = ${call.targetId} AND NOT (answers ? ${String(q)}::text)`;
    });
    twiml(res, ask(req, call, q + 1, prompts));
  });

  /** The call's progress; its end (answered or not) ends the workflow's wait for it. */
  router.post('/status', async (req, res) => {
    const params = pollCallStatusParams.parse(req.body);
    const call = await pollCall(req, params.CallSid);
    if (!call) return twiml(res, emptyVoiceResponse());
    await once(delivery('pollCallStatus', params.CallStatus, params, req.body), async () => {
      await upsertCall(deps, call, params, params.CallStatus);
      const now = new Date();
      if (params.CallStatus === 'in-progress') await deps.prisma.call.updateMany({ where: { id: params.CallSid, answeredAt: null }, data: { answeredAt: now } });
      const status = params.CallStatus;
      if (isEnd(status)) {
        await deps.prisma.call.update({ where: { id: params.CallSid }, data: { endedAt: now, durationSec: params.CallDuration === undefined ? null : Number(params.CallDuration) } });
        try {
          await client.workflow.getHandle(pollWorkflowId(call.campaignId)).signal(pollCallEndedSignal, { targetId: call.targetId, callSid: params.CallSid, outcome: status });
        } catch (error) {
          // A campaign whose workflow has ended waits for no call.
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      }
    });
    twiml(res, emptyVoiceResponse());
  });

  return router;
}

/**
 * The call's row, created by whichever comes first (the activity that placed the call or
 * Twilio's first webhook); a status never replaces the final one (callbacks may arrive late).
 */
async function upsertCall(deps: Pick<AppDeps, 'prisma'>, call: PollCall, params: Params, status: string): Promise<void> {
  await deps.prisma.call.createMany({
    data: [{ id: params.CallSid, callSid: params.CallSid, direction: 'outbound', purpose: 'poll', fromNumber: params.From ?? '', toNumber: params.To ?? '', status, pollTargetId: call.targetId, startedAt: new Date() }],
    skipDuplicates: true,
  });
  await deps.prisma.call.updateMany({ where: { id: params.CallSid, endedAt: null }, data: { status } });
}
