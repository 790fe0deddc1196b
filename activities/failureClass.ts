// Which activity failures are worth retrying. Transient: the database or a service is away or
// busy (connection refused or reset, pool or statement timeout, serialization failure, server
// shutting down); retried with backoff. Permanent: the write itself is refused (a constraint,
// bad data, a missing row or column) or our own code threw; the same attempt would fail again
// until something changes, so it is not retried and the workflow reports its step as stuck.
// Unknown errors count as transient: retried, and still reported once retries run out.
import { ApplicationFailure } from '@temporalio/activity';

export type FailureClass = 'transient' | 'permanent';

/** The type of the ApplicationFailure a permanent failure becomes (workflows test for it). */
export const PERMANENT_FAILURE = 'PermanentActivityFailure';

/** PostgreSQL SQLSTATE classes that say the statement itself is wrong (docs: Appendix A). */
const PERMANENT_SQLSTATE_CLASSES = ['22', '23', '42', '2B', '2D', '44'];
/** Prisma error codes for refusals by the data or the schema (P1xxx are connection problems). */
const PERMANENT_PRISMA_CODES = new Set(['P2000', 'P2001', 'P2002', 'P2003', 'P2004', 'P2005', 'P2006', 'P2007', 'P2008', 'P2009', 'P2011', 'P2012', 'P2013', 'P2014', 'P2015', 'P2016', 'P2017', 'P2018', 'P2019', 'P2020', 'P2021', 'P2022', 'P2023', 'P2025', 'P2026', 'P2039']);
/** Thrown by our own code: a bug does not go away by waiting. */
const PROGRAMMING_ERRORS = ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'PrismaClientValidationError'];

interface ErrorFacts {
  name?: string;
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } };
  cause?: unknown;
}

/** The SQLSTATE of a PostgreSQL error, wherever Prisma or pg put it. */
export function sqlStateOf(error: unknown): string | null {
  const facts = error as ErrorFacts | null;
  const adapterCause = facts?.meta?.driverAdapterError?.cause;
  for (const candidate of [adapterCause?.originalCode, adapterCause?.code, facts?.code]) {
    if (typeof candidate === 'string' && /^[0-9A-Z]{5}$/.test(candidate)) return candidate;
  }
  return null;
}

export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof ApplicationFailure) return error.nonRetryable ? 'permanent' : 'transient';
  const facts = (error ?? {}) as ErrorFacts;
  const sqlState = sqlStateOf(error);
  if (sqlState) return PERMANENT_SQLSTATE_CLASSES.includes(sqlState.slice(0, 2)) ? 'permanent' : 'transient';
  if (typeof facts.code === 'string' && PERMANENT_PRISMA_CODES.has(facts.code)) return 'permanent';
  if (facts.name && PROGRAMMING_ERRORS.includes(facts.name)) return 'permanent';
  if (error instanceof Error && PROGRAMMING_ERRORS.includes(error.constructor.name)) return 'permanent';
  return 'transient';
}

/** The part of an error's message a person needs: the database's own words when there are some. */
export function briefMessageOf(error: unknown): string {
  const facts = (error ?? {}) as ErrorFacts & { message?: unknown; meta?: { modelName?: unknown; driverAdapterError?: { cause?: { message?: unknown; originalMessage?: unknown } } } };
  const adapterCause = facts.meta?.driverAdapterError?.cause;
  const databaseWords = adapterCause?.originalMessage ?? adapterCause?.message;
  if (typeof databaseWords === 'string') return typeof facts.meta?.modelName === 'string' ? `${facts.meta.modelName}: ${databaseWords}` : databaseWords;
  // Prisma's messages open with the invocation and a code frame; the reason is the last line.
  const lines = String(facts.message ?? error).split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return (lines.at(-1) ?? 'unknown error').slice(0, 1000);
}

/** A short code for people and logs: the SQLSTATE, Prisma's code, or the error's name. */
export function failureCodeOf(error: unknown): string {
  const facts = (error ?? {}) as ErrorFacts;
  return sqlStateOf(error) ?? (typeof facts.code === 'string' ? facts.code : (facts.name ?? 'Error'));
}

/**
 * Wraps activities so that a permanent failure reaches the workflow as a non-retryable
 * ApplicationFailure (type PERMANENT_FAILURE, details: the code) instead of being retried.
 */
export function withFailureClasses<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, activity] of Object.entries(activities)) {
    wrapped[name] = async (...args) => {
      try {
        return await activity(...args);
      } catch (error) {
        if (error instanceof ApplicationFailure || classifyFailure(error) === 'transient') throw error;
        throw ApplicationFailure.create({ type: PERMANENT_FAILURE, message: `${failureCodeOf(error)}: ${briefMessageOf(error)}`, details: [failureCodeOf(error)], nonRetryable: true, cause: error as Error });
      }
    };
  }
  return wrapped as T;
}
