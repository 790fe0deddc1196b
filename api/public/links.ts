// The pages a signed SMS link opens: the satisfaction survey (回访) and the re-review request
// (复核申请). The token is the only credential; a forged or altered one is refused as unknown
// (404, no details), an expired one with 410. What is possible is decided where it always is:
// the survey answer goes to the callback workflow the way a phone answer does, the re-review
// request is the case workflow's `requestReReview` command.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { temporalClient } from '../temporalClient';
import { ApplicationFailure } from '@temporalio/common';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { multiLineText, requiredText, responseText } from '../../rules/text';
import { verifyLinkToken, type LinkClaims, type LinkPurpose } from '../../lib/citizenAccess/linkTokens';
import { answerSurveyUpdate, callbackWorkflowId } from '../../workflows/callback/definitions';
import type { CallbackOutcome } from '../../workflows/callback/workflow';
import { commandUpdates } from '../../workflows/petition/definitions';
import type { AppDeps } from '../deps';
import { commandRefusal } from '../http/commandRefusal';
import { HttpError } from '../http/errors';
import { acceptedReply } from './caseView';
import { SMS_LINK_CITIZEN } from './citizenActors';
import { SATISFACTIONS } from '../../rules/vocabulary';


export const surveyAnswerBody = z.strictObject({
  satisfaction: z.enum(SATISFACTIONS),
  resolved: z.boolean().optional(),
  comment: multiLineText(500).optional(),
});

export const reReviewBody = z.strictObject({
  reason: requiredText(2000),
});

/** What a link page shows; never the citizen's name or phone, nor who handled the case. */
export const linkView = z.discriminatedUnion('purpose', [
  z.object({
    purpose: z.literal('survey'),
    caseId: responseText(),
    handlingUnit: responseText().nullable(),
    reply: responseText().nullable(),
    /** open: may answer; answered: an answer is recorded; closed: the callback is over. */
    state: z.enum(['open', 'answered', 'closed']),
    answers: z.array(z.enum(SATISFACTIONS)),
    expiresAt: z.date(),
  }),
  z.object({
    purpose: z.literal('reReview'),
    caseId: responseText(),
    handlingUnit: responseText().nullable(),
    reply: responseText().nullable(),
    closedAt: z.date().nullable(),
    reReviewUntil: z.date().nullable(),
    /** open: may ask; requested: a re-review is under way; closed: not possible any more. */
    state: z.enum(['open', 'requested', 'closed']),
    expiresAt: z.date(),
  }),
]);

const NOT_VALID = () => new HttpError(404, 'not_found', 'this link is not valid');
const ALREADY_ANSWERED = () => new HttpError(409, 'already_answered', 'this survey has already been answered');
const SURVEY_CLOSED = () => new HttpError(410, 'survey_closed', 'this survey has ended');

export function linkRoutes(deps: Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'now' | 'publicLinkSecret'>, limit: RequestHandler): Router {
  const router = Router();
  const client = temporalClient(deps);
  const now = () => deps.now?.() ?? new Date();

  const readLink = <P extends LinkPurpose>(token: unknown, purpose?: P): Extract<LinkClaims, { purpose: P }> => {
    const check = typeof token === 'string' && token.length <= 512 ? verifyLinkToken(token, deps.publicLinkSecret, now()) : ({ ok: false, reason: 'invalid' } as const);
    if (!check.ok) throw check.reason === 'expired' ? new HttpError(410, 'link_expired', 'this link has expired') : NOT_VALID();
    if (purpose && check.link.purpose !== purpose) throw NOT_VALID();
    return check.link as Extract<LinkClaims, { purpose: P }>;
  };

  /** The link's callback and its survey as the projection last saw it. */
  const survey = async (link: Extract<LinkClaims, { purpose: 'survey' }>): Promise<{ callbackId: string; state: 'open' | 'answered' | 'closed' }> => {
    const callback = await deps.prisma.callback.findUnique({ where: { caseId_round: { caseId: link.caseId, round: link.round } }, select: { id: true, status: true, case: { select: { status: true } } } });
    if (!callback) throw NOT_VALID();
    if (callback.status === 'reached') return { callbackId: callback.id, state: 'answered' };
    const open = callback.case.status === 'callback' && ['pending', 'inProgress'].includes(callback.status);
    return { callbackId: callback.id, state: open ? 'open' : 'closed' };
  };

  router.get('/:token', limit, async (req, res) => {
    const link = readLink(req.params.token);
    const row = await deps.prisma.case.findUnique({ where: { id: link.caseId }, select: { id: true, status: true, closedAt: true, reReviewUntil: true, leadUnit: { select: { name: true } } } });
    if (!row) throw NOT_VALID();
    const common = { caseId: row.id, handlingUnit: row.leadUnit?.name ?? null, reply: await acceptedReply(deps.prisma, row.id), expiresAt: link.expiresAt };
    let view: z.input<typeof linkView>;
    if (link.purpose === 'survey') {
      view = { purpose: 'survey', ...common, state: (await survey(link)).state, answers: [...SATISFACTIONS] };
    } else {
      const open = row.status === 'closed' && row.reReviewUntil !== null && row.reReviewUntil > now();
      view = { purpose: 'reReview', ...common, closedAt: row.closedAt, reReviewUntil: row.reReviewUntil, state: row.status === 'reReview' ? 'requested' : open ? 'open' : 'closed' };
    }
    res.set('Cache-Control', 'no-store').json(view);
  });

  router.post('/:token/survey', limit, async (req, res) => {
    const link = readLink(req.params.token, 'survey');
    const answer = surveyAnswerBody.parse(req.body);
    // Over already (answered, or the case left its callback): the callback workflow may not have
    // heard yet that an operator took over, and would take an answer the case then ignores.
    const { callbackId, state } = await survey(link);
    if (state === 'answered') throw ALREADY_ANSWERED();
    if (state === 'closed') throw SURVEY_CLOSED();
    const callback = client.workflow.getHandle(callbackWorkflowId(callbackId));
    try {
      // The same answer a keypad or SMS reply gives, so an unsatisfied one leads to rehandling
      // exactly as on the phone; `sms` because the link came by SMS.
      await callback.executeUpdate(answerSurveyUpdate, { args: [{ satisfaction: answer.satisfaction, resolved: answer.resolved ?? null, comment: answer.comment || null, method: 'sms' }] });
    } catch (error) {
      throw await surveyRefusal(error, callback);
    }
    res.status(202).set('Cache-Control', 'no-store').json({ caseId: link.caseId, received: true });
  });

  router.post('/:token/re-review', limit, async (req, res) => {
    const link = readLink(req.params.token, 'reReview');
    const { reason } = reReviewBody.parse(req.body);
    try {
      const state = await client.workflow.getHandle(link.caseId).executeUpdate(commandUpdates.requestReReview, { args: [{ input: { reason, channel: 'web' }, actor: SMS_LINK_CITIZEN }] });
      res.set('Cache-Control', 'no-store').json({ caseId: state.caseId, status: state.status });
    } catch (error) {
      // A case's workflow ends when it is archived, i.e. when its re-review window has ended.
      if (error instanceof WorkflowNotFoundError) throw new HttpError(409, 'invalidState', 'the re-review window has ended');
      throw commandRefusal(error) ?? error;
    }
  });

  return router;
}

/** Why the callback workflow took no answer: answered already (409) or over (410). */
async function surveyRefusal(error: unknown, callback: WorkflowHandle): Promise<unknown> {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    if (error.cause.type === 'alreadyAnswered') return ALREADY_ANSWERED();
    if (error.cause.type === 'surveyClosed') return SURVEY_CLOSED();
  }
  if (!(error instanceof WorkflowNotFoundError)) return error;
  // The callback workflow has finished: how it ended tells which.
  const description = await callback.describe().catch(() => null);
  const outcome = description?.status.name === 'COMPLETED' ? ((await callback.result()) as CallbackOutcome).outcome : null;
  return outcome === 'answered' ? ALREADY_ANSWERED() : SURVEY_CLOSED();
}
