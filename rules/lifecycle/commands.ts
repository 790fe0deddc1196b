// The human commands on a case and the shape of each one's input. The API validates bodies
// with these schemas (400 with fields) and passes on only what they parse (unknown keys are
// dropped, text cleaned by the text policy); the workflow validates that again before deciding,
// which changes nothing the second time (cleaning is idempotent).
import { z } from 'zod';
import { identifier, multiLineText, requiredLine, requiredText, singleLineText } from '../text';
import { lazyRecord } from '../lazyRecord';
import { CHANNELS, DISPATCH_MODES, SATISFACTIONS, URGENCIES } from '../vocabulary';
import { SUSPENSION_REASONS, UNSATISFIED_DECISIONS } from './types';

/** How a unit first reaches the citizen, for 响应率 (docs/statistics.md). */
export const CONTACT_MEANS = ['phone', 'visit', 'sms', 'wechat', 'other'] as const;

const reason = requiredText(2000);
const note = multiLineText(2000);
const id = identifier(100);

/** Each command's schema, built when first used (lazyRecord.ts). */
export const commandInputs = lazyRecord({
  answerDirectly: () => z.object({ answer: requiredText(4000), articleId: id.nullable().default(null) }),
  reject: () => z.object({ reasonCode: z.enum(['emergency', 'litigation', 'petitionFinal', 'outOfScope', 'invalidContent']), reason }),
  merge: () => z.object({ intoCaseId: identifier(20).regex(/^\d{8,20}$/, 'a case number (digits)'), reason: reason.optional() }),
  dispatch: () => z
    .object({
      leadUnitId: id,
      assistUnitIds: z.array(id).max(10).default([]),
      instructions: note.optional(),
      /** 交办方式: by the system (default), by phone (电话交办) or in writing (书面交办); the policies say its limits. */
      mode: z.enum(DISPATCH_MODES).default('system'),
    })
    .refine((v) => !v.assistUnitIds.includes(v.leadUnitId), { message: 'the lead unit cannot also assist', path: ['assistUnitIds'] })
    .refine((v) => new Set(v.assistUnitIds).size === v.assistUnitIds.length, { message: 'a unit is listed twice', path: ['assistUnitIds'] }),
  signFor: () => z.object({ assignmentId: id.optional() }),
  /** One or several sub-units (`subUnitId`, the single unit of cases before issue 19, still reads). */
  subDispatch: () => z
    .object({ subUnitIds: z.array(id).min(1).max(10).optional(), subUnitId: id.optional(), instructions: note.optional() })
    .refine((v) => (v.subUnitIds === undefined) !== (v.subUnitId === undefined), { message: 'name the sub-units (subUnitIds)', path: ['subUnitIds'] })
    .refine((v) => new Set(v.subUnitIds).size === (v.subUnitIds?.length ?? 0), { message: 'a unit is listed twice', path: ['subUnitIds'] })
    .transform(({ subUnitIds, subUnitId, instructions }) => ({ subUnitIds: subUnitIds ?? [subUnitId!], ...(instructions === undefined ? {} : { instructions }) })),
  /** `assignmentId`: which sub-unit's result, needed when more than one waits for the reviewer. */
  reviewSubResult: () => z
    .object({ assignmentId: id.optional(), accept: z.boolean(), comment: note.optional() })
    .refine((v) => v.accept || (v.comment ?? '') !== '', { message: 'say why the result is sent back', path: ['comment'] }),
  requestReturn: () => z.object({ reason }),
  decideReturn: () => z
    .object({
      approve: z.boolean(),
      reason,
      /** Required when approving: the unit(s) the case goes to instead. */
      redispatch: z.object({ leadUnitId: id, assistUnitIds: z.array(id).max(10).default([]) }).optional(),
      /** Set when refusing a return the office judges unfounded (错退), for assessment. */
      wrongReturn: z.boolean().default(false),
    })
    .refine((v) => !v.approve || v.redispatch !== undefined, { message: 'required when approving a return', path: ['redispatch'] }),
  requestExtension: () => z.object({ workingDays: z.number().int().min(1).max(60), reason }),
  decideExtension: () => z.object({ approve: z.boolean(), reason }),
  submitAssistOpinion: () => z.object({ assignmentId: id.optional(), opinion: requiredText(4000) }),
  submitResult: () => z.object({
    actionsTaken: requiredText(8000),
    replyToCitizen: requiredText(4000),
    legalBasis: note.nullable().default(null),
    handlerName: requiredLine(50),
    reviewerName: singleLineText(50).nullable().default(null),
    citizenContacted: z.boolean(),
    resolved: z.boolean().nullable().default(null),
    attachmentIds: z.array(id).max(20).default([]),
  }),
  unitApprove: () => z.object({ comment: note.optional() }),
  review: () => z
    .object({ accept: z.boolean(), comment: note.optional() })
    .refine((v) => v.accept || (v.comment ?? '') !== '', { message: 'say why the result is sent back', path: ['comment'] }),
  recordContact: () => z.object({
    /** How the unit reached the citizen (响应方式). */
    means: z.enum(CONTACT_MEANS),
    /** When the citizen was reached: not before the dispatch, not in the future. */
    contactedAt: z.iso.datetime({ offset: true }),
    note: note.nullable().default(null),
  }),
  /**
   * The person of the unit who handles its assignment (承办人): `assignmentId` may be left out when
   * the unit has exactly one live assignment on the case; `handlerId` is a user of that unit.
   */
  assignHandler: () => z.object({ assignmentId: id.optional(), handlerId: id, note: note.nullable().default(null) }),
  /** The whole profile the case is to have (a null category clears it), and why. */
  reclassify: () => z.object({ caseTypeCode: identifier(50), categoryId: identifier(100).nullable(), urgency: z.enum(URGENCIES), reason }),
  /** 挂起: why (the kind and in words) and for how many working days at most; the total per case is capped by the rule settings. */
  suspend: () => z.object({ reasonKind: z.enum(SUSPENSION_REASONS), reason, workingDays: z.number().int().min(1).max(120) }),
  /** 恢复, before the planned end (an optional note). */
  resume: () => z.object({ reason: note.nullable().default(null) }),
  /** 转阅: units that are to know of the case, with no reply due. */
  forwardForInformation: () => z
    .object({ unitIds: z.array(id).min(1).max(20), note: note.nullable().default(null) })
    .refine((v) => new Set(v.unitIds).size === v.unitIds.length, { message: 'a unit is listed twice', path: ['unitIds'] }),
  /** A unit the case was forwarded to marks it read. */
  markForwardRead: () => z.object({}),
  /** 领导批示: who gave the instruction and what it says. */
  attachLeaderInstruction: () => z.object({ leaderName: requiredLine(50), leaderTitle: singleLineText(50).nullable().default(null), instruction: requiredText(4000) }),
  urge: () => z.object({ reason }),
  supervise: () => z.object({ content: requiredText(4000), level: z.union([z.literal(1), z.literal(2)]).default(1) }),
  /** The unit's reply to a supervision notice (督办回复): what it has done or will do. */
  answerSupervision: () => z.object({ noticeId: id, reply: requiredText(4000) }),
  /** The office's evaluation of a reply; a rejected one (with a comment) re-opens the notice. */
  evaluateSupervisionAnswer: () => z
    .object({ noticeId: id, accepted: z.boolean(), comment: note.nullable().default(null) })
    .refine((v) => v.accepted || (v.comment ?? '') !== '', { message: 'say why the reply is not accepted', path: ['comment'] }),
  overrideDeadline: () => z.object({ clockKey: id, dueAt: z.iso.datetime({ offset: true }), reason }),
  recordCallback: () => z
    .object({
      outcome: z.enum(['reached', 'unreachable']),
      satisfaction: z.enum(SATISFACTIONS).nullable().default(null),
      resolved: z.boolean().nullable().default(null),
      method: z.enum(['phoneCall', 'sms', 'operator']).default('operator'),
      comment: note.nullable().default(null),
    })
    .refine((v) => v.outcome === 'unreachable' || v.satisfaction !== null, { message: 'required when the citizen was reached', path: ['satisfaction'] }),
  close: () => z.object({ explanation: requiredText(4000) }),
  /** The office's answer to an unsatisfied callback, and why (a closing's explanation to the citizen). */
  decideUnsatisfied: () => z.object({ decision: z.enum(UNSATISFIED_DECISIONS), reason: requiredText(4000) }),
  requestReReview: () => z.object({ reason, channel: z.enum(CHANNELS).default('phone') }),
  decideReReview: () => z.object({ reopen: z.boolean(), reason }),
});

export type CommandName = keyof typeof commandInputs;
export const COMMAND_NAMES = Object.keys(commandInputs) as CommandName[];
export type CommandInput<C extends CommandName> = z.output<(typeof commandInputs)[C]>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commandInputs, name);
}
