// Writes the queryable projection of a case and its audit trail, in one transaction per batch
// of events. Idempotent, because activities are retried: audit events are keyed by
// `<case>:<seq>`, rows are upserted by their workflow-issued ids, and the case row ignores a
// state older than the one it holds.
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../prisma/client';
import type { Clock, PetitionEvent, PetitionState } from '../rules/lifecycle/types';
import { isDutyClock } from '../rules/lifecycle/clocks';
import type { Registration } from '../workflows/petition/types';

export interface ProjectCaseInput {
  /** Present on the first batch only: what the operator registered. */
  registration: Registration | null;
  state: PetitionState;
  events: PetitionEvent[];
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const date = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));

function clockDue(state: PetitionState, key: string): Date | null {
  return date(state.clocks.find((c: Clock) => c.key === key)?.dueAt);
}

/**
 * The handling deadline a stopped clock left: the one in force when the current lead
 * assignment's latest result was approved. Null while a handling clock runs (`handleDueAt` holds
 * it) or before any result went up; `undefined` (keep the column) for a result approved before
 * results kept their deadline, whose column the migration filled.
 */
export function finalHandleDueAt(state: PetitionState): Date | null | undefined {
  if (state.clocks.some((c) => c.key === 'handle')) return null;
  const result = state.results.filter((r) => r.assignmentId === state.leadAssignmentId && r.unitApprovedAt !== null).at(-1);
  if (!result) return null;
  return result.handleDueAt === undefined ? undefined : date(result.handleDueAt);
}

/** The earliest deadline among the duty clocks running: what the overdue board compares with now. */
export function nextDueAt(state: PetitionState): Date | null {
  const due = state.clocks.filter((c) => isDutyClock(c.name)).map((c) => c.dueAt);
  return due.length > 0 ? new Date(Math.min(...due)) : null;
}

/** The audit payload: the event without its metadata (which has columns of its own). */
function payloadOf(event: PetitionEvent): object {
  const { seq: _seq, at: _at, actor: _actor, reason: _reason, ...data } = event;
  return data;
}

async function writeCase(tx: Tx, state: PetitionState): Promise<void> {
  const lead = state.assignments.find((a) => a.id === state.leadAssignmentId) ?? null;
  const firstDispatch = state.assignments.find((a) => a.role === 'lead') ?? null;
  const lastResult = state.results.filter((r) => state.assignments.some((a) => a.id === r.assignmentId && a.role === 'lead')).at(-1) ?? null;
  const handle = state.clocks.find((c) => c.key === 'handle');
  const lastCallback = state.callbacks.at(-1) ?? null;
  await tx.case.updateMany({
    where: { id: state.caseId, projectionVersion: { lt: state.seq } },
    data: {
      status: state.status,
      leadUnitId: lead?.unitId ?? null,
      assignedUnitIds: [...new Set(state.assignments.map((a) => a.unitId))].sort(),
      dispatchedAt: date(firstDispatch?.dispatchedAt),
      signedAt: date(lead?.signedAt),
      resultSubmittedAt: date(lastResult?.submittedAt),
      closedAt: date(state.closedAt),
      archivedAt: date(state.archivedAt),
      signForDueAt: lead ? clockDue(state, `signFor:${lead.id}`) : null,
      handleDueAt: date(handle?.dueAt),
      finalHandleDueAt: finalHandleDueAt(state),
      originalHandleDueAt: handle && handle.extensionWorkingDays === 0 && handle.overrideDueAt === null ? date(handle.dueAt) : undefined,
      reReviewUntil: date(state.reReviewUntil),
      nextDueAt: nextDueAt(state),
      warningLevel: state.warningLevel,
      escalationLevel: state.escalationLevel,
      returnCount: state.counters.returns,
      extensionCount: state.counters.extensions,
      extensionWorkingDays: state.counters.extensionWorkingDays,
      rehandleCount: state.counters.rehandles,
      urgeCount: state.counters.urges,
      supervisionCount: state.counters.supervisions,
      satisfaction: lastCallback?.satisfaction ?? state.satisfaction,
      resolved: state.resolved,
      projectionVersion: state.seq,
    },
  });
}

async function writeAssignments(tx: Tx, state: PetitionState): Promise<void> {
  for (const a of state.assignments) {
    const clockOf = (prefix: string) => date(state.clocks.find((c) => c.key === `${prefix}:${a.id}`)?.dueAt);
    const dueAt = a.role === 'lead' ? (a.id === state.leadAssignmentId ? clockDue(state, 'handle') : null) : clockOf(a.role === 'sub' ? 'subHandle' : 'assistOpinion');
    const clockLevels = state.clocks.filter((c) => c.assignmentId === a.id).map((c) => c.level);
    const contactTimes = (state.contacts ?? []).filter((c) => c.assignmentId === a.id).map((c) => c.contactedAt);
    const data = {
      status: a.status,
      round: a.round,
      signedAt: date(a.signedAt),
      signedById: a.signedBy,
      signForDueAt: clockOf('signFor') ?? undefined,
      dueAt: dueAt ?? undefined,
      completedAt: date(a.completedAt),
      firstContactAt: contactTimes.length > 0 ? new Date(Math.min(...contactTimes)) : null,
      opinion: a.opinion,
      warningLevel: clockLevels.includes('red') ? ('red' as const) : clockLevels.includes('yellow') ? ('yellow' as const) : ('green' as const),
    };
    await tx.caseAssignment.upsert({
      where: { id: a.id },
      create: { id: a.id, caseId: state.caseId, unitId: a.unitId, role: a.role, parentAssignmentId: a.parentAssignmentId, dispatchedById: a.dispatchedBy, dispatchedAt: new Date(a.dispatchedAt), ...data },
      update: data,
    });
  }
}

async function writeResultsAndCallbacks(tx: Tx, state: PetitionState): Promise<void> {
  for (const r of state.results) {
    const data = {
      unitApprovedById: r.unitApprovedBy, unitApprovedAt: date(r.unitApprovedAt), reviewOutcome: r.reviewOutcome,
      reviewedById: r.reviewedBy, reviewedAt: date(r.reviewedAt), reviewComment: r.reviewComment,
    };
    await tx.caseResult.upsert({
      where: { id: r.id },
      create: {
        id: r.id, caseId: state.caseId, assignmentId: r.assignmentId, unitId: r.unitId, round: r.round, actionsTaken: r.actionsTaken,
        replyToCitizen: r.replyToCitizen, legalBasis: r.legalBasis, handlerName: r.handlerName, reviewerName: r.reviewerName,
        citizenContacted: r.citizenContacted, resolved: r.resolved, submittedById: r.submittedBy, submittedAt: new Date(r.submittedAt), ...data,
      },
      update: data,
    });
  }
  for (const c of state.callbacks) {
    const status = c.outcome === 'reached' ? ('reached' as const) : c.outcome === 'unreachable' ? ('unreachable' as const) : c.attempts > 0 ? ('inProgress' as const) : ('pending' as const);
    const data = { status, finishedAt: date(c.finishedAt), method: c.method, satisfaction: c.satisfaction, resolved: c.resolved, comment: c.comment };
    await tx.callback.upsert({
      where: { id: c.id },
      create: { id: c.id, caseId: state.caseId, round: c.round, dueAt: clockDue(state, 'callback') ?? new Date(c.startedAt), startedAt: new Date(c.startedAt), ...data },
      update: data,
    });
  }
}

/** Rows that records of requests, urges and notices keep, written from the events. */
async function writeEventRows(tx: Tx, state: PetitionState, events: PetitionEvent[]): Promise<void> {
  for (const event of events) {
    const at = new Date(event.at);
    switch (event.type) {
      case 'returnRequested': {
        const r = event.request;
        await tx.returnRequest.upsert({
          where: { id: r.id },
          create: { id: r.id, caseId: state.caseId, assignmentId: r.assignmentId, unitId: r.unitId, reason: r.reason, requestedById: r.requestedBy, requestedAt: new Date(r.requestedAt), arbitrated: r.arbitration },
          update: {},
        });
        break;
      }
      case 'returnDecided': {
        const redispatch = events.find((e) => e.type === 'dispatched' && e.seq === event.seq + 1);
        const redispatchUnitId = redispatch?.type === 'dispatched' ? (redispatch.assignments.find((a) => a.role === 'lead')?.unitId ?? null) : null;
        await tx.returnRequest.update({
          where: { id: event.requestId },
          data: { decision: event.approved ? 'approved' : 'rejected', decidedById: event.actor.id, decidedAt: at, decisionReason: event.reason, wrongReturn: event.wrongReturn, redispatchUnitId },
        });
        break;
      }
      case 'extensionRequested': {
        const r = event.request;
        await tx.extensionRequest.upsert({
          where: { id: r.id },
          create: {
            id: r.id, caseId: state.caseId, assignmentId: r.assignmentId, unitId: r.unitId, workingDays: r.workingDays, reason: r.reason,
            requestedById: r.requestedBy, requestedAt: new Date(r.requestedAt), beyondCap: r.beyondCap, previousDueAt: clockDue(state, 'handle') ?? at,
          },
          update: {},
        });
        break;
      }
      case 'extensionDecided':
        await tx.extensionRequest.update({
          where: { id: event.requestId },
          data: { decision: event.approved ? 'approved' : 'rejected', decidedById: event.actor.id, decidedAt: at, decisionReason: event.reason, newDueAt: date(event.handleClock?.dueAt) },
        });
        break;
      case 'urged':
        await tx.urge.upsert({
          where: { id: event.urgeId },
          create: { id: event.urgeId, caseId: state.caseId, unitId: event.unitId, kind: event.automatic ? 'automatic' : 'manual', reason: event.reason, actorId: event.automatic ? null : event.actor.id, createdAt: at },
          update: {},
        });
        break;
      case 'citizenContacted': {
        const k = event.contact;
        await tx.citizenContact.upsert({
          where: { id: k.id },
          create: { id: k.id, caseId: state.caseId, assignmentId: k.assignmentId, unitId: k.unitId, means: k.means, contactedAt: new Date(k.contactedAt), note: k.note, recordedById: k.recordedBy, recordedAt: new Date(k.recordedAt) },
          update: {},
        });
        break;
      }
      case 'supervised':
        await tx.supervisionNotice.upsert({
          where: { id: event.noticeId },
          create: { id: event.noticeId, caseId: state.caseId, unitId: event.unitId, level: event.level, kind: event.automatic ? 'automatic' : 'manual', content: event.content, issuedById: event.automatic ? null : event.actor.id, issuedAt: at },
          update: {},
        });
        break;
      case 'criticized':
        await tx.criticismNotice.upsert({
          where: { id: event.noticeId },
          create: { id: event.noticeId, caseId: state.caseId, unitId: event.unitId, urgeCount: event.urgeCount, threshold: event.threshold, reason: event.reason ?? '', issuedAt: at },
          update: {},
        });
        break;
      case 'reReviewRequested':
        await tx.reReviewRequest.upsert({
          where: { id: `${state.caseId}-Q${event.seq}` },
          create: { id: `${state.caseId}-Q${event.seq}`, caseId: state.caseId, reason: event.reason ?? '', channel: event.channel, requestedAt: at },
          update: {},
        });
        break;
      case 'reReviewDecided':
        await tx.reReviewRequest.updateMany({
          where: { caseId: state.caseId, status: 'pending' },
          data: { status: event.reopen ? 'reopened' : 'refused', decidedById: event.actor.id, decidedAt: at, decisionReason: event.reason },
        });
        break;
      case 'resultSubmitted': {
        // Files the submitter uploaded before the case was theirs to cite become the case's
        // (api/attachments/citations.ts let only those through).
        const cited = event.result.attachmentIds;
        if (cited.length === 0) break;
        await tx.attachment.updateMany({ where: { id: { in: cited }, caseId: null, uploadedById: event.actor.id }, data: { caseId: state.caseId } });
        break;
      }
      case 'merged': {
        const target = await tx.case.findUnique({ where: { id: event.intoCaseId }, select: { id: true } });
        if (target) await tx.case.update({ where: { id: state.caseId }, data: { mergedIntoId: target.id } });
        break;
      }
      default:
        break;
    }
  }
}

export function createProjectionActivities(deps: { prisma: PrismaClient; log: Logger }) {
  return {
    async projectCase({ registration: r, state, events }: ProjectCaseInput): Promise<void> {
      const caseId = state.caseId;
      await deps.prisma.$transaction(async (tx) => {
        const lastSeq = events.at(-1)?.seq ?? 0;
        const already = await tx.auditEvent.findUnique({ where: { idempotencyKey: `${caseId}:${lastSeq}` }, select: { id: true } });
        if (already) return; // a retry of a batch that committed
        if (r) {
          await tx.case.create({
            data: {
              id: caseId, workflowId: caseId, channel: r.channel, caseTypeCode: r.caseTypeCode, categoryId: r.categoryId, urgency: r.urgency,
              status: state.status, title: r.title, content: r.content, citizenName: r.citizenName, citizenPhone: r.citizenPhone, address: r.address, latitude: r.latitude ?? null, longitude: r.longitude ?? null, queryPasswordHash: r.queryPasswordHash ?? null,
              receivedAt: new Date(r.receivedAt), registeredAt: new Date(state.registeredAt), registeredById: r.registeredBy.id, projectionVersion: 0,
            },
          });
        }
        await writeCase(tx, state);
        await writeAssignments(tx, state);
        await writeResultsAndCallbacks(tx, state);
        await writeEventRows(tx, state, events);
        await tx.auditEvent.createMany({
          data: events.map((event) => ({
            idempotencyKey: `${caseId}:${event.seq}`,
            caseId,
            entityType: 'case',
            entityId: caseId,
            action: event.type,
            actorId: event.actor.id,
            actorRole: event.actor.roles.join(','),
            actorUnitId: event.actor.unitId,
            reason: event.reason,
            payload: payloadOf(event) as never,
            occurredAt: new Date(event.at),
          })),
          skipDuplicates: true,
        });
      });
      deps.log.info({ caseId, seq: state.seq, events: events.map((e) => e.type), status: state.status }, 'case projected');
    },
  };
}

export type ProjectionActivities = ReturnType<typeof createProjectionActivities>;
