// The SMS routes in the OpenAPI description: Twilio's webhooks and the console's SMS views.
import type { Operation } from '../openapi/operation';
import { caseIdParams } from '../cases/params';
import { DRAFT_ROLES, smsDraftDismissBody, smsDraftListQuery, smsDraftParams, smsDraftRegistrationBody } from './smsDrafts';
import { incomingSmsParams } from '../twilio/sms/incoming';
import { smsStatusParams, smsStatusQuery } from '../twilio/sms/statusCallback';

export function smsOperations(): Operation[] {
  const webhook = { tag: 'telephony', auth: 'twilioSignature' as const, consumes: ['application/x-www-form-urlencoded'] };
  return [
    { ...webhook, method: 'POST', path: '/telephony/sms/incoming', summary: 'Twilio Messaging URL: an inbound SMS (查询 / 1-2-3 survey answer / TD opt-out / free text → draft), answered with messaging TwiML; idempotent by MessageSid', body: incomingSmsParams, produces: ['text/xml'], success: { status: 200, description: 'TwiML <Response><Message>' } },
    { ...webhook, method: 'POST', path: '/telephony/sms/status', summary: 'Twilio message status callback; the status only moves forward; unknown MessageSid ignored', query: smsStatusQuery, body: smsStatusParams, success: { status: 200, description: 'recorded (or ignored)' } },
    { method: 'GET', path: '/api/cases/:id/messages', tag: 'cases', summary: 'A case’s SMS both ways with delivery status, attempts and last error; citizen number masked for units, credentials never shown', auth: 'bearer', params: caseIdParams, success: { status: 200, description: 'messages, oldest first', array: true }, errors: [404] },
    { method: 'GET', path: '/api/telephony/sms-drafts', tag: 'telephony', summary: 'Free-text SMS waiting to be registered (filter {"state": open|registered|dismissed|all}), newest first', auth: 'bearer', roles: [...DRAFT_ROLES], query: smsDraftListQuery, success: { status: 200, description: 'drafts', list: true } },
    { method: 'POST', path: '/api/telephony/sms-drafts/:id/register', tag: 'telephony', summary: 'Register an SMS draft as a case (channel sms, the sender as the citizen’s phone, the text as default content); audited. The draft is its own idempotency key: a retry with the same form gets the same case, another form 409', auth: 'bearer', roles: [...DRAFT_ROLES], params: smsDraftParams, body: smsDraftRegistrationBody, success: { status: 201, description: 'the registered case' }, errors: [404, 409], registersCase: true },
    { method: 'POST', path: '/api/telephony/sms-drafts/:id/dismiss', tag: 'telephony', summary: 'Dismiss an SMS draft with a reason; audited', auth: 'bearer', roles: [...DRAFT_ROLES], params: smsDraftParams, body: smsDraftDismissBody, success: { status: 200, description: 'the dismissed draft' }, errors: [404, 409] },
  ];
}
