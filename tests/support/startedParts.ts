// What a mocha `before` hook starts, read through getters: outside the describe block that
// started it (or before its hook ran) a read fails with a clear message instead of undefined.
/** The parts as the hooks fill them in. */
export type Parts<T> = { -readonly [K in keyof T]?: T[K] };

export function startedParts<T extends object>(parts: Parts<T>, keys: readonly (keyof T)[], stack: string): T {
  const view = {} as T;
  for (const key of keys) {
    Object.defineProperty(view, key, {
      enumerable: true,
      get: () => {
        const value = parts[key];
        if (value === undefined) throw new Error(`the ${stack} is not running: use it inside the describe block that set it up`);
        return value;
      },
    });
  }
  return view;
}
