// Opinion poll calls (民意调查): the I/O of a campaign's workflow (workflows/poll). Each call is
// placed through Twilio's REST API with the real client; Twilio then fetches the poll TwiML and
// posts the keys and the call's progress to the /telephony/poll webhooks (api/twilio/poll), which
// record the answers on the number's PollTarget row and signal the call's end to the workflow.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../prisma/client';
import type { db } from '../prisma/client';
import { readRuleSettings } from '../lib/ruleSettings';
import { pollSkipReason } from '../telephony/poll/skips';
import { pollCallUrls } from '../telephony/poll/urls';
import type { CallingHours } from '../workflows/poll/callingHours';
import type { PollActor } from '../workflows/poll/definitions';
import type { OutboundTelephony } from './deps';
import { placeOutboundCall } from './outboundCall';

/** How a campaign calls: its own attempts and hours (or the setting's hours), the settings' pace. */
export interface PollSettings {
  maxAttempts: number;
  callingHours: CallingHours;
  maxConcurrentCalls: number;
  callRetrySeconds: number;
}

export interface PollPlan extends PollSettings {
  /** Numbers still to call (pending, or calling when the workflow restarted), with their calls so far. */
  targets: { id: string; attempts: number }[];
}

export type PlacedPollCall =
  | { status: 'placed'; callSid: string }
  /** Not called: the number is blocked or opted out (the target is marked skipped). */
  | { status: 'skipped'; reason: 'blocked' | 'optedOut' }
  /** Twilio refused the call (e.g. an invalid number), or could not be reached after retries. */
  | { status: 'failed'; reason: string };

/** What an attempt's end makes of the number: done (answered, refused, unanswered) or to be called again. */
export interface PollAttemptResult {
  final: boolean;
  status: db.PollTargetStatus;
}

/** Why a campaign's status changed, for its audit row. */
export type PollStatusChange = { status: 'paused' | 'running' | 'cancelled'; actor: PollActor; reason: string | null } | { status: 'finished' };

const ACTIONS = { paused: 'pollPaused', running: 'pollResumed', cancelled: 'pollCancelled', finished: 'pollFinished' } as const;

export function createPollCallActivities(deps: { prisma: PrismaClient; log: Logger; telephony: OutboundTelephony }) {
  return {
    async loadPollCampaign(input: { campaignId: string }): Promise<PollPlan> {
      const targets = await deps.prisma.pollTarget.findMany({ where: { campaignId: input.campaignId, status: { in: ['pending', 'calling'] } }, select: { id: true, attempts: true }, orderBy: { id: 'asc' } });
      return { targets, ...(await readPollSettings(deps.prisma, input.campaignId)) };
    },

    /** The campaign's settings again (a running poll follows an admin's change of the rule settings). */
    async readPollSettings(input: { campaignId: string }): Promise<PollSettings> {
      return readPollSettings(deps.prisma, input.campaignId);
    },

    async placePollCall(input: { campaignId: string; targetId: string; attemptNo: number }): Promise<PlacedPollCall> {
      const target = await deps.prisma.pollTarget.findUniqueOrThrow({ where: { id: input.targetId } });
      // A retry after Twilio took the call (only its answer was lost): the call is out already.
      if (target.attempts === input.attemptNo && target.lastCallSid) return { status: 'placed', callSid: target.lastCallSid };
      // Blocked or opted out since the campaign was made: not called.
      const skip = await pollSkipReason(deps.prisma, target.number, new Date());
      if (skip) {
        await deps.prisma.pollTarget.update({ where: { id: target.id }, data: { status: 'skipped', skipReason: skip } });
        return { status: 'skipped', reason: skip };
      }
      await deps.prisma.pollTarget.update({ where: { id: target.id }, data: { status: 'calling', attempts: input.attemptNo, lastCallSid: null } });
      const placed = await placeOutboundCall(deps.telephony, target.number, pollCallUrls(deps.telephony.webhookBaseUrl, input));
      if (placed.status === 'refused') {
        deps.log.warn({ campaignId: input.campaignId, targetId: input.targetId, reason: placed.reason }, 'poll call refused by Twilio');
        return { status: 'failed', reason: placed.reason };
      }
      const { call } = placed;
      await deps.prisma.$transaction([
        deps.prisma.pollTarget.update({ where: { id: target.id }, data: { lastCallSid: call.sid } }),
        // The status callback may have come first and created the row already.
        deps.prisma.call.upsert({
          where: { id: call.sid },
          create: { id: call.sid, callSid: call.sid, direction: 'outbound', purpose: 'poll', fromNumber: deps.telephony.fromNumber, toNumber: target.number, status: call.status, pollTargetId: target.id, startedAt: new Date() },
          update: { direction: 'outbound', purpose: 'poll', pollTargetId: target.id },
        }),
      ]);
      deps.log.info({ campaignId: input.campaignId, targetId: target.id, callSid: call.sid }, 'poll call placed');
      return { status: 'placed', callSid: call.sid };
    },

    /**
     * The end of one call: picked up (completed) makes the number answered (a key was kept) or
     * refused (none); otherwise it is called again later, unless that was its last attempt or
     * the campaign is being cancelled.
     */
    async recordPollAttempt(input: { targetId: string; attemptNo: number; outcome: string; maxAttempts: number; cancelling: boolean; endedByCancel?: boolean }): Promise<PollAttemptResult> {
      const target = await deps.prisma.pollTarget.findUniqueOrThrow({ where: { id: input.targetId } });
      const keyed = Object.keys((target.answers ?? {}) as object).length > 0;
      let status: db.PollTargetStatus;
      if (keyed) status = 'answered';
      // The cancel hung the call up (or it ended while being hung up): the number was not polled.
      else if (input.endedByCancel) status = 'cancelled';
      else if (input.outcome === 'completed') status = 'refused';
      else if (input.attemptNo >= input.maxAttempts) status = 'unanswered';
      else status = input.cancelling ? 'cancelled' : 'pending';
      await deps.prisma.pollTarget.update({ where: { id: target.id }, data: { status, lastOutcome: input.outcome } });
      return { final: status !== 'pending', status };
    },

    /** A campaign's status, with its audit row in the same transaction; cancelling cancels the numbers not reached. */
    async setPollCampaignStatus(input: { campaignId: string; change: PollStatusChange }): Promise<void> {
      const { change } = input;
      const at = new Date();
      await deps.prisma.$transaction(async (tx) => {
        const before = await tx.pollCampaign.findUniqueOrThrow({ where: { id: input.campaignId } });
        // A retried activity whose write went through: nothing to do twice.
        if (before.status === change.status) return;
        const data: db.Prisma.PollCampaignUpdateInput = { status: change.status };
        if (change.status === 'paused') data.pausedAt = at;
        if (change.status === 'running') data.pausedAt = null;
        if (change.status === 'finished') data.finishedAt = at;
        if (change.status === 'cancelled') Object.assign(data, { cancelledAt: at, cancelledById: change.actor.sub });
        const after = await tx.pollCampaign.update({ where: { id: input.campaignId }, data });
        if (change.status === 'cancelled') await tx.pollTarget.updateMany({ where: { campaignId: input.campaignId, status: 'pending' }, data: { status: 'cancelled' } });
        const actor = change.status === 'finished' ? null : change.actor;
        await tx.auditEvent.create({
          data: {
            idempotencyKey: `pollCampaign:${input.campaignId}:${randomUUID()}`,
            entityType: 'pollCampaign',
            entityId: input.campaignId,
            action: ACTIONS[change.status],
            actorId: actor?.sub ?? null,
            actorRole: actor ? actor.roles.join(',') : null,
            actorUnitId: actor?.unitId ?? null,
            reason: change.status === 'finished' ? null : change.reason,
            payload: JSON.parse(JSON.stringify({ before: { status: before.status }, after: { status: after.status } })),
            occurredAt: at,
          },
        });
      });
    },

    /**
     * A cancelled poll's calls under way, ended through Twilio's REST API (Status=completed hangs
     * up an answered call and cancels a ringing one). A call Twilio no longer knows, or that has
     * ended already, is passed over; the calls' final status callbacks end their waits as usual.
     */
    async hangUpPollCalls(input: { campaignId: string; callSids: string[] }): Promise<{ hungUp: string[] }> {
      const hungUp: string[] = [];
      for (const callSid of input.callSids) {
        try {
          await deps.telephony.client.calls(callSid).update({ status: 'completed' });
          hungUp.push(callSid);
        } catch (error) {
          const status = (error as { status?: unknown }).status;
          if (typeof status === 'number' && status >= 400 && status < 500 && status !== 429) {
            deps.log.warn({ campaignId: input.campaignId, callSid, status, error: (error as Error).message }, 'poll call not hung up: Twilio refused');
            continue;
          }
          throw error;
        }
      }
      deps.log.info({ campaignId: input.campaignId, hungUp }, 'cancelled poll: calls under way hung up');
      return { hungUp };
    },

    /** After a cancellation: numbers whose call was under way and came back unanswered are not called again. */
    async cancelRemainingPollTargets(input: { campaignId: string }): Promise<void> {
      await deps.prisma.pollTarget.updateMany({ where: { campaignId: input.campaignId, status: { in: ['pending', 'calling'] } }, data: { status: 'cancelled' } });
    },
  };
}

export type PollCallActivities = ReturnType<typeof createPollCallActivities>;

/** maxAttempts is the campaign's (fixed when drafted); its calling hours, or else poll.callingHours; the pace from the settings. */
async function readPollSettings(prisma: PrismaClient, campaignId: string): Promise<PollSettings> {
  const campaign = await prisma.pollCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  const settings = await readRuleSettings(prisma, ['poll.callingHours', 'poll.maxConcurrentCalls', 'poll.callRetrySeconds']);
  const callingHours = campaign.callingStart && campaign.callingEnd ? { start: campaign.callingStart, end: campaign.callingEnd } : { start: settings['poll.callingHours'].start, end: settings['poll.callingHours'].end };
  return { maxAttempts: campaign.maxAttempts, callingHours, maxConcurrentCalls: settings['poll.maxConcurrentCalls'], callRetrySeconds: settings['poll.callRetrySeconds'] };
}
