// The last line of the text policy (rules/text.ts): every value a query sends to
// PostgreSQL is made storable, so that no text can make a query fail for its characters.
// PostgreSQL refuses NUL in text and jsonb and lone surrogates in jsonb; such a refusal used to
// make a case's projection retry forever. Only those are changed (storableText): the doors
// clean text by the policy first, so this finds nothing in normal work; when it does, a door
// missed it and the log says which model and operation.
import { Prisma } from './generated/client';
import { cleanJson, isUnstorable, storableText } from '../rules/text';

function holdsUnsafeText(value: unknown): boolean {
  if (typeof value === 'string') return isUnstorable(value);
  if (Array.isArray(value)) return value.some(holdsUnsafeText);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).some(([key, item]) => isUnstorable(key) || holdsUnsafeText(item));
  }
  return false;
}

/**
 * A value for a statement the client's guard does not see (a raw or prepared statement): the
 * same cleaning, and whether anything needed it.
 */
export function storableJson<T>(value: T): { value: T; cleaned: boolean } {
  return holdsUnsafeText(value) ? { value: cleanJson(value, storableText), cleaned: true } : { value, cleaned: false };
}

export interface TextGuardReport {
  model: string;
  operation: string;
}

export function textGuard(onCleaned: (report: TextGuardReport) => void) {
  return Prisma.defineExtension({
    name: 'textGuard',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const storable = storableJson(args);
          if (storable.cleaned) onCleaned({ model, operation });
          return query(storable.value);
        },
      },
    },
  });
}
