// The case list's query in react-admin's simple-REST style:
//   ?filter={"status":"dispatched","unitId":"donghu"}&range=[0,24]&sort=["registeredAt","DESC"]
import { z } from 'zod';
import { db, type PrismaClient } from '../../prisma/client';
import { jsonParam } from '../http/simpleRest';
import { isUnitScoped } from '../auth/access';
import type { AccessClaims } from '../auth/tokens';
import { phoneForms } from '../../lib/phoneNumbers';
import { identifier, requiredLine, singleLineText } from '../../rules/text';
import { CHANNELS } from '../../rules/vocabulary';
import { FINISHED_ASSIGNMENT } from '../../rules/lifecycle/decide';
import { caseNumber } from './params';
import { HttpError } from '../http/errors';
import { digitCount } from '../../lib/citizenIdentity';
import { litByClockAt, notLitByClockAt, notRedAt, redAt } from './warningNow';
import { listFieldsParam } from './listFields';


const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).max(50)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const SORTABLE = ['id', 'leaderInstructedAt', 'registeredAt', 'receivedAt', 'handleDueAt', 'signForDueAt', 'status', 'warningLevel', 'escalationLevel', 'caseTypeCode', 'updatedAt'] as const;

export const caseFilter = z
  .object({
    /** react-admin's getMany: the cases with these numbers. */
    id: oneOrMany(caseNumber),
    status: oneOrMany(z.enum(db.CaseStatus)),
    warningLevel: oneOrMany(z.enum(['green', 'yellow', 'red'])),
    caseTypeCode: oneOrMany(identifier(50)),
    channel: oneOrMany(z.enum(CHANNELS)),
    /** A category and everything below it. */
    categoryId: identifier(100),
    /** Cases led by or assigned to a unit or any unit below it. */
    unitId: identifier(100),
    citizenPhone: singleLineText(30),
    /** Part of the citizen's name (office roles only). */
    citizenName: singleLineText(50),
    registeredFrom: z.iso.datetime({ offset: true }),
    registeredTo: z.iso.datetime({ offset: true }),
    /** The handling deadline between these instants. */
    dueFrom: z.iso.datetime({ offset: true }),
    dueTo: z.iso.datetime({ offset: true }),
    /** Open cases past a deadline a unit owes (red, or due while the alarm is still on its way). */
    overdue: z.boolean(),
    /** Cases the clock has lit, yellow or red, whatever their row says (beside `warningLevel: green`: the lights still to come from the workflows). */
    litByClock: z.boolean(),
    q: requiredLine(100),
    /** Cases with an extension request awaiting the office's decision. */
    extensionPending: z.boolean(),
    /** Cases with a supervision notice whose reply is in one of these states (the office's replies to evaluate: answered). */
    supervisionReply: oneOrMany(z.enum(db.SupervisionReplyStatus)),
    /** Cases with a leader's instruction (领导批示), or without. */
    leaderInstructed: z.boolean(),
    /** 交办方式. */
    dispatchMode: oneOrMany(z.enum(db.DispatchMode)),
    /** Cases forwarded to the user's own unit for information (转阅), or those it handles. */
    forwardedToMe: z.boolean(),
    /** Cases where the user's own unit (exactly it, not its sub-units) has an assignment in one of these states. */
    ownAssignmentStatus: oneOrMany(z.enum(db.AssignmentStatus)),
    /** Cases with a live assignment whose named handler (承办人, assignHandler) is the user ("mine"). */
    mine: z.boolean(),
  })
  .partial()
  .strict();

export type CaseFilter = z.output<typeof caseFilter>;

/** The forms a typed number may be kept in; the number as typed when it is no phone number. */
const phoneFormsOf = (phone: string): string[] => {
  const forms = phoneForms(phone);
  return forms.length > 0 ? forms : [phone];
};

export const caseListQuery = z.object({
  filter: jsonParam(caseFilter).default({}),
  range: jsonParam(z.tuple([z.number().int().min(0), z.number().int().min(0)]).refine(([a, b]) => b >= a && b - a < 500, 'at most 500 rows, [start, end] with end ≥ start')).default([0, 24]),
  sort: jsonParam(z.tuple([z.enum(SORTABLE), z.enum(['ASC', 'DESC'])])).default(['registeredAt', 'DESC']),
  /** Keyset paging: the rows after the one this cursor names (a list's `Link: rel="next"`); `range` then gives only the page's size. */
  after: identifier(400).optional(),
  /** Only these fields of each row (and its id): a view showing a few columns of many rows (listFields.ts). */
  fields: listFieldsParam.optional(),
});

export function toOrderBy(sort: [string, 'ASC' | 'DESC']): db.Prisma.CaseOrderByWithRelationInput[] {
  const direction = sort[1] === 'ASC' ? 'asc' : 'desc';
  // 领导批示 first (newest instruction first when descending); cases without one after them, either way.
  if (sort[0] === 'leaderInstructedAt') return [{ leaderInstructedAt: { sort: direction, nulls: 'last' } }, { registeredAt: 'desc' }, { id: direction }];
  return [{ [sort[0]]: direction }, { id: direction }];
}

/** Free text with this many digits or more looks for a number: refused to units. */
export const UNIT_QUERY_MAX_DIGITS = 2;

/**
 * Units see citizens masked; a filter on the citizen's phone or name, or a text search for a
 * number, would let them test guesses against the mask (an oracle) — refused with 403.
 */
export function refuseIdentityOracles(filter: CaseFilter, user: AccessClaims): void {
  if (!isUnitScoped(user)) return;
  const why = 'units see the citizen masked (不得泄露投诉人信息): filtering by the citizen’s identity would reveal it';
  if (filter.citizenPhone !== undefined) throw new HttpError(403, 'forbidden', `citizenPhone filter refused: ${why}`, { citizenPhone: 'not allowed for units' });
  if (filter.citizenName !== undefined) throw new HttpError(403, 'forbidden', `citizenName filter refused: ${why}`, { citizenName: 'not allowed for units' });
  if (filter.q !== undefined && digitCount(filter.q) > UNIT_QUERY_MAX_DIGITS) {
    throw new HttpError(403, 'forbidden', `a text search with more than ${UNIT_QUERY_MAX_DIGITS} digits refused: ${why}`, { q: `at most ${UNIT_QUERY_MAX_DIGITS} digits for units` });
  }
}

/**
 * The filter's conditions, within what the user may see (403 for a unit's identity filter).
 * Subtrees of units and categories are resolved to plain ids first: both tables are small, and
 * a case condition on ids lets PostgreSQL use the case table's own indexes instead of joining
 * through the trees for every candidate row.
 */
export async function caseWhere(prisma: PrismaClient, filter: CaseFilter, user: AccessClaims, now = new Date()): Promise<db.Prisma.CaseWhereInput> {
  refuseIdentityOracles(filter, user);
  const and: db.Prisma.CaseWhereInput[] = [];
  if (filter.id) and.push({ id: { in: filter.id } });
  if (filter.status) and.push({ status: { in: filter.status } });
  if (filter.warningLevel) and.push({ warningLevel: { in: filter.warningLevel } });
  if (filter.caseTypeCode) and.push({ caseTypeCode: { in: filter.caseTypeCode } });
  if (filter.channel) and.push({ channel: { in: filter.channel } });
  if (filter.categoryId) and.push({ categoryId: { in: await categorySubtree(prisma, filter.categoryId) } });
  if (filter.unitId) and.push(assignedWithin(await unitSubtree(prisma, filter.unitId)));
  // A number finds its cases in whichever form they kept it (13912345678, +8613912345678 …).
  if (filter.citizenPhone) and.push({ citizenPhone: { in: phoneFormsOf(filter.citizenPhone) } });
  if (filter.registeredFrom) and.push({ registeredAt: { gte: new Date(filter.registeredFrom) } });
  if (filter.registeredTo) and.push({ registeredAt: { lte: new Date(filter.registeredTo) } });
  if (filter.dueFrom) and.push({ handleDueAt: { gte: new Date(filter.dueFrom) } });
  if (filter.dueTo) and.push({ handleDueAt: { lte: new Date(filter.dueTo) } });
  // 超期: open cases past a deadline a unit owes, and red ones: the red light at `now` (warningNow.ts).
  if (filter.overdue !== undefined) and.push(filter.overdue ? redAt(now, filter.warningLevel) : notRedAt(now));
  if (filter.litByClock !== undefined) and.push(filter.litByClock ? litByClockAt(now) : notLitByClockAt(now));
  if (filter.extensionPending !== undefined) {
    const pending: db.Prisma.CaseWhereInput = { extensionRequests: { some: { decision: 'pending' } } };
    and.push(filter.extensionPending ? pending : { NOT: pending });
  }
  if (filter.supervisionReply) and.push({ supervisions: { some: { replyStatus: { in: filter.supervisionReply } } } });
  if (filter.ownAssignmentStatus) and.push({ assignments: { some: { unitId: user.unitId, status: { in: filter.ownAssignmentStatus } } } });
  if (filter.mine !== undefined) {
    // Through the index on (handlerId, status): a user's assignments are few.
    const mine: db.Prisma.CaseWhereInput = { assignments: { some: { handlerId: user.sub, status: { notIn: [...FINISHED_ASSIGNMENT] } } } };
    and.push(filter.mine ? mine : { NOT: mine });
  }
  if (filter.leaderInstructed !== undefined) and.push(filter.leaderInstructed ? { leaderInstructedAt: { not: null } } : { leaderInstructedAt: null });
  if (filter.dispatchMode) and.push({ dispatchMode: { in: filter.dispatchMode } });
  if (filter.forwardedToMe !== undefined && user.unitId) and.push(filter.forwardedToMe ? { readerUnitIds: { has: user.unitId } } : { NOT: { readerUnitIds: { has: user.unitId } } });
  if (filter.citizenName) and.push({ citizenName: { contains: filter.citizenName } });
  if (filter.q) and.push({ OR: [{ title: { contains: filter.q } }, { content: { contains: filter.q } }] });
  // A unit's search is narrowed further to what its masked text shows (api/privacy/unitSearch.ts).
  if (isUnitScoped(user)) and.push(assignedWithin(await unitSubtree(prisma, user.unitId)));
  return { AND: and };
}

/** A unit and every unit below it. */
async function unitSubtree(prisma: PrismaClient, unitId: string): Promise<string[]> {
  return (await prisma.unit.findMany({ where: { lineage: { has: unitId } }, select: { id: true } })).map((u) => u.id);
}

/** A category and every category below it. */
async function categorySubtree(prisma: PrismaClient, categoryId: string): Promise<string[]> {
  return (await prisma.category.findMany({ where: { lineage: { has: categoryId } }, select: { id: true } })).map((c) => c.id);
}

/**
 * Cases any of these units has an assignment on (the lead unit always has one) or was forwarded
 * for information (转阅), read from the units the projection keeps on the case row: no visit to
 * the assignments per candidate case.
 */
function assignedWithin(unitIds: string[]): db.Prisma.CaseWhereInput {
  return { OR: [{ assignedUnitIds: { hasSome: unitIds } }, { readerUnitIds: { hasSome: unitIds } }] };
}
