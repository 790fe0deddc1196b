// The Idempotency-Key request header (IETF draft-ietf-httpapi-idempotency-key-header): the
// client's name for one action, the same on every retry of it, so that the server does the
// action once. Taken bare or as the draft's quoted string. Intake and case commands read it.
import type { Request } from 'express';
import { identifier } from '../../rules/text';
import { HttpError } from './errors';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Long enough to be unguessable (the web form's keys guard a citizen's query password): a UUID fits. */
export const idempotencyKey = identifier(255).min(16, 'at least 16 characters: use a random value such as a UUID');

/** The request's key; null when it has none; 400 when it is malformed. */
export function idempotencyKeyOf(req: Request): string | null {
  const raw = req.get(IDEMPOTENCY_KEY_HEADER);
  if (raw === undefined) return null;
  const parsed = idempotencyKey.safeParse(raw.trim().replace(/^"(.*)"$/, '$1'));
  if (!parsed.success) throw new HttpError(400, 'invalid_request', `invalid ${IDEMPOTENCY_KEY_HEADER} header`, { [IDEMPOTENCY_KEY_HEADER]: parsed.error.issues[0]!.message });
  return parsed.data;
}
