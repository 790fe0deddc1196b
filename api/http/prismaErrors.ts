// Database refusals that mean "conflict" to a client: a unique key already taken (a race past
// our own check), or a row that something else started to reference meanwhile.
import { db } from '../../prisma/client';
import { HttpError } from './errors';

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof db.Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof db.Prisma.PrismaClientKnownRequestError && (error.code === 'P2003' || error.code === 'P2014');
}

/** Runs `work`; a unique or foreign-key violation becomes 409 with `message`. */
export async function conflictOnConstraint<T>(work: () => Promise<T>, message: string, fields?: Record<string, string>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error) || isForeignKeyViolation(error)) throw new HttpError(409, 'conflict', message, fields);
    throw error;
  }
}
