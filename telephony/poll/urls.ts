// The webhook URLs of one poll call: shared by the activity that places the call (it gives them
// to Twilio) and the routes that answer them (each question's gather action is built from them).

export interface PollCallRef {
  campaignId: string;
  targetId: string;
  attemptNo: number;
}

function pollQuery(ref: PollCallRef, extra: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({ campaignId: ref.campaignId, targetId: ref.targetId, attemptNo: String(ref.attemptNo), ...extra });
}

export function pollCallUrls(webhookBaseUrl: string, ref: PollCallRef): { call: string; status: string } {
  const base = `${webhookBaseUrl.replace(/\/+$/, '')}/telephony/poll`;
  return { call: `${base}/call?${pollQuery(ref)}`, status: `${base}/status?${pollQuery(ref)}` };
}

/** Where the key to question `question` (0-based) goes; `attempt` 2 after a wrong or missing key. */
export function pollAnswerUrl(webhookBaseUrl: string, ref: PollCallRef, question: number, attempt: '1' | '2'): string {
  return `${webhookBaseUrl.replace(/\/+$/, '')}/telephony/poll/answer?${pollQuery(ref, { q: String(question), try: attempt })}`;
}
