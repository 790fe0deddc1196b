// A read shared by every scrape for a few seconds: however often (or however many at once) a
// scraper asks, the database is read at most once per period, never twice at the same time, and a
// read that hangs fails the scrape's figures instead of holding the scrape.

export interface CachedReadOptions {
  cacheMs: number;
  /** A read not done within this fails (it goes on in the background; none starts beside it). */
  timeoutMs: number;
  now?: () => number;
  /** Told once of each failed read (however many scrapes share it). */
  onError?: (error: unknown) => void;
}

export function cachedRead<T>(read: () => Promise<T>, options: CachedReadOptions): () => Promise<T> {
  const now = options.now ?? Date.now;
  let last: { at: number; result: Promise<T> } | null = null;
  let inFlight: Promise<T> | null = null;
  return () => {
    if (last && now() - last.at < options.cacheMs) return last.result;
    inFlight ??= read().finally(() => (inFlight = null));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the read took more than ${options.timeoutMs} ms`)), options.timeoutMs);
    });
    const result = Promise.race([inFlight, timedOut]).finally(() => clearTimeout(timer));
    // Failures are kept for the period too: a database in trouble is not asked again at every scrape.
    result.catch((error: unknown) => options.onError?.(error));
    last = { at: now(), result };
    return result;
  };
}
