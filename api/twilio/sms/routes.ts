// /telephony/sms: the number's Messaging URL and the message status callback. Mounted behind the
// telephony router's form parser and signature check.
import { Router } from 'express';
import type { AppDeps } from '../../deps';
import { incomingSmsHandler } from './incoming';
import { smsStatusHandler } from './statusCallback';

export function smsWebhookRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/incoming', incomingSmsHandler(deps));
  router.post('/status', smsStatusHandler(deps));
  return router;
}
