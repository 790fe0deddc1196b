// Values built on first read and kept. The SDK runs every cached workflow in a module scope of
// its own (its reusable V8 context keeps one module cache per workflow), so whatever a rules
// module builds when it loads is paid once for each case a worker holds in memory: the command
// schemas alone were about 500 zod objects per case. Built lazily, a case holds only the ones
// it used (docs/performance.md, worker memory).

/** A value built by its first call and kept for the next. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** A record whose values are each built on first read. */
export function lazyRecord<T extends Record<string, () => unknown>>(builders: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const record = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const key of Object.keys(builders) as (keyof T & string)[]) {
    Object.defineProperty(record, key, { enumerable: true, get: lazy(builders[key]! as () => ReturnType<T[typeof key]>) });
  }
  return record;
}
