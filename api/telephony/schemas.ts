// What the console's telephony endpoints accept. Exported for the OpenAPI document.
import { z } from 'zod';
import { identifier, requiredLine } from '../../rules/text';
import { caseNumber } from '../cases/params';
import { db } from '../../prisma/client';
import { idFilter, jsonParam, rangeParam, sortParam } from '../http/simpleRest';
import { optionalReason } from '../http/fields';

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).max(10)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

export const callListFilter = z
  .object({
    /** react-admin's getMany. */
    id: idFilter,
    /** Missed and voicemail calls still waiting for an operator to call back. */
    needsCallback: z.boolean(),
    /** Callers waiting in the operators' queue now (ringing on the operators' screens). */
    queued: z.boolean(),
    purpose: oneOrMany(z.enum(db.CallPurpose)),
    direction: z.enum(db.Direction),
    fromNumber: requiredLine(30),
    caseId: caseNumber,
  })
  .partial()
  .strict();

export type CallListFilter = z.output<typeof callListFilter>;

export const CALL_SORTABLE = ['startedAt', 'queuedAt', 'endedAt', 'fromNumber', 'purpose', 'status'] as const;

export const callListQuery = z.object({
  filter: jsonParam(callListFilter).default({}),
  range: rangeParam.default([0, 24]),
  sort: sortParam(CALL_SORTABLE).default(['startedAt', 'DESC']),
});

/** Call.id is Twilio's CallSid. */
export const callIdParams = z.object({ id: identifier(34).regex(/^CA[0-9a-fA-F]{32}$/, 'a CallSid: CA and 32 hex digits') });

/** The operator called the citizen back; what came of it goes into the audit trail. */
export const calledBackBody = z.strictObject({ reason: optionalReason });

/** The operator files the call under the case registered from it (the call-centre figures' after-call work ends then). */
export const callCaseBody = z.strictObject({ caseId: caseNumber, reason: optionalReason });

/** The operator transfers the caller to a unit's duty phone. */
export const callTransferBody = z.strictObject({ unitId: identifier(100), reason: optionalReason });
