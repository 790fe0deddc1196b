// What the API says when it refuses a change: `{ error: { code, message, fields? } }`.
import { HttpError } from 'react-admin';
import { isRecord } from './session';

/** The message of an error body (`{ error: { code, message, fields? } }`), if present. */
export const backendErrorMessage = (body: unknown): string | undefined =>
  isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string' ? body.error.message : undefined;

export interface ApiRefusal {
  status: number | null;
  code: string | null;
  message: string;
  fields: Record<string, string>;
}

export const apiRefusalOf = (error: unknown): ApiRefusal => {
  const body = error instanceof HttpError && isRecord(error.body) && isRecord(error.body.error) ? error.body.error : {};
  const fields = isRecord(body.fields)
    ? Object.fromEntries(Object.entries(body.fields).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    : {};
  return {
    status: error instanceof HttpError ? error.status : null,
    code: typeof body.code === 'string' ? body.code : null,
    message: error instanceof Error ? error.message : String(error),
    fields,
  };
};
