// The projection of one batch as a single SQL statement: every table's write is a
// data-modifying CTE over the batch's JSON document (activities/projectionRows.ts), so a batch
// costs one round trip and commits or fails whole, instead of an interactive transaction of a
// statement per row. Rows are read with `jsonb_populate_record` into the table's own row type,
// which converts enums, arrays, numbers and timestamps the way the columns declare.
//
// One statement sees one snapshot: no CTE may touch a row another one writes, which is why
// projectionRows.ts folds a decision into a request made in the same batch. Foreign keys are
// checked at the end of the statement, after the case row is in.
import type { PreparedStatement } from '../prisma/client';
import type { ProjectionBatch } from './projectionRows';

/** A key of the batch that holds rows. */
export type RowsKey = Exclude<keyof ProjectionBatch, 'idempotencyKey'>;

/** An insert of a batch key's rows. On a duplicate of `conflict` (a column list, '' for any
 * unique constraint, null to fail), `set` columns take the new value and `keepWhenNull` ones take
 * it unless it is null; without either, the duplicate is left alone. */
interface InsertWrite {
  kind: 'insert';
  table: string;
  rows: RowsKey;
  columns: readonly string[];
  /** Column expressions other than the row's own value (`r."column"`). */
  expressions?: Readonly<Record<string, string>>;
  conflict: string | null;
  set?: readonly string[];
  keepWhenNull?: readonly string[];
}

/** An update of existing rows matched on `match`; a column whose key the row lacks keeps its value. */
interface UpdateWrite {
  kind: 'update';
  table: string;
  rows: RowsKey;
  match: readonly string[];
  set: readonly string[];
  expressions?: Readonly<Record<string, string>>;
  /** A further condition on the target row `t` and the batch row `r`. */
  where?: string;
}

type Write = InsertWrite | UpdateWrite;

const CASE_STATE_COLUMNS = [
  'status', 'caseTypeCode', 'categoryId', 'urgency', 'leadUnitId', 'assignedUnitIds', 'readerUnitIds', 'readByUnitIds', 'dispatchMode', 'leaderInstructedAt', 'dispatchedAt', 'signedAt', 'resultSubmittedAt', 'closedAt', 'archivedAt', 'signForDueAt',
  'handleDueAt', 'finalHandleDueAt', 'originalHandleDueAt', 'reReviewUntil', 'nextDueAt', 'nextYellowAt', 'warningLevel', 'escalationLevel',
  'returnCount', 'extensionCount', 'extensionWorkingDays', 'rehandleCount', 'urgeCount', 'supervisionCount', 'suspendedAt', 'suspendedUntil', 'suspendedWorkingDays', 'satisfaction',
  'resolved', 'judgedUnreasonable', 'projectionVersion', 'updatedAt',
] as const;

const REGISTRATION_COLUMNS = [
  'id', 'workflowId', 'channel', 'title', 'content', 'citizenName', 'citizenPhone',
  'address', 'latitude', 'longitude', 'queryPasswordHash', 'publishConsent', 'confidential', 'complainedUnitId', 'receivedAt', 'registeredAt', 'registeredById', 'mergedIntoId',
] as const;

/** A merge names its target only when the target case exists. */
const MERGE_TARGET = '(SELECT x."id" FROM "Case" AS x WHERE x."id" = r."mergedIntoId")';

const REQUEST_DECISION = ['decision', 'decidedById', 'decidedAt', 'decisionReason'] as const;

/** A supervision notice's reply, its evaluation and escalation (activities/projectionRows.ts's noticeReply). */
const NOTICE_REPLY = ['replyStatus', 'dueAt', 'response', 'respondedAt', 'respondedById', 'accepted', 'evaluationComment', 'evaluatedAt', 'evaluatedById', 'escalatedTo'] as const;

/** In the order they run; the case row comes first so that everything else can refer to it. */
export const PROJECTION_WRITES: readonly Write[] = [
  {
    kind: 'insert', table: 'Case', rows: 'caseInserts', columns: [...REGISTRATION_COLUMNS, ...CASE_STATE_COLUMNS],
    // A second first batch is an error, as Prisma's create was: the guard lets only retries by.
    expressions: { mergedIntoId: MERGE_TARGET }, conflict: null,
  },
  {
    kind: 'update', table: 'Case', rows: 'caseUpdates', match: ['id'], set: [...CASE_STATE_COLUMNS, 'mergedIntoId'],
    expressions: { mergedIntoId: `COALESCE(${MERGE_TARGET}, t."mergedIntoId")` },
    where: 't."projectionVersion" < r."projectionVersion"',
  },
  {
    kind: 'insert', table: 'CaseAssignment', rows: 'assignments',
    columns: ['id', 'caseId', 'unitId', 'role', 'parentAssignmentId', 'dispatchedById', 'dispatchedAt', 'status', 'round', 'signedAt',
      'signedById', 'signForDueAt', 'dueAt', 'completedAt', 'firstContactAt', 'opinion', 'warningLevel', 'handlerId', 'handlerName', 'handlerAssignedAt', 'updatedAt'],
    conflict: '"id"',
    set: ['status', 'round', 'signedAt', 'signedById', 'completedAt', 'firstContactAt', 'opinion', 'warningLevel', 'handlerId', 'handlerName', 'handlerAssignedAt', 'updatedAt'],
    keepWhenNull: ['signForDueAt', 'dueAt'],
  },
  {
    kind: 'insert', table: 'CaseResult', rows: 'results',
    columns: ['id', 'caseId', 'assignmentId', 'unitId', 'round', 'actionsTaken', 'replyToCitizen', 'legalBasis', 'handlerName',
      'reviewerName', 'citizenContacted', 'resolved', 'submittedById', 'submittedAt', 'unitApprovedById', 'unitApprovedAt',
      'reviewOutcome', 'reviewedById', 'reviewedAt', 'reviewComment'],
    conflict: '"id"',
    set: ['unitApprovedById', 'unitApprovedAt', 'reviewOutcome', 'reviewedById', 'reviewedAt', 'reviewComment'],
  },
  {
    kind: 'insert', table: 'Callback', rows: 'callbacks',
    columns: ['id', 'caseId', 'round', 'dueAt', 'startedAt', 'status', 'finishedAt', 'method', 'satisfaction', 'resolved', 'comment'],
    conflict: '"id"',
    set: ['status', 'finishedAt', 'method', 'satisfaction', 'resolved', 'comment'],
  },
  {
    kind: 'insert', table: 'ReturnRequest', rows: 'returnRequests',
    columns: ['id', 'caseId', 'assignmentId', 'unitId', 'reason', 'requestedById', 'requestedAt', 'arbitrated', ...REQUEST_DECISION,
      'wrongReturn', 'redispatchUnitId'],
    conflict: '"id"',
  },
  {
    kind: 'update', table: 'ReturnRequest', rows: 'returnDecisions', match: ['id'],
    set: [...REQUEST_DECISION, 'wrongReturn', 'redispatchUnitId'],
  },
  {
    kind: 'insert', table: 'ExtensionRequest', rows: 'extensionRequests',
    columns: ['id', 'caseId', 'assignmentId', 'unitId', 'workingDays', 'reason', 'requestedById', 'requestedAt', 'beyondCap',
      'previousDueAt', ...REQUEST_DECISION, 'newDueAt'],
    conflict: '"id"',
  },
  { kind: 'update', table: 'ExtensionRequest', rows: 'extensionDecisions', match: ['id'], set: [...REQUEST_DECISION, 'newDueAt'] },
  { kind: 'insert', table: 'Urge', rows: 'urges', columns: ['id', 'caseId', 'unitId', 'kind', 'reason', 'actorId', 'createdAt'], conflict: '"id"' },
  {
    kind: 'insert', table: 'CitizenContact', rows: 'contacts',
    columns: ['id', 'caseId', 'assignmentId', 'unitId', 'means', 'contactedAt', 'note', 'recordedById', 'recordedAt'], conflict: '"id"',
  },
  {
    kind: 'insert', table: 'SupervisionNotice', rows: 'supervisions',
    columns: ['id', 'caseId', 'unitId', 'level', 'kind', 'content', 'issuedById', 'issuedAt', ...NOTICE_REPLY], conflict: '"id"',
    set: [...NOTICE_REPLY],
  },
  {
    kind: 'insert', table: 'CriticismNotice', rows: 'criticisms',
    columns: ['id', 'caseId', 'unitId', 'urgeCount', 'threshold', 'reason', 'issuedAt'], conflict: '"id"',
  },
  {
    kind: 'insert', table: 'ReReviewRequest', rows: 'reReviewRequests',
    columns: ['id', 'caseId', 'reason', 'channel', 'requestedAt', 'status', 'decidedById', 'decidedAt', 'decisionReason'], conflict: '"id"',
  },
  {
    kind: 'update', table: 'ReReviewRequest', rows: 'reReviewDecisions', match: ['caseId'],
    set: ['status', 'decidedById', 'decidedAt', 'decisionReason'], where: `t."status" = 'pending'`,
  },
  // Only files nobody's case holds yet, uploaded by the submitter (api/attachments/citations.ts).
  { kind: 'update', table: 'Attachment', rows: 'attachmentCitations', match: ['id', 'uploadedById'], set: ['caseId'], where: 't."caseId" IS NULL' },
  {
    kind: 'insert', table: 'AuditEvent', rows: 'auditEvents',
    columns: ['idempotencyKey', 'caseId', 'entityType', 'entityId', 'action', 'actorId', 'actorRole', 'actorUnitId', 'reason', 'payload', 'occurredAt'],
    // Any duplicate, as Prisma's `skipDuplicates` did.
    conflict: '',
  },
];

const quote = (name: string) => `"${name}"`;

/** The batch's rows of one key, each as the table's row type `r`, in the batch's order `e.n`. */
function rowsOf(w: Write): string {
  return `jsonb_array_elements((SELECT "batch" FROM input) -> '${w.rows}') WITH ORDINALITY AS e("row", n), jsonb_populate_record(NULL::${quote(w.table)}, e."row") AS r`;
}

function insertSql(w: InsertWrite): string {
  const value = (c: string) => w.expressions?.[c] ?? `r.${quote(c)}`;
  const updates = [
    ...(w.set ?? []).map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`),
    ...(w.keepWhenNull ?? []).map((c) => `${quote(c)} = COALESCE(EXCLUDED.${quote(c)}, ${quote(w.table)}.${quote(c)})`),
  ];
  const target = w.conflict ? ` (${w.conflict})` : '';
  const onConflict = w.conflict === null ? '' : updates.length > 0 ? ` ON CONFLICT${target} DO UPDATE SET ${updates.join(', ')}` : ` ON CONFLICT${target} DO NOTHING`;
  return `INSERT INTO ${quote(w.table)} (${w.columns.map(quote).join(', ')}) SELECT ${w.columns.map(value).join(', ')} FROM ${rowsOf(w)} WHERE (SELECT fresh FROM guard) ORDER BY e.n${onConflict}`;
}

function updateSql(w: UpdateWrite): string {
  // A key the row lacks keeps the column: `undefined` in projectionRows.ts.
  const assignments = w.set.map((c) => `${quote(c)} = CASE WHEN e."row" ? '${c}' THEN ${w.expressions?.[c] ?? `r.${quote(c)}`} ELSE t.${quote(c)} END`);
  const conditions = [...w.match.map((c) => `t.${quote(c)} = r.${quote(c)}`), ...(w.where ? [w.where] : []), '(SELECT fresh FROM guard)'];
  return `UPDATE ${quote(w.table)} AS t SET ${assignments.join(', ')} FROM ${rowsOf(w)} WHERE ${conditions.join(' AND ')}`;
}

/**
 * The statement: `$1` is the batch as JSON. It answers one row, `applied`: false when the batch's
 * last audit event was already written (a retry of a batch that committed), and nothing changed.
 * Prepared under its name on each connection: planning its CTEs costs more than running them.
 */
export const PROJECTION_STATEMENT: PreparedStatement = {
  name: 'project_case',
  text: [
    'WITH input AS (SELECT $1::jsonb AS "batch"),',
    `guard AS (SELECT NOT EXISTS (SELECT 1 FROM "AuditEvent" WHERE "idempotencyKey" = (SELECT "batch" ->> 'idempotencyKey' FROM input)) AS fresh),`,
    ...PROJECTION_WRITES.map((w, i) => `w${i} AS (${w.kind === 'insert' ? insertSql(w) : updateSql(w)})${i < PROJECTION_WRITES.length - 1 ? ',' : ''}`),
    'SELECT fresh AS applied FROM guard',
  ].join('\n'),
};
