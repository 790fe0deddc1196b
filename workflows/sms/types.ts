// The SMS delivery workflow as its starters see it (activities/smsDelivery.ts starts it by
// name): a file of its own, so the activity that starts it and the workflow that runs the
// activity do not import each other.
export interface SmsDeliveryInput {
  messageId: string;
}

export type SmsDeliveryOutcome =
  | { messageId: string; outcome: 'accepted'; messageSid: string }
  | { messageId: string; outcome: 'failed'; reason: 'rejected' | 'gaveUp' };

export type SmsDeliveryWorkflow = (input: SmsDeliveryInput) => Promise<SmsDeliveryOutcome>;
