// Field schemas shared by the admin resources, so that an id or a reason is validated the same
// way everywhere (and reads the same in the generated OpenAPI document). Built from the text
// policy (rules/text.ts): ids and codes are refused when malformed, free text is cleaned.
import { z } from 'zod';
import { identifier, requiredLine, requiredText } from '../../rules/text';

export const idParams = z.object({ id: identifier(100) });

/** Why an admin made a change; kept in the audit trail. */
export const reason = requiredText(500, { error: 'required' });
export const optionalReason = reason.nullish();

/** DELETE has no body in react-admin's data provider: the reason comes as ?reason=. */
export const deleteQuery = z.object({ reason: optionalReason });

/** Codes and ids chosen by admins: readable in URLs and logs. */
export const slug = identifier(64).regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" or "-" (at most 64)');

/** A phone number as typed: digits with an optional leading +, refused otherwise. */
export const phoneNumber = identifier(21).regex(/^\+?\d{5,20}$/, 'digits, optionally with a leading +');

/** A name shown to people (a unit, a category, a user's display name): one line of text. */
export const name = (max: number) => requiredLine(max);

export const sortOrder = z.number().int().min(0).max(1_000_000);
