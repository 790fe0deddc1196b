// What each kind of inbound SMS does before it is answered. Each action is idempotent (a retried
// webhook may run it again): a query reads, opt-out/in set a row, a survey answer is a signal the
// callback workflow takes once, and a petition text is just the stored message itself (a draft).
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporalClient } from '../../temporalClient';
import type { AppDeps } from '../../deps';
import { callbackWorkflowId, surveyAnsweredSignal } from '../../../workflows/callback/definitions';
import { FINISHED_STATUSES, type CaseStatus } from '../../../rules/lifecycle/types';
import { formatShanghaiMinute } from '../../../rules/shanghaiTime';
import type { db } from '../../../prisma/client';
import { CITIZEN_STATUS_TEXT, resolvedText, SATISFACTION_TEXT } from '../citizenStatusText';
import type { SmsIntent } from './intents';
import { phoneForms } from '../../../lib/phoneNumbers';
import { reply, type Reply } from './replies';

export type InboundDeps = Pick<AppDeps, 'prisma' | 'temporal' | 'namespace' | 'dataConverter' | 'log'>;

export interface InboundOutcome {
  reply: Reply;
  /** The case the message concerns, when the sender is its citizen. */
  caseId: string | null;
}

export function inboundActions(deps: InboundDeps) {
  const client = temporalClient(deps);

  /** Status and deadline, only of a case this phone filed: any other number gets the same neutral answer. */
  async function query(caseNo: string | null, from: string): Promise<InboundOutcome> {
    if (!caseNo) return { reply: reply('sms.reply.help', {}), caseId: null };
    const row = await deps.prisma.case.findFirst({ where: { id: caseNo, citizenPhone: { in: phoneForms(from) } }, select: { id: true, status: true, handleDueAt: true } });
    if (!row) return { reply: reply('sms.reply.caseNotFound', { caseNo }), caseId: null };
    const status = CITIZEN_STATUS_TEXT[row.status as CaseStatus] ?? row.status;
    const open = !FINISHED_STATUSES.includes(row.status as CaseStatus);
    if (open && row.handleDueAt) return { reply: reply('sms.reply.caseStatus', { caseNo: row.id, status, dueAt: formatShanghaiMinute(row.handleDueAt.getTime()) }), caseId: row.id };
    return { reply: reply('sms.reply.caseStatusNoDeadline', { caseNo: row.id, status }), caseId: row.id };
  }

  /** The answer to the newest survey waiting for this phone, as a keypad answer would be given. */
  async function surveyReply(satisfaction: db.Satisfaction, resolved: boolean | null, from: string): Promise<InboundOutcome> {
    const callback = await deps.prisma.callback.findFirst({
      where: { status: { in: ['pending', 'inProgress'] }, case: { status: 'callback', citizenPhone: { in: phoneForms(from) } } },
      orderBy: [{ startedAt: { sort: 'desc', nulls: 'last' } }, { round: 'desc' }],
      select: { id: true, caseId: true },
    });
    if (!callback) return { reply: reply('sms.reply.noOpenSurvey', {}), caseId: null };
    try {
      await client.workflow.getHandle(callbackWorkflowId(callback.id)).signal(surveyAnsweredSignal, { satisfaction, resolved, method: 'sms' });
    } catch (error) {
      // The callback ended (answered, stopped or out of attempts) since the projection was read.
      if (error instanceof WorkflowNotFoundError) return { reply: reply('sms.reply.noOpenSurvey', {}), caseId: callback.caseId };
      throw error;
    }
    deps.log.info({ caseId: callback.caseId, callbackId: callback.id, satisfaction, resolved }, 'survey answered by SMS');
    return { reply: reply('sms.reply.surveyThanks', { caseNo: callback.caseId, satisfaction: SATISFACTION_TEXT[satisfaction], resolved: resolvedText(resolved) }), caseId: callback.caseId };
  }

  return async function act(intent: SmsIntent, from: string): Promise<InboundOutcome> {
    switch (intent.intent) {
      case 'query':
        return query(intent.caseNo, from);
      case 'surveyReply':
        return surveyReply(intent.satisfaction, intent.resolved, from);
      case 'optOut':
        // Under every form a case may hold the number in, since notices look it up as the case has it.
        await deps.prisma.smsOptOut.createMany({ data: phoneForms(from).map((phone) => ({ phone })), skipDuplicates: true });
        return { reply: reply('sms.reply.optOut', {}), caseId: null };
      case 'optIn':
        await deps.prisma.smsOptOut.deleteMany({ where: { phone: { in: phoneForms(from) } } });
        return { reply: reply('sms.reply.optIn', {}), caseId: null };
      case 'intake':
        return { reply: reply('sms.reply.intakeReceived', {}), caseId: null };
      case 'unknown':
        return { reply: reply('sms.reply.help', {}), caseId: null };
    }
  };
}
