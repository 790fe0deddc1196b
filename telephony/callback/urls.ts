// The webhook URLs of one survey call: shared by the activity that places the call (it gives
// them to Twilio) and the routes that answer them (the gather action is built from the same).

export interface SurveyCallRef {
  callbackId: string;
  attemptNo: number;
}

export function surveyCallbackUrls(webhookBaseUrl: string, ref: SurveyCallRef): { survey: string; status: string } {
  const base = `${webhookBaseUrl.replace(/\/+$/, '')}/telephony/callback`;
  const query = new URLSearchParams({ callbackId: ref.callbackId, attemptNo: String(ref.attemptNo) });
  return { survey: `${base}/survey?${query}`, status: `${base}/status?${query}` };
}
