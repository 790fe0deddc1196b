// Twilio's webhooks for survey calls (回访电话), placed by the callback workflow's
// placeSurveyCall activity: the survey TwiML when the citizen picks up, the satisfaction key, the
// "resolved?" key, and the call's status. Answers and call ends go to the callback workflow as signals keyed by
// CallSid. A webhook Twilio retries changes nothing a second time but is answered the same way;
// one for a callback or attempt this system does not know gets a polite goodbye, never an error.
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporalClient } from '../../temporalClient';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { identifier, singleLineText } from '../../../rules/text';
import { renderTemplate, type TemplateParams } from '../../../rules/templates/placeholders';
import type { AppDeps } from '../../deps';
import { CALL_END_STATUSES, callbackWorkflowId, surveyAnsweredSignal, surveyCallEndedSignal, surveyResolvedSignal, type CallEndStatus } from '../../../workflows/callback/definitions';
import { firstDelivery, type WebhookDelivery } from '../../../telephony/webhooks/once';
import { busyGoodbye, noValidKeyGoodbye, repeatQuestion, RESOLVED_KEYS, spokenDigits, surveyOverGoodbye, SURVEY_KEYS, thanksAndGoodbye } from '../../../telephony/callback/surveyTwiml';
import { emptyVoiceResponse, keypadQuestion } from '../../../telephony/keypadTwiml';
import { SURVEY_TEMPLATES } from '../../../rules/templates/survey';
import type { SurveyCallRef } from '../../../telephony/callback/urls';

const CALL_STATUSES = ['queued', 'initiated', 'ringing', 'in-progress', ...CALL_END_STATUSES] as const;

/** The parameters of Twilio's voice webhooks this router reads (Twilio sends many more). */
export const surveyCallParams = z.object({
  CallSid: identifier(34).regex(/^CA[0-9a-fA-F]{32}$/, 'a Twilio CallSid (CA + 32 hex digits)'),
  From: singleLineText(64).optional(),
  To: singleLineText(64).optional(),
  Digits: singleLineText(32).optional(),
});
export const surveyCallStatusParams = surveyCallParams.extend({
  CallStatus: z.enum(CALL_STATUSES),
  CallDuration: identifier(6).regex(/^\d{1,6}$/, 'whole seconds').optional(),
});
/** What the URLs given to Twilio carry (telephony/callback/urls.ts); anything else is unknown. */
export const surveyCallQuery = z.object({
  callbackId: identifier(100),
  attemptNo: z.coerce.number().int().min(1).max(50),
  try: z.enum(['1', '2']).optional(),
});

type Params = z.infer<typeof surveyCallParams>;

interface SurveyCall extends SurveyCallRef {
  caseId: string;
  /** The callback still waits for an answer (as the projection last saw it). */
  open: boolean;
}

const isEnd = (status: string): status is CallEndStatus => (CALL_END_STATUSES as readonly string[]).includes(status);

export function callbackCallRoutes(deps: AppDeps): Router {
  const router = Router();
  const client = temporalClient(deps);
  // The same base the signature check rebuilds URLs from: the gather action is signed like the rest.
  const baseUrl = (req: Request) => deps.publicBaseUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`;
  const answerUrl = (req: Request, call: SurveyCallRef, attempt: '1' | '2', question: 'answer' | 'resolved' = 'answer') => {
    const query = new URLSearchParams({ callbackId: call.callbackId, attemptNo: String(call.attemptNo), try: attempt });
    return `${baseUrl(req)}/telephony/callback/${question}?${query}`;
  };

  /** The attempt this webhook is about, if it is a survey call this system placed (or is placing). */
  const surveyCall = async (req: Request, callSid: string): Promise<SurveyCall | null> => {
    const query = surveyCallQuery.safeParse(req.query);
    if (!query.success) return null;
    const { callbackId, attemptNo } = query.data;
    const attempt = await deps.prisma.callbackAttempt.findUnique({
      where: { callbackId_attemptNo: { callbackId, attemptNo } },
      select: { method: true, callSid: true, callback: { select: { caseId: true, status: true, case: { select: { status: true } } } } },
    });
    // No CallSid yet: Twilio can reach us before the activity placing the call has stored it.
    if (!attempt || attempt.method !== 'phoneCall' || (attempt.callSid !== null && attempt.callSid !== callSid)) return null;
    const open = ['pending', 'inProgress'].includes(attempt.callback.status) && attempt.callback.case.status === 'callback';
    return { callbackId, attemptNo, caseId: attempt.callback.caseId, open };
  };

  const surveyPrompt = async (caseId: string): Promise<string> => {
    const template = await deps.prisma.messageTemplate.findUnique({ where: { code: 'voice.survey' }, select: { body: true } });
    return renderTemplate(template?.body ?? SURVEY_TEMPLATES['voice.survey'].body, { caseNo: spokenDigits(caseId) } satisfies TemplateParams<'voice.survey'>);
  };
  const resolvedPrompt = async (): Promise<string> => {
    const template = await deps.prisma.messageTemplate.findUnique({ where: { code: 'voice.surveyResolved' }, select: { body: true } });
    return renderTemplate(template?.body ?? SURVEY_TEMPLATES['voice.surveyResolved'].body, {} satisfies TemplateParams<'voice.surveyResolved'>);
  };

  const delivery = (kind: string, key: string, params: Params, body: unknown): WebhookDelivery => ({ dedupeKey: `${kind}:${params.CallSid}:${key}`, kind, sid: params.CallSid, params: body as Record<string, string> });

  /** Records the webhook, then runs its effect; a failed effect un-records it so a retry can redo it. */
  const once = async (webhook: WebhookDelivery, effect: () => Promise<void>): Promise<boolean> => {
    if (!(await firstDelivery(deps.prisma, webhook))) return false;
    try {
      await effect();
    } catch (error) {
      await deps.prisma.telephonyWebhook.deleteMany({ where: { dedupeKey: webhook.dedupeKey } });
      throw error;
    }
    return true;
  };

  /** A signal to a callback workflow that has ended already is no news to anyone. */
  const signalCallback = async (callbackId: string, send: (handle: ReturnType<typeof client.workflow.getHandle>) => Promise<void>) => {
    try {
      await send(client.workflow.getHandle(callbackWorkflowId(callbackId)));
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  };

  const twiml = (res: Response, body: string) => res.type('text/xml').send(body);

  /** The citizen picked up: the survey question. */
  router.post('/survey', async (req, res) => {
    const params = surveyCallParams.parse(req.body);
    const call = await surveyCall(req, params.CallSid);
    if (!call?.open) return twiml(res, surveyOverGoodbye());
    await once(delivery('callbackSurvey', 'answered', params, req.body), async () => {
      const now = new Date();
      await upsertCall(deps, call, params, 'in-progress');
      await deps.prisma.call.updateMany({ where: { id: params.CallSid, answeredAt: null }, data: { answeredAt: now } });
    });
    twiml(res, keypadQuestion(await surveyPrompt(call.caseId), answerUrl(req, call, '1')));
  });

  /** The satisfaction key (or none): 1 / 2 / 3 answers and the "resolved?" question follows; anything else is asked once more. */
  router.post('/answer', async (req, res) => {
    const params = surveyCallParams.parse(req.body);
    const call = await surveyCall(req, params.CallSid);
    if (!call?.open) return twiml(res, surveyOverGoodbye());
    const satisfaction = params.Digits === undefined ? undefined : SURVEY_KEYS[params.Digits];
    const attempt = surveyCallQuery.parse(req.query).try ?? '1';
    if (!satisfaction) {
      await firstDelivery(deps.prisma, delivery('callbackSurveyKey', `invalid:${attempt}`, params, req.body));
      return twiml(res, attempt === '1' ? repeatQuestion(await surveyPrompt(call.caseId), answerUrl(req, call, '2')) : noValidKeyGoodbye());
    }
    try {
      // One answer per call: a retried (or second) answer is thanked but not sent again.
      await once(delivery('callbackSurveyKey', 'answer', params, req.body), () =>
        signalCallback(call.callbackId, (handle) => handle.signal(surveyAnsweredSignal, { satisfaction, resolved: null, method: 'phoneCall', callSid: params.CallSid, resolutionAsked: true })),
      );
    } catch (error) {
      // Temporal unreachable: the citizen is not kept on the line; the call counts as unanswered.
      req.log.error({ err: error, callSid: params.CallSid }, 'survey answer not delivered to the callback workflow');
      return twiml(res, busyGoodbye());
    }
    twiml(res, keypadQuestion(await resolvedPrompt(), answerUrl(req, call, '1', 'resolved')));
  });

  /**
   * The "resolved?" key (or none): 1 resolved, 2 not; anything else is asked once more, then the
   * answer stands without it. The satisfaction key reached the callback already: a hang-up here
   * loses nothing but this answer.
   */
  router.post('/resolved', async (req, res) => {
    const params = surveyCallParams.parse(req.body);
    const call = await surveyCall(req, params.CallSid);
    if (!call?.open) return twiml(res, surveyOverGoodbye());
    const resolved = params.Digits === undefined ? undefined : RESOLVED_KEYS[params.Digits];
    const attempt = surveyCallQuery.parse(req.query).try ?? '1';
    if (resolved === undefined) {
      await firstDelivery(deps.prisma, delivery('callbackResolvedKey', `invalid:${attempt}`, params, req.body));
      if (attempt === '1') return twiml(res, repeatQuestion(await resolvedPrompt(), answerUrl(req, call, '2', 'resolved')));
    }
    try {
      await once(delivery('callbackResolvedKey', 'answer', params, req.body), () =>
        signalCallback(call.callbackId, (handle) => handle.signal(surveyResolvedSignal, { callSid: params.CallSid, resolved: resolved ?? null })),
      );
    } catch (error) {
      // The callback still has the satisfaction answer; the call's end completes it.
      req.log.error({ err: error, callSid: params.CallSid }, 'survey resolution not delivered to the callback workflow');
    }
    twiml(res, thanksAndGoodbye());
  });

  /** The call's progress; its end (answered or not) ends the callback's wait for it. */
  router.post('/status', async (req, res) => {
    const params = surveyCallStatusParams.parse(req.body);
    const call = await surveyCall(req, params.CallSid);
    if (!call) return twiml(res, emptyVoiceResponse());
    await once(delivery('callbackCallStatus', params.CallStatus, params, req.body), async () => {
      await upsertCall(deps, call, params, params.CallStatus);
      const now = new Date();
      if (params.CallStatus === 'in-progress') {
        await deps.prisma.call.updateMany({ where: { id: params.CallSid, answeredAt: null }, data: { answeredAt: now } });
      }
      const status = params.CallStatus;
      if (isEnd(status)) {
        await deps.prisma.call.update({ where: { id: params.CallSid }, data: { endedAt: now, durationSec: params.CallDuration === undefined ? null : Number(params.CallDuration) } });
        await signalCallback(call.callbackId, (handle) => handle.signal(surveyCallEndedSignal, { callSid: params.CallSid, outcome: status }));
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
async function upsertCall(deps: Pick<AppDeps, 'prisma'>, call: SurveyCall, params: Params, status: string): Promise<void> {
  const callbackAttemptId = `${call.callbackId}-${call.attemptNo}`;
  // createMany skips a row the activity (or a concurrent callback) inserted meanwhile: an
  // upsert with nothing to update is a read then an insert, which two writers can race.
  await deps.prisma.call.createMany({
    data: [{ id: params.CallSid, callSid: params.CallSid, direction: 'outbound', purpose: 'callback', fromNumber: params.From ?? '', toNumber: params.To ?? '', status, caseId: call.caseId, callbackAttemptId, startedAt: new Date() }],
    skipDuplicates: true,
  });
  await deps.prisma.call.updateMany({ where: { id: params.CallSid, endedAt: null }, data: { status } });
}
