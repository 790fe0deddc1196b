// The one place where what a unit reads is masked: every JSON answer under /api (and the CSV /
// XLSX exports made from them, statistics/export/exportable.ts) passes through here on its way
// out. For a unit's user (unitHandler, unitLeader) the body is copied with maskIdentityDeep,
// knowing the names and phones of the cases it concerns (the case in the path, every `caseId`
// in the body, every case row in it), so that those are masked inside free text in whatever
// form they were written; the hotline's and units' own numbers stay readable. Reference data
// (knowledge, units, categories, policies, templates …) holds no citizen and passes as it is.
// Office roles get the body as it is; their routes record their identity reads (identityReads.ts).
//
// Confidential cases (保密) and recusal (回避) are decided here too, for every answer at once: a
// part of the body that belongs to a confidential case has its identity withheld whole (not
// masked), and a case whose complained-about unit is the reader's (or above it) gives the reader
// none of the citizen's words (lib/citizenIdentity.ts, CaseTreatment; docs/security.md).
import type { RequestHandler, Response } from 'express';
import type { PrismaClient } from '../../prisma/client';
import { seesCitizenIdentity } from '../auth/access';
import type { AccessClaims } from '../auth/tokens';
import { maskIdentityDeep, type CaseTreatment, type KnownIdentity } from '../../lib/citizenIdentity';

export interface MaskingDeps {
  prisma: PrismaClient;
  /** The hotline's own number (Twilio's from number). */
  hotlineNumber?: string | null;
}

type Present = (body: unknown) => Promise<unknown>;

const PRESENT = 'presentIdentity';

/** The body as this response's reader may see it (what res.json sends; for exports). */
export function presentForReader(res: Response, body: unknown): Promise<unknown> {
  const present = res.locals[PRESENT] as Present | undefined;
  return present ? present(body) : Promise.resolve(body);
}

const CASE_PATH = /^\/api\/cases\/(\d{8,20})(?:[/?]|$)/;
/** The case list: its rows are cases whatever fields a view asked for (api/cases/listFields.ts). */
const CASE_LIST_PATH = /^\/api\/cases(?:\?|$)/;

/** A case's row: it carries citizen fields, or it is a row of the case list (`listRows`). */
const isCaseRow = (record: Record<string, unknown>, listRows: ReadonlySet<unknown>): record is Record<string, unknown> & { id: string } =>
  typeof record.id === 'string' && (listRows.has(record) || 'citizenPhone' in record || 'citizenName' in record);

/** The case numbers a body is about: `caseId` values and case rows. */
function caseIdsIn(value: unknown, into: Set<string>, listRows: ReadonlySet<unknown>, depth = 0): void {
  if (depth > 12 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) caseIdsIn(item, into, listRows, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.caseId === 'string') into.add(record.caseId);
  if (isCaseRow(record, listRows)) into.add(record.id);
  for (const item of Object.values(record)) if (item !== null && typeof item === 'object') caseIdsIn(item, into, listRows, depth + 1);
}

/** What of a case decides how a unit reads it. */
export interface CaseForReader {
  id: string;
  citizenName: string | null;
  citizenPhone: string | null;
  address: string | null;
  confidential: boolean;
  complainedUnitId: string | null;
}

export const CASE_FOR_READER = { id: true, citizenName: true, citizenPhone: true, address: true, confidential: true, complainedUnitId: true } as const;

/**
 * Recusal (回避): the reader's unit is the unit complained about, or lies below it. A unit above
 * the complained one (its superior) reads the case as any other unit does.
 */
export function isRecused(row: Pick<CaseForReader, 'complainedUnitId'>, readerLineage: readonly string[]): boolean {
  return row.complainedUnitId !== null && readerLineage.includes(row.complainedUnitId);
}

/** `words`: the citizen's own title and content, needed only when the reader is recused. */
export function treatmentOfCase(row: CaseForReader, readerLineage: readonly string[], words: string[] = []): CaseTreatment {
  const recuse = isRecused(row, readerLineage);
  return { withhold: row.confidential, recuse, words: recuse ? words : [] };
}

/** The known identities of these cases: masked for ordinary cases, withheld for confidential ones. */
export function identitiesOf(cases: CaseForReader[]): { known: KnownIdentity; withheld: KnownIdentity } {
  const of = (rows: CaseForReader[], withAddress: boolean): KnownIdentity => ({
    names: rows.flatMap((c) => (c.citizenName ? [c.citizenName] : [])),
    phones: rows.flatMap((c) => (c.citizenPhone ? [c.citizenPhone] : [])),
    ...(withAddress ? { addresses: rows.flatMap((c) => (c.address ? [c.address] : [])) } : {}),
  });
  return { known: of(cases.filter((c) => !c.confidential), false), withheld: of(cases.filter((c) => c.confidential), true) };
}

/** The reader's unit and the units above it. */
export async function readerLineage(prisma: PrismaClient, unitId: string | undefined): Promise<string[]> {
  if (!unitId) return [];
  return (await prisma.unit.findUnique({ where: { id: unitId }, select: { lineage: true } }))?.lineage ?? [unitId];
}

export async function maskForUnit(deps: MaskingDeps, path: string, body: unknown, reader?: AccessClaims): Promise<unknown> {
  const ids = new Set<string>();
  const inPath = CASE_PATH.exec(path);
  if (inPath) ids.add(inPath[1]!);
  // Known by the route, not by their shape: a row of a few fields (the board's) has no citizen field.
  const listRows: ReadonlySet<unknown> = new Set(CASE_LIST_PATH.test(path) && Array.isArray(body) ? body : []);
  caseIdsIn(body, ids, listRows);
  const [cases, units, lineage] = await Promise.all([
    ids.size > 0 ? deps.prisma.case.findMany({ where: { id: { in: [...ids].slice(0, 1000) } }, select: CASE_FOR_READER }) : [],
    deps.prisma.unit.findMany({ where: { dutyPhone: { not: null } }, select: { dutyPhone: true } }),
    readerLineage(deps.prisma, reader?.unitId),
  ]);
  const { known, withheld } = identitiesOf(cases);
  // The citizen's words are read only for the (few) cases the reader is recused from.
  const recused = cases.filter((c) => isRecused(c, lineage)).map((c) => c.id);
  const words = new Map(
    (recused.length > 0 ? await deps.prisma.case.findMany({ where: { id: { in: recused } }, select: { id: true, title: true, content: true } }) : []).map((c) => [c.id, [c.title, c.content]]),
  );
  const treatments = new Map(cases.map((c) => [c.id, treatmentOfCase(c, lineage, words.get(c.id))]));
  const special = (t: CaseTreatment | undefined) => (t && (t.withhold || t.recuse) ? t : undefined);
  const keep = new Set([...(deps.hotlineNumber ? [deps.hotlineNumber] : []), ...units.map((u) => u.dutyPhone!)]);
  return maskIdentityDeep(body, known, {
    keep, withheld,
    root: inPath ? special(treatments.get(inPath[1]!)) : undefined,
    // A row of a case (its id with citizen fields) or a row about one (its caseId).
    treatmentOf: (record) => {
      if (typeof record.caseId === 'string') return special(treatments.get(record.caseId));
      if (isCaseRow(record, listRows)) return special(treatments.get(record.id));
      return undefined;
    },
  });
}

/**
 * Reference data that holds no citizen's data, and whose numbers are published service numbers
 * (a knowledge article's 咨询电话, a unit's duty phone): answered as it is.
 */
const REFERENCE_DATA = /^\/api\/(?:knowledge|units|categories|case-types|policies|templates|calendar|rule-settings|openapi)(?:[/?.]|$)/;

function masksFor(user: AccessClaims | undefined, path: string): boolean {
  // No user yet (a 401 on its way, public routes): nothing of a case is in the answer.
  return user !== undefined && !seesCitizenIdentity(user) && !REFERENCE_DATA.test(path);
}

/** Mounted on /api before every router. */
export function identityMasking(deps: MaskingDeps): RequestHandler {
  return (req, res, next) => {
    const json = res.json.bind(res);
    const present: Present = (body) => (masksFor(req.user, req.originalUrl) ? maskForUnit(deps, req.originalUrl, body, req.user) : Promise.resolve(body));
    res.locals[PRESENT] = present;
    res.json = (body: unknown) => {
      if (!masksFor(req.user, req.originalUrl)) return json(body);
      present(body)
        .then((masked) => json(masked))
        .catch((error: unknown) => {
          req.log?.error({ err: error }, 'masking a response failed');
          if (!res.headersSent) res.status(500).type('application/json').send(JSON.stringify({ error: { code: 'internal', message: 'internal error' } }));
        });
      return res;
    };
    next();
  };
}
