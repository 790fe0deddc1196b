// Where Twilio reports the status of an outbound SMS: shared by the activity that sends the
// message and the webhook that answers an inbound one with a reply.

/** Where Twilio reports the message's status; the row's id lets a callback that overtakes our own
 * write of the MessageSid still find the row. */
export function smsStatusCallbackUrl(webhookBaseUrl: string, messageId: string): string {
  return `${webhookBaseUrl.replace(/\/+$/, '')}/telephony/sms/status?messageId=${encodeURIComponent(messageId)}`;
}
