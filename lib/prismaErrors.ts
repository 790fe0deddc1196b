// Which constraint a database refusal hit: a unique key already taken (a race past our own
// check, or a retried write), or a row that something else started to reference meanwhile.
// The API answers them as HTTP errors (api/http/prismaErrors.ts).
import { db } from '../prisma/client';

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof db.Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof db.Prisma.PrismaClientKnownRequestError && (error.code === 'P2003' || error.code === 'P2014');
}
