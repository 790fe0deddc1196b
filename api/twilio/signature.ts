// Every Twilio webhook carries X-Twilio-Signature: an HMAC-SHA1, under the account's auth token,
// of the full URL Twilio requested plus the sorted POST parameters. The URL is rebuilt from the
// configured public base URL (what Twilio was told), not from Host headers a caller controls.
import type { RequestHandler } from 'express';
import twilio from 'twilio';
import { HttpError } from '../http/errors';

export interface SignatureCheck {
  authToken: string;
  /** The base URL Twilio is given for webhooks (PUBLIC_BASE_URL), without a trailing slash. */
  publicBaseUrl: string;
}

/** 403 (in the API's one error shape) for a missing or wrong signature; needs the urlencoded body parsed. */
export function requireTwilioSignature(check: SignatureCheck): RequestHandler {
  return (req, _res, next) => {
    const signature = req.header('x-twilio-signature');
    const url = check.publicBaseUrl + req.originalUrl;
    const params = req.method === 'POST' && req.body && typeof req.body === 'object' ? (req.body as Record<string, string>) : {};
    if (!signature || !twilio.validateRequest(check.authToken, signature, url, params)) {
      next(new HttpError(403, 'forbidden', 'invalid Twilio signature'));
      return;
    }
    next();
  };
}
