// GET /requests and /requests/{id}: cases from the projection as Open311 requests. The query
// selects only the columns the mapping needs, so that nothing else can slip into an answer.
import type { db, PrismaClient } from '../../prisma/client';
import { FINISHED_STATUSES } from '../../rules/lifecycle/types';
import type { ServiceCatalog } from './catalog';
import { open311Status, toOpen311Request, type Open311Request, type Open311Status } from './requests';
import { MAX_REQUESTS } from './schemas';

const CASE_COLUMNS = {
  id: true, channel: true, status: true, caseTypeCode: true, categoryId: true, urgency: true, content: true, citizenName: true, citizenPhone: true,
  address: true, latitude: true, longitude: true, receivedAt: true, updatedAt: true, closedAt: true, handleDueAt: true, mergedIntoId: true,
  leadUnit: { select: { name: true, nameEn: true } },
} as const;

/** What anonymous readers may see (rule open311.publicListing): cases of these types from these channels; 举报 never. */
export interface PublicListing {
  caseTypeCodes: string[];
  channels: string[];
}

export interface RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  statuses?: Open311Status[];
  receivedFrom?: Date;
  receivedTo?: Date;
}

export function caseWhereOf(filter: RequestFilter, listing: PublicListing): db.Prisma.CaseWhereInput {
  // Asked by number or not: a case outside the public listing does not exist for Open311.
  const listed: db.Prisma.CaseWhereInput = {
    caseTypeCode: { in: listing.caseTypeCodes.filter((code) => code !== 'report') },
    channel: { in: listing.channels as db.Channel[] },
    // 保密: a confidential case is in no public list, whatever its type.
    confidential: false,
  };
  // The spec: service_request_id overrides every other argument.
  if (filter.ids) return { AND: [listed, { id: { in: filter.ids } }] };
  const and: db.Prisma.CaseWhereInput[] = [listed];
  if (filter.serviceCodes) and.push({ category: { code: { in: filter.serviceCodes } } });
  const statuses = new Set(filter.statuses);
  if (statuses.size === 1) and.push(statuses.has('closed') ? { status: { in: [...FINISHED_STATUSES] } } : { status: { notIn: [...FINISHED_STATUSES] } });
  if (filter.receivedFrom) and.push({ receivedAt: { gte: filter.receivedFrom } });
  if (filter.receivedTo) and.push({ receivedAt: { lte: filter.receivedTo } });
  return { AND: and };
}

export async function readServiceRequests(prisma: PrismaClient, catalog: ServiceCatalog, filter: RequestFilter, listing: PublicListing): Promise<Open311Request[]> {
  const rows = await prisma.case.findMany({ where: caseWhereOf(filter, listing), orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], take: MAX_REQUESTS, select: CASE_COLUMNS });
  const viaOpen311 = rows.filter((row) => row.channel === 'open311');
  const closedViaOpen311 = viaOpen311.filter((row) => open311Status(row.status) === 'closed');
  const [submissions, results] = await Promise.all([
    viaOpen311.length > 0
      ? prisma.open311Submission.findMany({ where: { caseId: { in: viaOpen311.map((row) => row.id) } }, select: { caseId: true, addressId: true, mediaUrl: true } })
      : [],
    closedViaOpen311.length > 0
      ? prisma.caseResult.findMany({ where: { caseId: { in: closedViaOpen311.map((row) => row.id) }, reviewOutcome: 'accepted' }, orderBy: { submittedAt: 'asc' }, select: { caseId: true, replyToCitizen: true } })
      : [],
  ]);
  const submissionOf = new Map(submissions.map((submission) => [submission.caseId, submission]));
  // Ascending, so the latest accepted result of a case is the one the map keeps.
  const replyOf = new Map(results.map((result) => [result.caseId, result.replyToCitizen]));
  return rows.map((row) =>
    toOpen311Request(row, {
      service: catalog.serviceOfCategory(row.categoryId),
      serviceNotice: catalog.noticeFor(row),
      reply: replyOf.get(row.id) ?? null,
      submission: submissionOf.get(row.id) ?? null,
    }),
  );
}
