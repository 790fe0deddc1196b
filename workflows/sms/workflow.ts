// Delivers one queued outbound SMS: retries Twilio (or its absence) with backoff for about a
// day, then marks the message failed. Started by activities (startSmsDelivery), one per message
// (workflow id `sms:<messageId>`), so a case's own workflow never waits on Twilio.
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { SmsDeliveryActivities } from '../../activities/smsDelivery';
import type { SmsDeliveryInput, SmsDeliveryOutcome } from './types';

/** How long delivery keeps trying before the message is marked failed. */
export const SMS_DELIVERY_GIVE_UP = '24 hours';

const { sendSms } = proxyActivities<SmsDeliveryActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: SMS_DELIVERY_GIVE_UP,
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const { markSmsFailed } = proxyActivities<SmsDeliveryActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function smsDeliveryWorkflow(input: SmsDeliveryInput): Promise<SmsDeliveryOutcome> {
  try {
    const sent = await sendSms({ messageId: input.messageId });
    if ('skipped' in sent) return { messageId: input.messageId, outcome: 'failed', reason: 'rejected' };
    return { messageId: input.messageId, outcome: 'accepted', messageSid: sent.messageSid };
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const rejected = error.cause instanceof ApplicationFailure && error.cause.nonRetryable;
    const reason = rejected ? 'rejected' : 'gaveUp';
    await markSmsFailed({ messageId: input.messageId, reason });
    return { messageId: input.messageId, outcome: 'failed', reason };
  }
}
