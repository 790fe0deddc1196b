// The human commands on a case and the shape of each one's input. The API validates bodies
// with these schemas (400 with fields); the workflow validates them again before deciding.
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
const reason = text(2000);
const id = z.string().trim().min(1, 'required').max(100);

export const commandInputs = {
  answerDirectly: z.object({ answer: text(4000), articleId: id.nullable().default(null) }),
  reject: z.object({ reasonCode: z.enum(['emergency', 'litigation', 'petitionFinal', 'outOfScope', 'invalidContent']), reason }),
  merge: z.object({ intoCaseId: z.string().regex(/^\d{8,20}$/, 'a case number (digits)'), reason: reason.optional() }),
  dispatch: z
    .object({
      leadUnitId: id,
      assistUnitIds: z.array(id).max(10).default([]),
      instructions: z.string().trim().max(2000).optional(),
    })
    .refine((v) => !v.assistUnitIds.includes(v.leadUnitId), { message: 'the lead unit cannot also assist', path: ['assistUnitIds'] })
    .refine((v) => new Set(v.assistUnitIds).size === v.assistUnitIds.length, { message: 'a unit is listed twice', path: ['assistUnitIds'] }),
  signFor: z.object({ assignmentId: id.optional() }),
  subDispatch: z.object({ subUnitId: id, instructions: z.string().trim().max(2000).optional() }),
  reviewSubResult: z
    .object({ accept: z.boolean(), comment: z.string().trim().max(2000).optional() })
    .refine((v) => v.accept || (v.comment ?? '') !== '', { message: 'say why the result is sent back', path: ['comment'] }),
  requestReturn: z.object({ reason }),
  decideReturn: z
    .object({
      approve: z.boolean(),
      reason,
      /** Required when approving: the unit(s) the case goes to instead. */
      redispatch: z.object({ leadUnitId: id, assistUnitIds: z.array(id).max(10).default([]) }).optional(),
      /** Set when refusing a return the office judges unfounded (错退), for assessment. */
      wrongReturn: z.boolean().default(false),
    })
    .refine((v) => !v.approve || v.redispatch !== undefined, { message: 'required when approving a return', path: ['redispatch'] }),
  requestExtension: z.object({ workingDays: z.number().int().min(1).max(60), reason }),
  decideExtension: z.object({ approve: z.boolean(), reason }),
  submitAssistOpinion: z.object({ assignmentId: id.optional(), opinion: text(4000) }),
  submitResult: z.object({
    actionsTaken: text(8000),
    replyToCitizen: text(4000),
    legalBasis: z.string().trim().max(2000).nullable().default(null),
    handlerName: text(50),
    reviewerName: z.string().trim().max(50).nullable().default(null),
    citizenContacted: z.boolean(),
    resolved: z.boolean().nullable().default(null),
    attachmentIds: z.array(id).max(20).default([]),
  }),
  unitApprove: z.object({ comment: z.string().trim().max(2000).optional() }),
  review: z
    .object({ accept: z.boolean(), comment: z.string().trim().max(2000).optional() })
    .refine((v) => v.accept || (v.comment ?? '') !== '', { message: 'say why the result is sent back', path: ['comment'] }),
  urge: z.object({ reason }),
  supervise: z.object({ content: text(4000), level: z.union([z.literal(1), z.literal(2)]).default(1) }),
  overrideDeadline: z.object({ clockKey: id, dueAt: z.iso.datetime({ offset: true }), reason }),
  recordCallback: z
    .object({
      outcome: z.enum(['reached', 'unreachable']),
      satisfaction: z.enum(['satisfied', 'basicallySatisfied', 'unsatisfied']).nullable().default(null),
      resolved: z.boolean().nullable().default(null),
      method: z.enum(['phoneCall', 'sms', 'operator']).default('operator'),
      comment: z.string().trim().max(2000).nullable().default(null),
    })
    .refine((v) => v.outcome === 'unreachable' || v.satisfaction !== null, { message: 'required when the citizen was reached', path: ['satisfaction'] }),
  close: z.object({ explanation: text(4000) }),
  requestReReview: z.object({ reason, channel: z.enum(['phone', 'sms', 'web', 'email', 'letter', 'wechat', 'open311', 'walkIn']).default('phone') }),
  decideReReview: z.object({ reopen: z.boolean(), reason }),
} as const;

export type CommandName = keyof typeof commandInputs;
export const COMMAND_NAMES = Object.keys(commandInputs) as CommandName[];
export type CommandInput<C extends CommandName> = z.output<(typeof commandInputs)[C]>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commandInputs, name);
}
