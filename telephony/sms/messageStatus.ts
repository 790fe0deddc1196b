// An SMS's status only moves forward: Twilio's callbacks may arrive late or out of order (a
// retried 'sent' after 'delivered'), and our own send attempts must not undo what Twilio said.
// Our outbox uses 'queued' (not yet accepted) and 'sending' (attempts under way) before Twilio's
// own statuses take over.

const RANK: Record<string, number> = {
  queued: 1,
  accepted: 1,
  scheduled: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  canceled: 4,
  read: 5,
};

/** Statuses a Twilio message status callback may report, as Twilio spells them. */
export const TWILIO_MESSAGE_STATUSES = Object.keys(RANK);

/** Before Twilio accepted the message: our own outbox states. */
export const UNSENT_STATUSES = ['queued', 'sending'] as const;

/** True when `next` is news for a row that is `current` (later in the message's life). */
export function statusAdvances(current: string, next: string): boolean {
  return (RANK[next] ?? 0) > (RANK[current] ?? 0);
}

/** Which timestamps a status implies: a delivered message was also sent. */
export function impliedTimes(status: string): { sentAt: boolean; deliveredAt: boolean } {
  return { sentAt: status === 'sent' || status === 'delivered' || status === 'read', deliveredAt: status === 'delivered' || status === 'read' };
}

/** The statuses a row may be in for `next` to replace them: every earlier one. */
export function statusesBefore(next: string): string[] {
  const rank = RANK[next] ?? 0;
  return Object.keys(RANK).filter((status) => RANK[status]! < rank);
}
