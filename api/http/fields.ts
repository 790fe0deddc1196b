// Field schemas shared by the admin resources, so that an id or a reason is validated the same
// way everywhere (and reads the same in the generated OpenAPI document).
import { z } from 'zod';
import { identifier } from '../../workflows/rules/text';

export const idParams = z.object({ id: identifier(100) });

/** Why an admin made a change; kept in the audit trail. */
export const reason = z.string({ error: 'required' }).trim().min(1, 'required').max(500, 'at most 500 characters');
export const optionalReason = reason.nullish();

/** DELETE has no body in react-admin's data provider: the reason comes as ?reason=. */
export const deleteQuery = z.object({ reason: optionalReason });

/** Codes and ids chosen by admins: readable in URLs and logs. */
export const slug = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" or "-" (at most 64)');

export const phoneNumber = z.string().trim().regex(/^\+?\d{5,20}$/, 'digits, optionally with a leading +');

export const name = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);

export const sortOrder = z.number().int().min(0).max(1_000_000);
