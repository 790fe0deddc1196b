// Requests to the application as Twilio makes them: form-encoded POST (or GET with the parameters
// in the query string), X-Twilio-Signature over the full URL plus the sorted POST parameters,
// a 15 s timeout. Failures are answers too (status 0), never exceptions: callers log them.
import twilio from 'twilio';

export type HttpMethod = 'GET' | 'POST';

export interface WebhookRequest {
  url: string;
  method: HttpMethod;
  params: Record<string, string>;
}

export interface WebhookAnswer {
  /** HTTP status; 0 when no answer came (connection refused, timeout). */
  status: number;
  contentType: string;
  body: string;
  ms: number;
  error?: string;
}

export async function sendWebhook(request: WebhookRequest, authToken: string, timeoutMs: number, signal?: AbortSignal): Promise<WebhookAnswer> {
  const started = performance.now();
  let url = request.url;
  let body: string | undefined;
  let signature: string;
  if (request.method === 'GET') {
    const target = new URL(request.url);
    for (const [key, value] of Object.entries(request.params)) target.searchParams.append(key, value);
    url = target.toString();
    signature = twilio.getExpectedTwilioSignature(authToken, url, {});
  } else {
    body = new URLSearchParams(request.params).toString();
    signature = twilio.getExpectedTwilioSignature(authToken, url, request.params);
  }
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: {
        'x-twilio-signature': signature,
        'user-agent': 'TwilioProxy/1.1',
        accept: '*/*',
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } : {}),
      },
      body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text, ms: Math.round(performance.now() - started) };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { status: 0, contentType: '', body: '', ms: Math.round(performance.now() - started), error: (error as Error).message };
  }
}
