// Twilio's webhooks: form-encoded posts, each checked against X-Twilio-Signature before any
// handler runs. The sub-routers (voice, SMS, callback and poll calls) live beside this file.
import express, { Router } from 'express';
import type { AppDeps } from '../deps';
import type { IntakeDoorDeps } from '../cases/intake';
import { callbackCallRoutes } from './callback/routes';
import { pollCallRoutes } from './poll/routes';
import { requireTwilioSignature } from './signature';
import { smsWebhookRoutes } from './sms/routes';
import { voiceRoutes } from './voice/routes';

export function telephonyRoutes(deps: AppDeps & IntakeDoorDeps): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '64kb' }));
  router.use((req, res, next) => {
    // Without PUBLIC_BASE_URL (development, tests) the URL Twilio signed is the one it reached.
    const publicBaseUrl = deps.publicBaseUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`;
    requireTwilioSignature({ authToken: deps.twilio.authToken, publicBaseUrl })(req, res, next);
  });
  router.use('/sms', smsWebhookRoutes(deps));
  router.use('/voice', voiceRoutes(deps));
  router.use('/callback', callbackCallRoutes(deps));
  router.use('/poll', pollCallRoutes(deps));
  return router;
}
