// The texts the hotline answers inbound SMS with: admin-editable templates (codes sms.reply.*),
// seeded by prisma/seed and checked against these placeholders by api/templates. No imports, so
// that the template table (placeholders.ts) and the seed can both spread these in.

export const SMS_REPLY_PLACEHOLDERS = {
  /** 查询: an open case with a handling deadline. */
  'sms.reply.caseStatus': ['caseNo', 'status', 'dueAt'],
  /** 查询: a case without a deadline (registered, finished). */
  'sms.reply.caseStatusNoDeadline': ['caseNo', 'status'],
  /** 查询 of a number that is unknown or not this phone's case: the same neutral answer. */
  'sms.reply.caseNotFound': ['caseNo'],
  /** A survey answer taken: satisfaction, and whether the problem was resolved (or not said). */
  'sms.reply.surveyThanks': ['caseNo', 'satisfaction', 'resolved'],
  /** A survey answer with no survey waiting for this phone. */
  'sms.reply.noOpenSurvey': [],
  'sms.reply.optOut': [],
  'sms.reply.optIn': [],
  /** Free text, kept as a draft case for an operator. */
  'sms.reply.intakeReceived': [],
  /** An empty message or a 查询 without a number. */
  'sms.reply.help': [],
} as const satisfies Record<string, readonly string[]>;

export type SmsReplyCode = keyof typeof SMS_REPLY_PLACEHOLDERS;

export const SMS_REPLY_TEMPLATES: { code: SmsReplyCode; channel: 'sms'; body: string; bodyEn: string; description: string }[] = [
  { code: 'sms.reply.caseStatus', channel: 'sms', body: '【12345热线】受理号{caseNo}：{status}，办理时限{dueAt}。', bodyEn: '[12345] Case {caseNo}: {status}; due {dueAt}.', description: '短信查询回复：办理状态与时限' },
  { code: 'sms.reply.caseStatusNoDeadline', channel: 'sms', body: '【12345热线】受理号{caseNo}：{status}。', bodyEn: '[12345] Case {caseNo}: {status}.', description: '短信查询回复：办理状态（无办理时限）' },
  { code: 'sms.reply.caseNotFound', channel: 'sms', body: '【12345热线】未查询到本机号码反映的受理号为{caseNo}的诉求，请核对受理号，或拨打12345咨询。', bodyEn: '[12345] No request {caseNo} was found for this number. Please check the number or call 12345.', description: '短信查询回复：未找到（受理号不存在或非本机号码反映）' },
  { code: 'sms.reply.surveyThanks', channel: 'sms', body: '【12345热线】您对受理号{caseNo}的评价（{satisfaction}，{resolved}）已收到，感谢您的反馈。', bodyEn: '[12345] Your rating of case {caseNo} ({satisfaction}, {resolved}) was received. Thank you.', description: '短信回访回复：评价已收到' },
  { code: 'sms.reply.noOpenSurvey', channel: 'sms', body: '【12345热线】本机号码当前没有待评价的诉求。查询办理进度请回复“查询+受理号”，如需反映问题请直接发送诉求内容。', bodyEn: '[12345] There is no survey waiting for this number. Reply "查询" and the case number for its status, or text your request.', description: '短信回访回复：没有待评价的回访' },
  { code: 'sms.reply.optOut', channel: 'sms', body: '【12345热线】您已退订12345热线短信通知。如需恢复，请回复“订阅”。', bodyEn: '[12345] You will no longer receive 12345 SMS notices. Reply 订阅 to resume.', description: '退订确认' },
  { code: 'sms.reply.optIn', channel: 'sms', body: '【12345热线】您已恢复接收12345热线短信通知。回复TD可退订。', bodyEn: '[12345] You will receive 12345 SMS notices again. Reply TD to stop.', description: '恢复订阅确认' },
  { code: 'sms.reply.intakeReceived', channel: 'sms', body: '【12345热线】收到您的短信，话务员将尽快登记处理，受理后将短信告知受理号。', bodyEn: '[12345] We received your message; an operator will register it and text you the case number.', description: '短信诉求自动回复（待话务员登记）' },
  { code: 'sms.reply.help', channel: 'sms', body: '【12345热线】查询办理进度请回复“查询+受理号”，如：查询2026112300001；回访评价请回复两位数字，如11（第一位：1满意、2基本满意、3不满意；第二位：1已解决、2未解决）；退订请回复TD。如需反映问题，请直接发送诉求内容；需对身份信息保密的，请在内容前加“【保密】”。', bodyEn: '[12345] Reply "查询" and the case number for its status; two digits to rate a case, e.g. 11 (1/2/3 satisfied, basically, unsatisfied; then 1 resolved, 2 not); TD to stop. Text your request to file one; begin it with 【保密】 to have your identity kept confidential.', description: '短信使用说明' },
];
