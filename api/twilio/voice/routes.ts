// /telephony/voice: the inbound IVR's webhooks (mounted by api/twilio/routes.ts, which has
// checked each request's X-Twilio-Signature already).
//   POST /incoming            the number's Voice URL: the menu at any hour (a blocked caller: why, then goodbye)
//   POST /menu                1 operator, 2 voice petition, 3 case query, 4 policy queries
//   POST /knowledge/choice    the knowledge base's top answers: one played, or on to the queue / menu
//   POST /hold, /queue-result, /connect, /operator     the operators' queue
//   POST /petition/{what,where,contact,confirm}         the voice petition
//   POST /query/lookup        the case query: the case number
//   POST /query/password      the case query: its query password, then the status
//   POST /transfer-result     <Dial action> of an operator's transfer to a unit's duty phone
//   POST /bridge/{connect,dial-result,recording-status,status}   a unit's bridge call to a citizen
//   POST /voicemail/done, /recording-status, /status   the call's other reports
import { Router } from 'express';
import { bridgeRoutes } from './bridge';
import { callEventRoutes } from './callEvents';
import { caseQueryRoutes } from './caseQuery';
import { VoiceContext, type VoiceDeps } from './context';
import { knowledgeRoutes } from './knowledge';
import { menuRoutes } from './menu';
import { operatorQueueRoutes } from './operatorQueue';
import { petitionRoutes } from './petition';
import { transferRoutes } from './transfer';

export function voiceRoutes(deps: VoiceDeps): Router {
  const router = Router();
  const ctx = new VoiceContext(deps);
  menuRoutes(router, ctx);
  operatorQueueRoutes(router, ctx);
  petitionRoutes(router, ctx);
  caseQueryRoutes(router, ctx);
  knowledgeRoutes(router, ctx);
  transferRoutes(router, ctx);
  bridgeRoutes(router, ctx);
  callEventRoutes(router, ctx);
  return router;
}
