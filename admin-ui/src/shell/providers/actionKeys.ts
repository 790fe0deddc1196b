// Idempotency-Keys for the console's writes that must happen once (registering a case, a case
// command): one key per user action, the same when the same action is sent again after a failure
// (the API then applies it once and answers it again), a new one once the action changes or
// has succeeded (a deliberate second urge is a second action).
import { useRef } from 'react';

export interface ActionKeys {
  /** The key for sending this body: the last one while the body is the same. */
  keyFor(body: unknown): string;
  /** The action succeeded: the next one gets a new key. */
  done(): void;
}

/** 128 random bits as hex, from crypto.getRandomValues (randomUUID needs a secure context, and intranet consoles may be plain http). */
export const newActionKey = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export function actionKeys(): ActionKeys {
  let last: { body: string; key: string } | null = null;
  return {
    keyFor(body) {
      const text = JSON.stringify(body) ?? '';
      if (last?.body !== text) last = { body: text, key: newActionKey() };
      return last.key;
    },
    done() {
      last = null;
    },
  };
}

/** The component's keys, kept across renders. */
export const useActionKeys = (): ActionKeys => {
  const keys = useRef<ActionKeys | null>(null);
  keys.current ??= actionKeys();
  return keys.current;
};
