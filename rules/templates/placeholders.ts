// Every message template's code and the placeholders its renderer fills in, and the rendering
// itself: one table that the notices, the SMS replies, the IVR, the template API and the seed
// all read.
import { SMS_REPLY_PLACEHOLDERS } from './smsReplies';
import { VOICE_PROMPT_PLACEHOLDERS } from './voicePrompts';

/**
 * The placeholders each template's renderer fills in, which are all an admin may use in its
 * text (api/templates checks edits against this). The types below bind the renderers to it:
 * a notice must pass exactly its template's parameters, so this list cannot drift from them.
 */
export const TEMPLATE_PLACEHOLDERS = {
  // Unit notices (to the duty phone): notify() adds caseNo and unitName.
  'sms.dispatchNotice': ['caseNo', 'unitName', 'signForDue', 'handleDue'],
  'sms.warningNotice': ['caseNo', 'unitName', 'warning', 'dueAt'],
  'sms.criticismNotice': ['caseNo', 'unitName', 'urgeCount'],
  'sms.reclassifiedNotice': ['caseNo', 'unitName', 'handleDue'],
  // Notices to the person a unit named to handle its assignment (承办人, assignHandler): notify()
  // adds caseNo and the unit's name.
  'sms.handlerAssigned': ['caseNo', 'unitName', 'handlerName', 'dueAt'],
  'sms.handlerWarning': ['caseNo', 'unitName', 'handlerName', 'dueAt'],
  // 督办: the notice with its reply deadline; the unit's reply to the supervisor who issued it.
  'sms.supervisionNotice': ['caseNo', 'unitName', 'level', 'replyDue'],
  'sms.supervisionAnswered': ['caseNo', 'reply'],
  'sms.leaderInstructionNotice': ['caseNo', 'unitName', 'leader', 'instruction'],
  // To the numbers of the setting emergency.notifyPhones (leadership, duty room): notify() adds caseNo.
  'sms.majorEmergencyNotice': ['caseNo', 'title', 'address'],
  // Citizen notices: notify() adds caseNo.
  'sms.extensionNotice': ['caseNo', 'dueAt', 'reason'],
  'sms.suspendedNotice': ['caseNo', 'reason', 'resumeAt'],
  'sms.resumedNotice': ['caseNo', 'dueAt'],
  // notify() adds the signed re-review link and the window's end.
  'sms.completion': ['caseNo', 'reply', 'reReviewUrl', 'reReviewUntil'],
  // Callback survey (activities/callbacks.ts; the voice one is spoken by the telephony layer).
  'sms.survey': ['caseNo', 'surveyUrl'],
  'voice.survey': ['caseNo'],
  'voice.surveyResolved': [],
  // Registration receipt to the citizen: notify() opens the sealed query password.
  'sms.receipt': ['caseNo', 'queryPassword'],
  // Replies to inbound SMS (telephony/sms).
  ...SMS_REPLY_PLACEHOLDERS,
  // The IVR's prompts (api/twilio/voice).
  ...VOICE_PROMPT_PLACEHOLDERS,
} as const satisfies Record<string, readonly string[]>;

export type TemplateCode = keyof typeof TEMPLATE_PLACEHOLDERS;
export type TemplateParams<C extends TemplateCode> = Record<(typeof TEMPLATE_PLACEHOLDERS)[C][number], string | number>;

export type NoticeTemplate = 'sms.receipt' | 'sms.dispatchNotice' | 'sms.warningNotice' | 'sms.criticismNotice' | 'sms.reclassifiedNotice' | 'sms.handlerAssigned' | 'sms.handlerWarning' | 'sms.supervisionNotice' | 'sms.supervisionAnswered' | 'sms.leaderInstructionNotice' | 'sms.majorEmergencyNotice' | 'sms.extensionNotice' | 'sms.suspendedNotice' | 'sms.resumedNotice' | 'sms.completion';

/** `{name}`: what renderTemplate substitutes. */
export const PLACEHOLDER = /\{(\w+)\}/g;

export function renderTemplate(body: string, params: Record<string, string | number>): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
