// The Chinese texts the IVR speaks, as admin-editable message templates (channel `voice`).
// Plain data with no imports: the seed writes these rows, rules/templates/placeholders.ts lists
// their placeholders for the template API, and the IVR falls back to them when a row is missing.

export interface VoicePromptTemplate {
  code: string;
  channel: 'voice';
  body: string;
  bodyEn: string;
  description: string;
}

/** The placeholders each prompt's renderer fills in (and all an admin may use in its text). */
export const VOICE_PROMPT_PLACEHOLDERS = {
  'voice.welcome': [],
  'voice.welcomeAfterHours': ['seatStart', 'seatEnd'],
  'voice.menuInvalid': [],
  'voice.goodbye': [],
  'voice.hold': ['queuePosition'],
  'voice.connecting': [],
  'voice.voicemail': [],
  'voice.voicemailThanks': [],
  'voice.petitionWhat': [],
  'voice.petitionWhere': [],
  'voice.petitionContact': [],
  'voice.petitionNotHeard': [],
  'voice.petitionSummary': ['what', 'where', 'contact'],
  'voice.petitionConfidential': [],
  'voice.petitionConfidentialNoted': [],
  'voice.petitionRegistered': ['caseNoSpoken'],
  'voice.queryPrompt': [],
  'voice.queryPassword': [],
  'voice.queryStatus': ['caseNoSpoken', 'status'],
  'voice.queryDeadline': ['deadline'],
  'voice.queryNotFound': [],
  'voice.queryAgain': [],
  'voice.systemBusy': [],
  'voice.blocked': [],
  'voice.knowledgeMenu': ['choices'],
  'voice.policyMenu': ['choices'],
  'voice.knowledgeChoice': ['key', 'title'],
  'voice.knowledgeAnswer': ['title', 'answer'],
  'voice.transferring': ['unitName'],
  'voice.transferUnanswered': [],
  'voice.bridgeConnecting': ['caseNoSpoken', 'maxMinutes'],
  'voice.bridgeUnavailable': [],
  'voice.bridgeUnanswered': [],
  'voice.pollIntro': ['title'],
  'voice.pollInvalidKey': [],
  'voice.pollThanks': [],
  'voice.pollOver': [],
  'voice.bridgeOutsideHours': ['start', 'end'],
} as const satisfies Record<string, readonly string[]>;

export type VoicePromptCode = keyof typeof VOICE_PROMPT_PLACEHOLDERS;
export type VoicePromptParams<C extends VoicePromptCode> = Record<(typeof VOICE_PROMPT_PLACEHOLDERS)[C][number], string>;

export const VOICE_PROMPT_TEMPLATES: Record<VoicePromptCode, VoicePromptTemplate> = {
  'voice.welcome': {
    code: 'voice.welcome', channel: 'voice',
    body: '您好，欢迎致电12345政务服务便民热线。人工服务请按1；语音留言反映诉求请按2；查询工单办理进度请按3；政策咨询请按4。',
    bodyEn: 'Welcome to the 12345 hotline. Press 1 for an operator, 2 to leave a petition by voice, 3 to look up a case, 4 for policy questions.',
    description: '来电欢迎语与主菜单',
  },
  'voice.welcomeAfterHours': {
    code: 'voice.welcomeAfterHours', channel: 'voice',
    body: '您好，欢迎致电12345政务服务便民热线。现在是非人工服务时间，人工服务时间为每天{seatStart}至{seatEnd}。留言由话务员回电请按1；语音反映诉求请按2；查询工单办理进度请按3；政策咨询请按4。',
    bodyEn: 'Welcome to the 12345 hotline. Operators are on duty daily from {seatStart} to {seatEnd}. Press 1 to leave a message for an operator to call you back, 2 to leave a petition by voice, 3 to look up a case, 4 for policy questions.',
    description: '非人工服务时间的欢迎语与主菜单（语音反映、查询与政策咨询照常，人工改为留言）',
  },
  'voice.menuInvalid': { code: 'voice.menuInvalid', channel: 'voice', body: '对不起，没有听清您的选择。', bodyEn: 'Sorry, that was not a valid choice.', description: '主菜单无效输入提示' },
  'voice.goodbye': { code: 'voice.goodbye', channel: 'voice', body: '感谢您致电12345热线，再见。', bodyEn: 'Thank you for calling the 12345 hotline. Goodbye.', description: '结束语' },
  'voice.hold': {
    code: 'voice.hold', channel: 'voice',
    body: '话务员正在通话中，请您耐心等候。您目前排在第{queuePosition}位。',
    bodyEn: 'All operators are busy; please hold. You are number {queuePosition} in the queue.',
    description: '排队等待提示（循环播放）',
  },
  'voice.connecting': { code: 'voice.connecting', channel: 'voice', body: '正在为您接通话务员，请稍候。', bodyEn: 'Connecting you to an operator.', description: '接通话务员提示' },
  'voice.voicemail': {
    code: 'voice.voicemail', channel: 'voice',
    body: '您好，现在是非人工服务时间或话务员全忙。请在提示音后留言，说明您的诉求和联系方式，按任意键结束，我们会尽快回电。',
    bodyEn: 'Our operators are unavailable. Leave a message with your request and how to reach you after the tone; press any key when done. We will call you back.',
    description: '留言提示（非座席时间或排队已满）',
  },
  'voice.voicemailThanks': { code: 'voice.voicemailThanks', channel: 'voice', body: '您的留言已收到，我们会尽快回电。再见。', bodyEn: 'We have your message and will call you back. Goodbye.', description: '留言结束语' },
  'voice.petitionWhat': { code: 'voice.petitionWhat', channel: 'voice', body: '请在提示后说出您要反映的问题，说完请稍等。', bodyEn: 'After the prompt, say what you want to report, then wait.', description: '语音留言：问题内容' },
  'voice.petitionWhere': { code: 'voice.petitionWhere', channel: 'voice', body: '请说出问题发生的具体地点。', bodyEn: 'Say where it happened.', description: '语音留言：地点' },
  'voice.petitionContact': {
    code: 'voice.petitionContact', channel: 'voice',
    body: '如使用本机号码联系您，请直接按井号键；如需其他联系电话，请输入号码后按井号键结束。',
    bodyEn: 'Press # to be contacted on this number, or key in another number followed by #.',
    description: '语音留言：联系电话',
  },
  'voice.petitionNotHeard': { code: 'voice.petitionNotHeard', channel: 'voice', body: '对不起，没有听清，请再说一遍。', bodyEn: 'Sorry, we did not catch that. Please say it again.', description: '语音留言：未识别' },
  'voice.petitionSummary': {
    code: 'voice.petitionSummary', channel: 'voice',
    body: '您反映的问题是：{what}。地点：{where}。联系电话：{contact}。确认提交请按1，重新录入请按2。',
    bodyEn: 'You reported: {what}. Place: {where}. Contact: {contact}. Press 1 to submit, 2 to start over.',
    description: '语音留言：复述与确认',
  },
  'voice.petitionConfidential': {
    code: 'voice.petitionConfidential', channel: 'voice',
    body: '如需对您的身份信息保密，请按1；不需要请按2。',
    bodyEn: 'To have your identity kept confidential, press 1; otherwise press 2.',
    description: '语音留言：录完联系电话后、复述确认前询问是否实名保密（按1保密；按2或不按键为不保密）',
  },
  'voice.petitionConfidentialNoted': { code: 'voice.petitionConfidentialNoted', channel: 'voice', body: '您的身份信息将予以保密。', bodyEn: 'Your identity will be kept confidential.', description: '语音留言：来电人选择实名保密后、复述诉求前的确认' },
  'voice.petitionRegistered': {
    code: 'voice.petitionRegistered', channel: 'voice',
    body: '您的诉求已受理，受理号是：{caseNoSpoken}。再重复一遍，受理号是：{caseNoSpoken}。受理号和查询密码将以短信发送给您。感谢来电，再见。',
    bodyEn: 'Your request is registered, case number {caseNoSpoken}. Again: {caseNoSpoken}. The number and a query password follow by SMS. Goodbye.',
    description: '语音留言：受理成功，逐位播报受理号两遍',
  },
  'voice.queryPrompt': { code: 'voice.queryPrompt', channel: 'voice', body: '请输入受理号，以井号键结束。', bodyEn: 'Key in the case number, followed by #.', description: '查询：输入受理号' },
  'voice.queryPassword': { code: 'voice.queryPassword', channel: 'voice', body: '请输入受理短信中的六位查询密码，以井号键结束。', bodyEn: 'Key in the 6-digit query password from your receipt SMS, followed by #.', description: '查询：输入查询密码' },
  'voice.queryStatus': { code: 'voice.queryStatus', channel: 'voice', body: '受理号{caseNoSpoken}的工单，当前状态：{status}。', bodyEn: 'Case {caseNoSpoken}: {status}.', description: '查询：工单状态' },
  'voice.queryDeadline': { code: 'voice.queryDeadline', channel: 'voice', body: '办理时限为{deadline}。', bodyEn: 'Due by {deadline}.', description: '查询：办理时限' },
  'voice.queryNotFound': { code: 'voice.queryNotFound', channel: 'voice', body: '对不起，没有查到该受理号的工单，请核对后重新输入。', bodyEn: 'No case has this number; please check it and try again.', description: '查询：未找到' },
  'voice.queryAgain': { code: 'voice.queryAgain', channel: 'voice', body: '如需查询其他工单，请输入受理号并以井号键结束。', bodyEn: 'To look up another case, key in its number followed by #.', description: '查询：继续查询' },
  'voice.systemBusy': {
    code: 'voice.systemBusy', channel: 'voice',
    body: '对不起，系统暂时无法受理您的请求。请在提示音后留言，我们会尽快回电。',
    bodyEn: 'Sorry, we cannot take your request right now. Leave a message after the tone and we will call you back.',
    description: '系统故障时转留言',
  },
  'voice.knowledgeMenu': {
    code: 'voice.knowledgeMenu', channel: 'voice',
    body: '转接人工之前，您可以先收听常见问题的解答：{choices}按0或稍候直接转人工。',
    bodyEn: 'Before we connect you, you may hear answers to common questions: {choices}Press 0 or wait to reach an operator.',
    description: '转人工排队前播报知识库问答的选单（{choices}由“知识库选项”逐条拼成）',
  },
  'voice.blocked': {
    code: 'voice.blocked', channel: 'voice',
    body: '对不起，您的号码因多次骚扰热线已被暂停服务。如有紧急情况，请拨打110、119或120。再见。',
    bodyEn: 'Sorry, service to your number is suspended because of repeated harassment of the hotline. In an emergency, call 110, 119 or 120. Goodbye.',
    description: '已拉黑号码来电：播报后挂断（不进入菜单、排队或未接来电）',
  },
  'voice.policyMenu': {
    code: 'voice.policyMenu', channel: 'voice',
    body: '政策咨询。{choices}返回主菜单请按0。',
    bodyEn: 'Policy questions. {choices}Press 0 for the main menu.',
    description: '政策咨询（主菜单按4，任何时间）的知识库问答选单',
  },
  'voice.knowledgeChoice': { code: 'voice.knowledgeChoice', channel: 'voice', body: '按{key}收听{title}；', bodyEn: 'Press {key} for: {title};', description: '知识库选单中的一条（按键与问答标题）' },
  'voice.knowledgeAnswer': { code: 'voice.knowledgeAnswer', channel: 'voice', body: '{title}。{answer}', bodyEn: '{title}. {answer}', description: '播报所选知识库问答的解答' },
  'voice.transferring': {
    code: 'voice.transferring', channel: 'voice',
    body: '正在为您转接{unitName}，请稍候。',
    bodyEn: 'Transferring you to {unitName}; please hold.',
    description: '话务员将来电转接至承办单位值班电话时的提示',
  },
  'voice.transferUnanswered': {
    code: 'voice.transferUnanswered', channel: 'voice',
    body: '对不起，转接的单位暂时无法接听。请在提示音后留言，说明您的诉求和联系方式，我们会尽快回电。',
    bodyEn: 'Sorry, the office we transferred you to cannot answer right now. Leave a message with your request and how to reach you after the tone; we will call you back.',
    description: '转接单位未接听时转留言',
  },
  'voice.bridgeConnecting': {
    code: 'voice.bridgeConnecting', channel: 'voice',
    body: '正在为您接通工单{caseNoSpoken}的市民，对方看到的是12345热线号码。通话将全程录音，最长{maxMinutes}分钟。',
    bodyEn: 'Connecting you to the citizen of case {caseNoSpoken}; they see the 12345 hotline number. The call is recorded and lasts at most {maxMinutes} minutes.',
    description: '承办单位经热线联系市民：接通承办人电话后、拨打市民前的提示（承办人听到）',
  },
  'voice.bridgeUnavailable': {
    code: 'voice.bridgeUnavailable', channel: 'voice',
    body: '对不起，现在无法为该工单联系市民，请在系统中查看工单状态。再见。',
    bodyEn: 'Sorry, the citizen of this case cannot be called now; check the case in the system. Goodbye.',
    description: '承办单位经热线联系市民：接通承办人时工单已不可拨打（已办结、无联系电话或不在拨打时段）',
  },
  'voice.bridgeUnanswered': {
    code: 'voice.bridgeUnanswered', channel: 'voice',
    body: '市民暂时未能接听，请稍后再试。再见。',
    bodyEn: 'The citizen did not answer; please try again later. Goodbye.',
    description: '承办单位经热线联系市民：市民未接听、忙线或无法接通时（承办人听到）',
  },
  'voice.pollIntro': {
    code: 'voice.pollIntro', channel: 'voice',
    body: '您好，这里是12345热线，正在开展“{title}”民意调查，请您用电话按键回答以下问题。',
    bodyEn: 'This is the 12345 hotline with the opinion poll "{title}". Please answer the following questions on your keypad.',
    description: '民意调查电话：市民接听后的开场白（接着播报第一个问题）',
  },
  'voice.pollInvalidKey': { code: 'voice.pollInvalidKey', channel: 'voice', body: '抱歉，没有听清您的选择。', bodyEn: 'Sorry, that was not a valid choice.', description: '民意调查电话：按键无效或未按键时，重复问题前的提示' },
  'voice.pollThanks': { code: 'voice.pollThanks', channel: 'voice', body: '调查结束，感谢您的参与，再见。', bodyEn: 'The poll is over. Thank you for taking part. Goodbye.', description: '民意调查电话：答完全部问题后的结束语' },
  'voice.pollOver': {
    code: 'voice.pollOver', channel: 'voice',
    body: '您好，这里是12345热线，本次调查已结束，感谢您的支持，再见。',
    bodyEn: 'This is the 12345 hotline. This poll has ended. Thank you for your support. Goodbye.',
    description: '民意调查电话：调查已结束、已取消或号码不再拨打时接通的提示',
  },
  'voice.bridgeOutsideHours': {
    code: 'voice.bridgeOutsideHours', channel: 'voice',
    body: '对不起，现在已超出联系市民的时段（每天{start}至{end}），本次不拨打市民，请在该时段内再试。再见。',
    bodyEn: 'Sorry, citizens are called between {start} and {end} only; the citizen will not be called now. Please try again within those hours. Goodbye.',
    description: '承办单位经热线联系市民：承办人接听时已超出拨打时段（bridgeCall.hours），不拨打市民（承办人听到）',
  },
};
