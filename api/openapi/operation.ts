// One route of the API as its OpenAPI description knows it. A file of its own so that each
// resource's table (api/*/operations.ts) can name it without importing the whole table.
import type { z } from 'zod';
import type { Role } from '../auth/tokens';

/** `twilioSignature`: Twilio's webhooks, signed with the account's auth token. */
export type Auth = 'bearer' | 'twilioSignature' | 'none';

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  tag: string;
  summary: string;
  auth: Auth;
  /** Roles allowed; absent = any signed-in user (unit scoping still applies). */
  roles?: Role[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Body media types when not only JSON. */
  consumes?: string[];
  /** Answer media types when not only JSON. */
  produces?: string[];
  /**
   * The success status and what it returns: an object, unless `list` (a react-admin list: a
   * JSON array with Content-Range) or `array` (a JSON array without it); `schema` describes
   * the object's documented fields (others may come beside them).
   */
  success: { status: number; description: string; list?: boolean; array?: boolean; schema?: z.ZodType; creates?: Creates };
  /** A 202 answer beside the success: what it means (the same body as the success). */
  accepted?: string;
  /** Statuses beyond the ones the auth, params, query and body imply. */
  errors?: number[];
  /**
   * Takes an `Idempotency-Key` header: `intake` = a retry gets the first answer and never a
   * second case (422 when the key was used for another request); `command` = a retry is the
   * same workflow Update, applied once.
   */
  idempotencyKey?: 'intake' | 'command';
  /** Registers a case through intake (api/cases/intake.ts): 202 while it is not listed yet, 503 when it could not be started. */
  registersCase?: boolean;
}

/**
 * What a create answers with, for the description's links (a created case → its reads and
 * commands): where its id is in the answer (a JSON pointer), and the path of the operations
 * that take it (`/api/cases/:id` covers `/api/cases/:id/...` too), plus query parameters read
 * from the answer.
 */
export interface Creates {
  pointer: string;
  under: string;
  query?: Record<string, string>;
}
