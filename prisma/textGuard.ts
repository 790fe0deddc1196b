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
 * A value for a statement the client's guard does not see (a prepared statement on the pool):
 * the same cleaning, and whether anything needed it.
 */
export function storableJson<T>(value: T): { value: T; cleaned: boolean } {
  return holdsUnsafeText(value) ? { value: cleanJson(value, storableText), cleaned: true } : { value, cleaned: false };
}

export interface TextGuardReport {
  model: string;
  operation: string;
}

/**
 * A raw query's values cleaned, its SQL text left as written: `$queryRaw` and `$executeRaw` hand
 * extensions their `Sql` (text and values apart), the `Unsafe` ones `[text, ...values]`.
 */
function storableRawArgs(args: unknown): { value: unknown; cleaned: boolean } {
  if (args instanceof Prisma.Sql) {
    const values = storableJson(args.values);
    return values.cleaned ? { value: new Prisma.Sql(args.strings, values.value), cleaned: true } : { value: args, cleaned: false };
  }
  if (Array.isArray(args)) {
    const [text, ...rest] = args as unknown[];
    const values = storableJson(rest);
    return values.cleaned ? { value: [text, ...values.value], cleaned: true } : { value: args, cleaned: false };
  }
  return storableJson(args);
}

export function textGuard(onCleaned: (report: TextGuardReport) => void) {
  return Prisma.defineExtension({
    name: 'textGuard',
    query: {
      // Every operation, the raw ones too (they have no model): a raw query's values reach
      // PostgreSQL as parameters like any other, and are refused for the same characters.
      async $allOperations({ model, operation, args, query }) {
        const storable = model === undefined ? storableRawArgs(args) : storableJson(args);
        if (storable.cleaned) onCleaned({ model: model ?? 'raw', operation });
        return query(storable.value as typeof args);
      },
    },
  });
}
