// The real `twilio` client, optionally pointed at another API host: the local Twilio-compatible
// endpoint (dev/localTwilio) when no Twilio credentials are configured, or a proxy. The
// SDK's own pluggable HTTP client is used, so every request is still built by the SDK.
import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient';

export type TwilioClient = twilio.Twilio;

/** Where the SDK sends the REST API's requests (and where Twilio serves recordings) by default. */
export const TWILIO_CLOUD_API_BASE_URL = 'https://api.twilio.com';

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** Base URL that replaces https://<product>.twilio.com; unset: Twilio's cloud. */
  apiBaseUrl?: string;
}

/** Sends what the SDK would send to *.twilio.com to `baseUrl` instead (path and query kept). */
class RedirectingRequestClient extends RequestClient {
  constructor(private readonly baseUrl: URL) {
    super({ timeout: 15_000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const target = new URL(opts.uri);
    if (target.hostname.endsWith('.twilio.com')) {
      const redirected = new URL(target.pathname + target.search, this.baseUrl);
      return super.request({ ...opts, uri: redirected.toString() });
    }
    return super.request(opts);
  }
}

export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  return twilio(options.accountSid, options.authToken, {
    ...(options.apiBaseUrl ? { httpClient: new RedirectingRequestClient(new URL(options.apiBaseUrl)) } : {}),
  });
}
