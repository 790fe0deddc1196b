// The default rules of shared/DOMAIN.md, as data: case types, time-limit policies and the
// scalar settings a city tunes. Values marked "chosen default" there are ours to choose.
import type { DeadlineClock, DispatchMode, LimitUnit, Urgency } from '../generated/enums';
import { SMS_REPLY_TEMPLATES } from '../../rules/templates/smsReplies';
import { VOICE_PROMPT_TEMPLATES } from '../../rules/templates/voicePrompts';
import { SURVEY_TEMPLATES } from '../../rules/templates/survey';
import { RULE_SETTINGS } from '../../rules/settings';

// 举报 is confidential by default: its reporter is protected (seed 003, 不得泄露).
export const CASE_TYPES = [
  { code: 'consultation', name: '咨询', nameEn: 'Consultation', handleWorkingDays: 5, confidentialByDefault: false },
  { code: 'complaint', name: '投诉', nameEn: 'Complaint', handleWorkingDays: 15, confidentialByDefault: false },
  { code: 'report', name: '举报', nameEn: 'Report of wrongdoing', handleWorkingDays: 30, confidentialByDefault: true },
  { code: 'help', name: '求助', nameEn: 'Help request', handleWorkingDays: 5, confidentialByDefault: false },
  { code: 'suggestion', name: '建议', nameEn: 'Suggestion', handleWorkingDays: 15, confidentialByDefault: false },
  { code: 'opinion', name: '意见', nameEn: 'Opinion', handleWorkingDays: 15, confidentialByDefault: false },
] as const;

export interface PolicySeed {
  id: string;
  clock: DeadlineClock;
  caseTypeCode?: string;
  urgency?: Urgency;
  dispatchMode?: DispatchMode;
  amount: number;
  unit: LimitUnit;
  warnAmount?: number;
  warnUnit?: LimitUnit;
  warnRatio?: string;
  description: string;
}

export const DEFAULT_POLICIES: PolicySeed[] = [
  { id: 'sign-for', clock: 'signFor', amount: 1, unit: 'workingDays', warnRatio: '0.8', description: '签收时限：交办后1个工作日 (seed 002)' },
  { id: 'sign-for-urgent', clock: 'signFor', urgency: 'urgent', amount: 2, unit: 'hours', warnRatio: '0.8', description: '紧急件2小时内签收（全天候计时）' },
  { id: 'sign-for-emergency', clock: 'signFor', urgency: 'emergency', amount: 30, unit: 'minutes', warnRatio: '0.8', description: '特急件30分钟内签收（全天候计时）' },
  ...CASE_TYPES.map((type): PolicySeed => ({
    id: `handle-${type.code}`, clock: 'handle', caseTypeCode: type.code, amount: type.handleWorkingDays, unit: 'workingDays',
    warnAmount: 1, warnUnit: 'workingDays', warnRatio: '0.8',
    description: `${type.name}类办结时限：${type.handleWorkingDays}个工作日`,
  })),
  // Seed 003 第十三条: a unit reports within 7 working days of a written dispatch, 3 of one by phone.
  { id: 'handle-phone', clock: 'handle', dispatchMode: 'phone', amount: 3, unit: 'workingDays', warnAmount: 1, warnUnit: 'workingDays', warnRatio: '0.8', description: '电话交办：3个工作日内报告办理结果并答复来电人 (seed 003)' },
  { id: 'handle-written', clock: 'handle', dispatchMode: 'written', amount: 7, unit: 'workingDays', warnAmount: 1, warnUnit: 'workingDays', warnRatio: '0.8', description: '书面交办：接到交办单7个工作日内书面报告办理结果 (seed 003)' },
  { id: 'assist-opinion', clock: 'assistOpinion', amount: 3, unit: 'workingDays', warnAmount: 1, warnUnit: 'workingDays', description: '协办意见：签收后3个工作日内，且不晚于主办单位时限' },
  { id: 'return-window', clock: 'returnWindow', amount: 2, unit: 'workingDays', description: '退回时限：交办后2个工作日内 (山东12345规则)' },
  { id: 'extension-decision', clock: 'extensionDecision', amount: 1, unit: 'workingDays', description: '延期申请审批：1个工作日内' },
  { id: 'callback', clock: 'callback', amount: 3, unit: 'workingDays', warnAmount: 1, warnUnit: 'workingDays', description: '回访：审核通过后3个工作日内' },
  { id: 're-review-window', clock: 'reReviewWindow', amount: 15, unit: 'workingDays', description: '复核申请期：办结后15个工作日' },
  { id: 'escalate-supervisor', clock: 'escalateToSupervisor', amount: 5, unit: 'workingDays', description: '超期后仍未办结5个工作日：转督办' },
  { id: 'escalate-leadership', clock: 'escalateToLeadership', amount: 5, unit: 'workingDays', description: '督办后仍未办结5个工作日：报领导督办' },
];

/** Every rule setting at its default (rules/settings.ts is where they are defined). */
export const DEFAULT_SETTINGS: { key: string; value: unknown; description: string }[] = Object.entries(RULE_SETTINGS).map(([key, definition]) => ({
  key,
  value: definition.default,
  description: definition.description,
}));

export const MESSAGE_TEMPLATES = [
  { code: 'sms.receipt', channel: 'sms', body: '【12345热线】您的诉求已受理，受理号{caseNo}，查询密码{queryPassword}。可回复“查询{caseNo}”了解进度。', bodyEn: '[12345] Your request was registered: case {caseNo}, query password {queryPassword}.', description: '受理回执' },
  { code: 'sms.dispatchNotice', channel: 'sms', body: '【12345热线】{unitName}：工单{caseNo}已交办，请于{signForDue}前签收，{handleDue}前办结。', bodyEn: '[12345] {unitName}: case {caseNo} dispatched; sign for by {signForDue}, finish by {handleDue}.', description: '交办通知（承办单位值班电话）' },
  { code: 'sms.warningNotice', channel: 'sms', body: '【12345热线】{unitName}：工单{caseNo}{warning}，时限{dueAt}，请抓紧办理。', bodyEn: '[12345] {unitName}: case {caseNo} is {warning}, due {dueAt}.', description: '预警催办通知' },
  { code: 'sms.criticismNotice', channel: 'sms', body: '【12345热线】通报批评：{unitName}承办的工单{caseNo}经{urgeCount}次催办仍未办结，予以通报批评，请立即办理并报告。', bodyEn: '[12345] Criticism: {unitName} has not finished case {caseNo} after {urgeCount} urges; act and report at once.', description: '通报批评通知（承办单位值班电话及其分管领导）' },
  { code: 'sms.reclassifiedNotice', channel: 'sms', body: '【12345热线】{unitName}：工单{caseNo}已重新分类，办结时限调整为{handleDue}，请按新时限办理。', bodyEn: '[12345] {unitName}: case {caseNo} was reclassified; it is now due {handleDue}.', description: '重新分类通知（承办单位值班电话）' },
  { code: 'sms.handlerAssigned', channel: 'sms', body: '【12345热线】{handlerName}：{unitName}指定您承办工单{caseNo}，请于{dueAt}前办结。', bodyEn: '[12345] {handlerName}: {unitName} named you to handle case {caseNo}; finish by {dueAt}.', description: '指定承办人通知（承办人手机）' },
  { code: 'sms.handlerWarning', channel: 'sms', body: '【12345热线】{handlerName}：您承办的工单{caseNo}已黄牌预警，时限{dueAt}，请抓紧办理。', bodyEn: '[12345] {handlerName}: case {caseNo} you handle is on yellow warning, due {dueAt}.', description: '黄牌预警通知（承办人手机）' },
  { code: 'sms.supervisionNotice', channel: 'sms', body: '【12345热线】{unitName}：工单{caseNo}已列入{level}，请抓紧办理，并于{replyDue}前在系统中答复督办办理情况。', bodyEn: '[12345] {unitName}: case {caseNo} is under {level}; reply with what you have done by {replyDue}.', description: '督办通知（承办单位值班电话，附答复时限）' },
  { code: 'sms.supervisionAnswered', channel: 'sms', body: '【12345热线】工单{caseNo}的督办通知已答复：{reply} 请评价。', bodyEn: '[12345] The supervision notice on case {caseNo} was answered: {reply} Please evaluate it.', description: '督办答复提醒（发出督办通知的督办员）' },
  { code: 'sms.leaderInstructionNotice', channel: 'sms', body: '【12345热线】{unitName}：工单{caseNo}有领导批示（{leader}）：{instruction} 请优先办理。', bodyEn: '[12345] {unitName}: case {caseNo} carries an instruction from {leader}: {instruction} Give it priority.', description: '领导批示通知（主办单位值班电话及其分管领导）' },
  { code: 'sms.majorEmergencyNotice', channel: 'sms', body: '【12345热线】重大紧急事项：工单{caseNo}“{title}”（{address}），请立即处置。', bodyEn: '[12345] Major emergency: case {caseNo} "{title}" ({address}); act at once.', description: '重大紧急事项报告（办公室领导及政府总值班室，号码见规则设置 emergency.notifyPhones）' },
  { code: 'sms.completion', channel: 'sms', body: '【12345热线】您的诉求（受理号{caseNo}）已办结：{reply} 如有异议，可于{reReviewUntil}前申请复核： {reReviewUrl}', bodyEn: '[12345] Your case {caseNo} is complete: {reply} To contest it before {reReviewUntil}: {reReviewUrl}', description: '办结告知（附复核申请链接）' },
  { code: 'sms.extensionNotice', channel: 'sms', body: '【12345热线】您的诉求（受理号{caseNo}）办理时限延长至{dueAt}，原因：{reason}', bodyEn: '[12345] Case {caseNo}: deadline extended to {dueAt}: {reason}', description: '延期告知' },
  { code: 'sms.suspendedNotice', channel: 'sms', body: '【12345热线】您的诉求（受理号{caseNo}）暂停办理（挂起），原因：{reason}。最迟于{resumeAt}恢复办理，挂起期间不计入办理时限。', bodyEn: '[12345] Case {caseNo} is on hold: {reason}. It resumes by {resumeAt}; the time on hold does not count against its deadline.', description: '挂起告知（市民）' },
  { code: 'sms.resumedNotice', channel: 'sms', body: '【12345热线】您的诉求（受理号{caseNo}）已恢复办理，办结时限顺延至{dueAt}。', bodyEn: '[12345] Case {caseNo} is being handled again; it is now due {dueAt}.', description: '恢复办理告知（市民）' },
  SURVEY_TEMPLATES['sms.survey'],
  ...SMS_REPLY_TEMPLATES,
  SURVEY_TEMPLATES['voice.survey'],
  SURVEY_TEMPLATES['voice.surveyResolved'],
  ...Object.values(VOICE_PROMPT_TEMPLATES),
];
