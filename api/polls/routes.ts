// /api/polls: opinion poll campaigns (民意调查, issue 20). A supervisor or admin drafts a poll
// (questions answered on the keypad; the numbers typed in, or the citizens of cases closed in a
// period, less blocked and opted-out numbers), starts it (its workflow, workflows/poll, places
// the calls), pauses, resumes or cancels it, and reads its results. Every change is audited
// (entityType pollCampaign): created and started here, the rest by the workflow's Updates,
// whose validators refuse a command the campaign's state does not allow (409).
import { randomUUID } from 'node:crypto';
import { WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/client';
import { Router } from 'express';
import type { AppDeps } from '../deps';
import { recordAdminChange } from '../audit/record';
import { requireRoles } from '../auth/access';
import { requireAuth } from '../auth/middleware';
import type { AccessClaims, Role } from '../auth/tokens';
import { commandRefusal } from '../http/commandRefusal';
import { HttpError } from '../http/errors';
import { orderOf, pageOf, sendList } from '../http/simpleRest';
import { temporalClient } from '../temporalClient';
import type { db } from '../../prisma/client';
import { readRuleSettings } from '../../lib/ruleSettings';
import { dialableNumber } from '../../lib/phoneNumbers';
import { endOfShanghaiDay, startOfShanghaiDay } from '../../rules/shanghaiTime';
import { pollSkipReason } from '../../telephony/poll/skips';
import { storedQuestions } from '../../telephony/poll/questions';
import { cancelPollUpdate, pausePollUpdate, pollWorkflowId, resumePollUpdate, type PollActor } from '../../workflows/poll/definitions';
import { MAX_POLL_NUMBERS, pollCommandBody, pollCreationBody, pollIdParams, pollListQuery } from './schemas';

export const POLL_ROLES: Role[] = ['supervisor', 'admin'];

const TARGET_STATUSES = ['pending', 'calling', 'answered', 'refused', 'unanswered', 'skipped', 'cancelled'] as const;
export type TargetCounts = Record<(typeof TARGET_STATUSES)[number], number> & { total: number };
/** A poll as the API answers it: the row and its numbers counted by status. */
export type PollAnswer = db.PollCampaign & { numbers: TargetCounts };

export interface PollResults {
  campaignId: string;
  status: db.PollCampaignStatus;
  numbers: TargetCounts;
  /** Per question: how many numbers keyed each choice, and how many answered it at all. */
  questions: { prompt: string; answered: number; choices: { key: string; label: string; count: number }[] }[];
}

const actorOf = (user: AccessClaims): PollActor => ({ sub: user.sub, username: user.username, roles: [...user.roles], unitId: user.unitId });

export function pollRoutes(deps: Pick<AppDeps, 'prisma' | 'jwtSecret' | 'temporal' | 'namespace' | 'dataConverter' | 'tracer' | 'taskQueue' | 'log'>): Router {
  const router = Router();
  const client = temporalClient(deps);
  router.use(requireAuth(deps.jwtSecret), requireRoles(...POLL_ROLES));

  async function counts(campaignIds: string[]): Promise<Map<string, TargetCounts>> {
    const groups = await deps.prisma.pollTarget.groupBy({ by: ['campaignId', 'status'], where: { campaignId: { in: campaignIds } }, _count: { _all: true } });
    const byCampaign = new Map<string, TargetCounts>();
    for (const id of campaignIds) byCampaign.set(id, { total: 0, ...Object.fromEntries(TARGET_STATUSES.map((s) => [s, 0])) } as TargetCounts);
    for (const group of groups) {
      const row = byCampaign.get(group.campaignId)!;
      row[group.status] = group._count._all;
      row.total += group._count._all;
    }
    return byCampaign;
  }

  const answerOf = (campaign: db.PollCampaign, numbers: TargetCounts): PollAnswer => ({ ...campaign, numbers });

  async function load(id: string): Promise<db.PollCampaign> {
    const campaign = await deps.prisma.pollCampaign.findUnique({ where: { id } });
    if (!campaign) throw new HttpError(404, 'not_found', `no poll ${id}`);
    return campaign;
  }

  /** The numbers a new campaign calls, each once, as dialled. */
  async function targetNumbers(targets: { numbers: string[] } | { closedCases: { from: string; to: string } }): Promise<string[]> {
    if ('numbers' in targets) return [...new Set(targets.numbers)];
    const rows = await deps.prisma.case.findMany({
      where: { status: 'closed', closedAt: { gte: new Date(startOfShanghaiDay(targets.closedCases.from)), lte: new Date(endOfShanghaiDay(targets.closedCases.to)) }, citizenPhone: { not: null } },
      select: { citizenPhone: true },
      take: MAX_POLL_NUMBERS * 4,
    });
    const numbers = [...new Set(rows.map((r) => dialableNumber(r.citizenPhone!)).filter((n) => /^\+[1-9]\d{5,14}$/.test(n)))];
    if (numbers.length === 0) throw new HttpError(400, 'invalid_request', 'the request has invalid fields', { 'targets.closedCases': 'no citizen phone numbers among the cases closed in that period' });
    if (numbers.length > MAX_POLL_NUMBERS) throw new HttpError(400, 'invalid_request', 'the request has invalid fields', { 'targets.closedCases': `more than ${MAX_POLL_NUMBERS} numbers: choose a shorter period` });
    return numbers;
  }

  router.get('/', async (req, res) => {
    const query = pollListQuery.parse(req.query);
    const where: db.Prisma.PollCampaignWhereInput = query.filter.status ? { status: query.filter.status } : {};
    const [total, rows] = await Promise.all([
      deps.prisma.pollCampaign.count({ where }),
      deps.prisma.pollCampaign.findMany({ where, orderBy: [orderOf(query.sort), { id: 'asc' }], ...pageOf(query.range) }),
    ]);
    const numbers = await counts(rows.map((r) => r.id));
    sendList(res, 'polls', rows.map((row) => answerOf(row, numbers.get(row.id)!)), total, query.range);
  });

  router.get('/:id', async (req, res) => {
    const { id } = pollIdParams.parse(req.params);
    const campaign = await load(id);
    res.json(answerOf(campaign, (await counts([id])).get(id)!));
  });

  router.get('/:id/results', async (req, res) => {
    const { id } = pollIdParams.parse(req.params);
    const campaign = await load(id);
    const numbers = (await counts([id])).get(id)!;
    const keyed = await deps.prisma.pollTarget.findMany({ where: { campaignId: id, status: 'answered' }, select: { answers: true } });
    const questions = storedQuestions(campaign.questions).map((question, index) => {
      const keys = keyed.map((t) => (t.answers as Record<string, string>)[String(index)]).filter((k): k is string => k !== undefined);
      return { prompt: question.prompt, answered: keys.length, choices: question.choices.map((c) => ({ key: c.key, label: c.label, count: keys.filter((k) => k === c.key).length })) };
    });
    res.json({ campaignId: id, status: campaign.status, numbers, questions } satisfies PollResults);
  });

  router.post('/', async (req, res) => {
    const body = pollCreationBody.parse(req.body ?? {});
    const user = req.user!;
    const numbers = await targetNumbers(body.targets);
    const settings = await readRuleSettings(deps.prisma, ['poll.maxAttempts']);
    const now = new Date();
    const skips = await Promise.all(numbers.map((n) => pollSkipReason(deps.prisma, n, now)));
    const id = randomUUID();
    const created = await deps.prisma.$transaction(async (tx) => {
      const campaign = await tx.pollCampaign.create({
        data: {
          id,
          title: body.title,
          questions: body.questions,
          targetSource: 'numbers' in body.targets ? 'numbers' : 'closedCases',
          closedFrom: 'closedCases' in body.targets ? body.targets.closedCases.from : null,
          closedTo: 'closedCases' in body.targets ? body.targets.closedCases.to : null,
          callingStart: body.callingHours?.start ?? null,
          callingEnd: body.callingHours?.end ?? null,
          maxAttempts: body.maxAttempts ?? settings['poll.maxAttempts'],
          createdById: user.sub,
        },
      });
      await tx.pollTarget.createMany({
        data: numbers.map((number, i) => ({ id: randomUUID(), campaignId: id, number, status: skips[i] ? 'skipped' : 'pending', skipReason: skips[i] })),
      });
      await recordAdminChange(tx, user, { entityType: 'pollCampaign', entityId: id, action: 'pollCreated', before: null, after: campaign, details: { numbers: numbers.length, skipped: skips.filter(Boolean).length } });
      return campaign;
    });
    res.status(201).json(answerOf(created, (await counts([id])).get(id)!));
  });

  router.post('/:id/start', async (req, res) => {
    const { id } = pollIdParams.parse(req.params);
    const { reason } = pollCommandBody.parse(req.body ?? {});
    await load(id);
    const user = req.user!;
    const started = await deps.prisma.$transaction(async (tx) => {
      const [before] = await tx.$queryRaw<db.PollCampaign[]>`SELECT * FROM "PollCampaign" WHERE id = ${id} FOR UPDATE`;
      if (before!.status !== 'draft') throw new HttpError(409, 'invalidState', `the poll is ${before!.status}, not a draft`);
      const after = await tx.pollCampaign.update({ where: { id }, data: { status: 'running', startedById: user.sub, startedAt: new Date() } });
      await recordAdminChange(tx, user, { entityType: 'pollCampaign', entityId: id, action: 'pollStarted', reason: reason ?? null, before: { status: before!.status }, after: { status: after.status } });
      // Last, inside the transaction: a workflow that cannot be started leaves the draft as it was.
      await client.workflow.start('pollCampaignWorkflow', { args: [{ campaignId: id }], taskQueue: deps.taskQueue, workflowId: pollWorkflowId(id), workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
      return after;
    });
    res.json(answerOf(started, (await counts([id])).get(id)!));
  });

  const commands = { pause: pausePollUpdate, resume: resumePollUpdate, cancel: cancelPollUpdate } as const;
  for (const [command, update] of Object.entries(commands)) {
    router.post(`/:id/${command}`, async (req, res) => {
      const { id } = pollIdParams.parse(req.params);
      const { reason } = pollCommandBody.parse(req.body ?? {});
      const campaign = await load(id);
      const user = req.user!;
      if (campaign.status === 'draft' && command === 'cancel') {
        // Never started: no workflow to tell.
        await deps.prisma.$transaction(async (tx) => {
          const { count } = await tx.pollCampaign.updateMany({ where: { id, status: 'draft' }, data: { status: 'cancelled', cancelledAt: new Date(), cancelledById: user.sub } });
          if (count === 0) throw new HttpError(409, 'invalidState', 'the poll is no longer a draft');
          await tx.pollTarget.updateMany({ where: { campaignId: id, status: 'pending' }, data: { status: 'cancelled' } });
          await recordAdminChange(tx, user, { entityType: 'pollCampaign', entityId: id, action: 'pollCancelled', reason: reason ?? null, before: { status: 'draft' }, after: { status: 'cancelled' } });
        });
      } else {
        if (campaign.status !== 'running' && campaign.status !== 'paused') throw new HttpError(409, 'invalidState', `the poll is ${campaign.status}`);
        try {
          await client.workflow.getHandle(pollWorkflowId(id)).executeUpdate(update, { args: [{ actor: actorOf(user), reason: reason ?? null }] });
        } catch (error) {
          const refusal = commandRefusal(error);
          if (refusal) throw refusal;
          // Finished meanwhile: its last call ended between the read above and the Update.
          if (error instanceof WorkflowNotFoundError) throw new HttpError(409, 'invalidState', 'the poll has ended');
          throw error;
        }
      }
      res.json(answerOf(await load(id), (await counts([id])).get(id)!));
    });
  }

  return router;
}
