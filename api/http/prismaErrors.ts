// Database refusals that are the client's doing, as the HTTP errors to answer with: a unique key
// already taken, a row that something else started to reference meanwhile, and values a column
// cannot take (too long, out of range, malformed) that a schema let through. Such input is
// refused with a 4xx, never a 500; the errors handlers log it as a warning so that the schema
// that let it through gets tightened.
import { isForeignKeyViolation, isUniqueViolation } from '../../lib/prismaErrors';
import { db } from '../../prisma/client';
import { HttpError } from './errors';

/** Runs `work`; a unique or foreign-key violation becomes 409 with `message`. */
export async function conflictOnConstraint<T>(work: () => Promise<T>, message: string, fields?: Record<string, string>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error) || isForeignKeyViolation(error)) throw new HttpError(409, 'conflict', message, fields);
    throw error;
  }
}

const INVALID = { status: 400, code: 'invalid_request' } as const;
const CONFLICT = { status: 409, code: 'conflict' } as const;

/** Prisma's codes of refusals that input causes (https://www.prisma.io/docs/orm/reference/error-reference). */
const INPUT_REFUSALS: Record<string, { status: number; code: string; message: string }> = {
  P2000: { ...INVALID, message: 'a value is too long for its field' },
  P2007: { ...INVALID, message: 'a value is not valid for its field' },
  P2011: { ...INVALID, message: 'a required value is missing' },
  P2012: { ...INVALID, message: 'a required value is missing' },
  P2020: { ...INVALID, message: 'a value is out of range for its field' },
  P2023: { ...INVALID, message: 'a value does not fit its field' },
  P2002: { ...CONFLICT, message: 'a record with this key already exists' },
  P2003: { ...CONFLICT, message: 'a record it refers to does not exist, or another still refers to it' },
  P2014: { ...CONFLICT, message: 'another record still refers to it' },
  P2034: { ...CONFLICT, message: 'a concurrent change got there first; retry' },
  P2025: { status: 404, code: 'not_found', message: 'no such record' },
};

/**
 * The HTTP error for a database refusal the request caused, or null for any other error (a
 * database that is down stays a server error). A query Prisma refuses to build from a value
 * (PrismaClientValidationError) is the same: a value no schema should have let through.
 */
export function databaseRefusal(error: unknown): HttpError | null {
  if (error instanceof db.Prisma.PrismaClientKnownRequestError) {
    const refusal = INPUT_REFUSALS[error.code];
    return refusal ? new HttpError(refusal.status, refusal.code, refusal.message) : null;
  }
  if (error instanceof db.Prisma.PrismaClientValidationError) return new HttpError(INVALID.status, INVALID.code, 'the request holds a value the database cannot take');
  return null;
}
