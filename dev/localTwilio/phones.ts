// The simulated phones the endpoint rings (Calls.create, a <Dial>'s child leg): each does what
// its script says, one outcome per call in turn; an unscripted phone answers.
import { phoneScriptSchema, type CallOutcome, type PhoneScript } from './script';
import type { LocalTwilioContext, PhoneEntry } from './store';

export function defaultPhoneScript(): PhoneScript {
  return phoneScriptSchema.parse({});
}

/** The phone at `to` and what it does with this call (counted as one more call placed to it). */
export function ringPhone(context: LocalTwilioContext, to: string): { phone: PhoneEntry; outcome: CallOutcome } {
  const phone = context.store.phones.get(to) ?? { script: defaultPhoneScript(), callsPlaced: 0 };
  context.store.phones.set(to, phone);
  const outcomes = Array.isArray(phone.script.answer) ? phone.script.answer : [phone.script.answer];
  const outcome = outcomes[Math.min(phone.callsPlaced, outcomes.length - 1)] ?? 'answer';
  phone.callsPlaced += 1;
  return { phone, outcome };
}
