// The poll-call webhooks in the OpenAPI description (api/openapi/operations.ts spreads them).
import type { Operation } from '../../openapi/operation';
import { pollCallParams, pollCallQuery, pollCallStatusParams } from './routes';

export function pollCallOperations(): Operation[] {
  const base = { tag: 'telephony', auth: 'twilioSignature' as const, method: 'POST' as const, query: pollCallQuery, consumes: ['application/x-www-form-urlencoded'], produces: ['text/xml'] };
  return [
    { ...base, path: '/telephony/poll/call', summary: 'Poll call picked up (the call’s url): the introduction and the first question gathering one key; a polite goodbye for a number or poll no longer called', body: pollCallParams, success: { status: 200, description: 'TwiML' } },
    { ...base, path: '/telephony/poll/answer', summary: 'A question’s key (q: its index): one of its choices is kept (once per CallSid and question) and the next question follows, then thanks; a wrong or missing key is asked once more, then the question is passed over', body: pollCallParams, success: { status: 200, description: 'TwiML' } },
    { ...base, path: '/telephony/poll/status', summary: 'Poll call status callback: the Call row; a final status ends the poll workflow’s wait for that call (no-answer, busy, failed: called again later, up to the poll’s attempts)', body: pollCallStatusParams, success: { status: 200, description: 'empty TwiML' } },
  ];
}
