// The survey-call webhooks in the OpenAPI description (api/openapi/operations.ts spreads them).
import type { Operation } from '../../openapi/operation';
import { surveyCallParams, surveyCallQuery, surveyCallStatusParams } from './routes';

export function callbackCallOperations(): Operation[] {
  const base = { tag: 'telephony', auth: 'twilioSignature' as const, method: 'POST' as const, query: surveyCallQuery, consumes: ['application/x-www-form-urlencoded'], produces: ['text/xml'] };
  return [
    { ...base, path: '/telephony/callback/survey', summary: 'Survey call picked up (the call’s url): the voice.survey prompt gathering 1 / 2 / 3; a polite goodbye for a callback that is over or unknown', body: surveyCallParams, success: { status: 200, description: 'TwiML' } },
    { ...base, path: '/telephony/callback/answer', summary: 'The satisfaction key: 1 / 2 / 3 reaches the callback workflow (once per CallSid) and the voice.surveyResolved question follows; a wrong or missing key is asked once more', body: surveyCallParams, success: { status: 200, description: 'TwiML' } },
    { ...base, path: '/telephony/callback/resolved', summary: 'The "resolved?" key: 1 resolved / 2 not reaches the callback workflow (once per CallSid); a wrong or missing key is asked once more, then the answer stands without it', body: surveyCallParams, success: { status: 200, description: 'TwiML' } },
    { ...base, path: '/telephony/callback/status', summary: 'Survey call status callback: the Call row; a final status (completed, no-answer, busy, failed, canceled) ends the callback’s wait for that call', body: surveyCallStatusParams, success: { status: 200, description: 'empty TwiML' } },
  ];
}
