// The drill's HTTP client, as a careful caller would be: every write carries an
// Idempotency-Key, and a network error, a timeout or a 5xx is retried with the same key and
// body (backoff up to 3 s) until an answer comes or the bound runs out.

export interface Answer {
  /** Final HTTP status; null when no answer came within the bound. */
  status: number | null;
  body: unknown;
  attempts: number;
  /** When the first attempt was sent and the final answer came (ms since the epoch). */
  sentAt: number;
  answeredAt: number;
}

export interface RetryBounds {
  /** One attempt is abandoned (and retried) after this long. */
  attemptTimeoutMs: number;
  /** No new attempt starts after this long since the first. */
  giveUpAfterMs: number;
}

export const DEFAULT_BOUNDS: RetryBounds = { attemptTimeoutMs: 60_000, giveUpAfterMs: 300_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function postWithRetries(url: string, body: unknown, headers: Record<string, string>, bounds: RetryBounds = DEFAULT_BOUNDS): Promise<Answer> {
  const sentAt = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(bounds.attemptTimeoutMs),
      });
      const text = await response.text();
      if (response.status < 500) return { status: response.status, body: parseJson(text), attempts: attempt, sentAt, answeredAt: Date.now() };
    } catch {
      // Refused connection, reset, timeout: the request may or may not have been applied.
    }
    if (Date.now() - sentAt > bounds.giveUpAfterMs) return { status: null, body: null, attempts: attempt, sentAt, answeredAt: Date.now() };
    await sleep(Math.min(200 * 2 ** (attempt - 1), 3_000));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An access token of a demo user (the drill's API issues them for an hour). */
export async function login(apiUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${apiUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login of ${username} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}
