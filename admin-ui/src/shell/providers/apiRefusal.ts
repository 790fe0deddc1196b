// What the API says when it refuses a change: `{ error: { code, message, fields? } }`.
import { HttpError, type TranslateFunction } from 'react-admin';
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

/** A refusal as the user reads it: its kind on the first line, the API's own reason below. */
export interface RefusalText {
  headline: string;
  detail: string | null;
}

/**
 * The one place a refusal becomes words. Invalid fields (a 400 naming them) go onto their
 * inputs, so the headline only asks to correct them; a 409 naming a field keeps its kind, which
 * says more than "correct the field" (e.g. a unit moved under itself). A code the console knows
 * gets its words in the user's language over the API's reason; a code it does not know falls
 * back to the API's reason (`_: ''` keeps polyglot quiet about the missing key).
 */
export const refusalText = (translate: TranslateFunction, refusal: ApiRefusal): RefusalText => {
  if (refusal.status === 400 && Object.keys(refusal.fields).length > 0) return { headline: translate('hotline.refusal.fixFields'), detail: null };
  const kind = refusal.code ? translate(`hotline.refusal.${refusal.code}`, { _: '' }) : '';
  const reason = refusal.message.trim();
  if (kind) return { headline: kind, detail: reason && reason !== kind ? reason : null };
  return { headline: reason || translate('hotline.refusal.unknown'), detail: null };
};

/** The same on one line, for a notification. */
export const refusalLine = ({ headline, detail }: RefusalText): string => (detail ? `${headline}: ${detail}` : headline);
