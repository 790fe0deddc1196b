// The default rules of shared/DOMAIN.md, as data: case types, time-limit policies and the
// scalar settings a city tunes. Values marked "chosen default" there are ours to choose.
import type { DeadlineClock, LimitUnit, Urgency } from '../generated/enums';
import { SMS_REPLY_TEMPLATES } from '../../rules/templates/smsReplies';
import { VOICE_PROMPT_TEMPLATES } from '../../rules/templates/voicePrompts';
import { SURVEY_TEMPLATES } from '../../telephony/callback/surveyTemplates';
import { DEFAULT_ASSESSMENT_SCHEME } from '../../statistics/scheme';
import { DEFAULT_RESPONSE_WINDOW_HOURS, RESPONSE_WINDOW_SETTING } from '../../statistics/response';
import { DEFAULT_TARGETS } from '../../statistics/targets';

export const CASE_TYPES = [
  { code: 'consultation', name: '咨询', nameEn: 'Consultation', handleWorkingDays: 5 },
  { code: 'complaint', name: '投诉', nameEn: 'Complaint', handleWorkingDays: 15 },
  { code: 'report', name: '举报', nameEn: 'Report of wrongdoing', handleWorkingDays: 30 },
  { code: 'help', name: '求助', nameEn: 'Help request', handleWorkingDays: 5 },
  { code: 'suggestion', name: '建议', nameEn: 'Suggestion', handleWorkingDays: 15 },
  { code: 'opinion', name: '意见', nameEn: 'Opinion', handleWorkingDays: 15 },
] as const;

export interface PolicySeed {
  id: string;
  clock: DeadlineClock;
  caseTypeCode?: string;
  urgency?: Urgency;
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
  { id: 'assist-opinion', clock: 'assistOpinion', amount: 3, unit: 'workingDays', warnAmount: 1, warnUnit: 'workingDays', description: '协办意见：签收后3个工作日内，且不晚于主办单位时限' },
  { id: 'return-window', clock: 'returnWindow', amount: 2, unit: 'workingDays', description: '退回时限：交办后2个工作日内 (山东12345规则)' },
  { id: 'extension-decision', clock: 'extensionDecision', amount: 1, unit: 'workingDays', description: '延期申请审批：1个工作日内' },
  { id: 'callback', clock: 'callback', amount: 3, unit: 'workingDays', warnAmount: 1, warnUnit: 'workingDays', description: '回访：审核通过后3个工作日内' },
  { id: 're-review-window', clock: 'reReviewWindow', amount: 15, unit: 'workingDays', description: '复核申请期：办结后15个工作日' },
  { id: 'escalate-supervisor', clock: 'escalateToSupervisor', amount: 5, unit: 'workingDays', description: '超期后仍未办结5个工作日：转督办' },
  { id: 'escalate-leadership', clock: 'escalateToLeadership', amount: 5, unit: 'workingDays', description: '督办后仍未办结5个工作日：报领导督办' },
];

export const DEFAULT_SETTINGS: { key: string; value: unknown; description: string }[] = [
  { key: 'extension.maxTotalWorkingDays', value: 10, description: '一件工单累计延期不超过的工作日数；超出须督办员批准' },
  { key: 'return.maxCount', value: 2, description: '退回次数达到此数后交督办员仲裁' },
  { key: 'callback.maxAttempts', value: 3, description: '回访电话最多拨打次数（均未接通后改发短信；0：直接发短信）' },
  { key: 'callback.attemptWaitMinutes', value: 240, description: '回访短信等待市民答复的分钟数（也是一通回访电话最长的等待）' },
  { key: 'callback.callRetryMinutes', value: 30, description: '回访电话未接通（无人接听、占线、失败）后，再次拨打前等待的分钟数' },
  { key: 'urge.criticismThreshold', value: 2, description: '同一工单催办达到此次数仍未办结的，向承办单位及其分管领导发出通报批评（seed 003：催办两次仍未办结的予以通报批评）；0：不通报' },
  { key: 'duplicate.windowDays', value: 30, description: '判重窗口：同一来电号码或同一地点同一分类的天数' },
  { key: 'warning.defaultRatio', value: 0.8, description: '未配置预警点时，时限用去此比例即黄灯' },
  { key: 'assessment.weights', value: { workPerformance: 0.3, citizenEvaluation: 0.7 }, description: '考核综合得分权重：工作绩效30%＋群众评价70%' },
  { key: 'assessment.scheme', value: DEFAULT_ASSESSMENT_SCHEME, description: '考核得分构成：工作绩效与群众评价各由哪些指标按何权重组成，督办、超期每件扣分（见docs/statistics.md）' },
  { key: 'assessment.targets', value: DEFAULT_TARGETS, description: '考核目标线：各指标的达标值（问题解决率不低于80%，seed 003）；未达标的单位在统计与月报中标出' },
  { key: RESPONSE_WINDOW_SETTING, value: DEFAULT_RESPONSE_WINDOW_HOURS, description: '响应率：承办单位在交办后此小时数内（自然小时，昼夜连续计算）首次联系诉求人即为及时响应' },
  {
    key: 'hotspots.detection',
    value: { baselineMonths: 6, sigmaFactor: 2, minCount: 5, gridDegrees: 0.01 },
    description: '热点发现：本月件数超过前N个月均值＋k倍标准差且不少于最小件数即为热点；经纬度按此度数划网格',
  },
  { key: 'repeatComplaints.detection', value: { minCases: 3, windowDays: 30 }, description: '重复投诉：同一市民（来电号码）或同一地点同一分类在窗口天数内达到此件数' },
  { key: 'session.accessTtlSeconds', value: 900, description: '登录令牌（访问令牌）有效秒数，60至3600；不超过配置项 JWT_ACCESS_TTL_SECONDS。停用账号、变更角色或单位后，已签发的令牌数秒内失效' },
  {
    key: 'login.throttle',
    value: { perAddress: 50, perUsername: 10, perUsernameAndAddress: 3, windowMinutes: 15 },
    description: '登录限流：同一地址在窗口分钟内最多尝试perAddress次；同一用户名失败超过perUsername次后，每个地址对该用户名只能再试perUsernameAndAddress次（他人的失败不会把账号本人锁在门外）',
  },
  { key: 'ivr.seatHours', value: { start: '08:00', end: '22:00', timeZone: 'Asia/Shanghai' }, description: '人工座席时间；其余时间转留言' },
  { key: 'ivr.maxQueueLength', value: 10, description: '排队人数超过此数时转留言' },
  { key: 'ivr.voiceCaseTypeCode', value: 'complaint', description: '电话语音留言（IVR按2）登记为此诉求类型' },
  { key: 'open311.caseTypeCode', value: 'complaint', description: 'Open311（GeoReport v2）接口提交的诉求登记为此诉求类型' },
  {
    key: 'open311.discovery',
    value: { contact: '12345热线办公室 (12345 hotline office)', keyService: '向12345热线办公室申请API密钥 (Ask the 12345 hotline office for an API key)' },
    description: 'Open311服务发现文件中的联系方式与API密钥申请说明',
  },
  {
    key: 'open311.publicListing',
    value: { caseTypeCodes: ['consultation', 'complaint', 'help', 'suggestion'], channels: ['web', 'open311'] },
    description: 'Open311匿名查询列表公开的诉求：仅列出这些诉求类型且经这些渠道受理的工单（举报类永不公开）',
  },
  {
    key: 'publicForm.limits',
    value: { phonesPerAddressPerDay: 5, receiptsPerPhonePerDay: 3, duplicateWindowMinutes: 1440 },
    description: '网上诉求防短信轰炸：同一IP地址24小时内可为多少个不同手机号提交、同一手机号24小时内最多收到几条受理回执；同一手机号重复提交相同内容在此分钟数内答复已有受理号（0：不判重）',
  },
  { key: 'caseLookup.failedChecksPerDay', value: 10, description: '同一工单的查询密码（或手机号后4位）一天内最多可错几次（网上查询与电话查询合计）；用尽后当天该工单的查询均不成功' },
  { key: 'attachment.maxBytes', value: 50 * 1024 * 1024, description: '单个附件（照片、文件、录音）的最大字节数；不超过配置项 ATTACHMENT_MAX_BYTES' },
];

export const MESSAGE_TEMPLATES = [
  { code: 'sms.receipt', channel: 'sms', body: '【12345热线】您的诉求已受理，受理号{caseNo}，查询密码{queryPassword}。可回复“查询{caseNo}”了解进度。', bodyEn: '[12345] Your request was registered: case {caseNo}, query password {queryPassword}.', description: '受理回执' },
  { code: 'sms.dispatchNotice', channel: 'sms', body: '【12345热线】{unitName}：工单{caseNo}已交办，请于{signForDue}前签收，{handleDue}前办结。', bodyEn: '[12345] {unitName}: case {caseNo} dispatched; sign for by {signForDue}, finish by {handleDue}.', description: '交办通知（承办单位值班电话）' },
  { code: 'sms.warningNotice', channel: 'sms', body: '【12345热线】{unitName}：工单{caseNo}{warning}，时限{dueAt}，请抓紧办理。', bodyEn: '[12345] {unitName}: case {caseNo} is {warning}, due {dueAt}.', description: '预警催办通知' },
  { code: 'sms.criticismNotice', channel: 'sms', body: '【12345热线】通报批评：{unitName}承办的工单{caseNo}经{urgeCount}次催办仍未办结，予以通报批评，请立即办理并报告。', bodyEn: '[12345] Criticism: {unitName} has not finished case {caseNo} after {urgeCount} urges; act and report at once.', description: '通报批评通知（承办单位值班电话及其分管领导）' },
  { code: 'sms.completion', channel: 'sms', body: '【12345热线】您的诉求（受理号{caseNo}）已办结：{reply} 如有异议，可于{reReviewUntil}前申请复核： {reReviewUrl}', bodyEn: '[12345] Your case {caseNo} is complete: {reply} To contest it before {reReviewUntil}: {reReviewUrl}', description: '办结告知（附复核申请链接）' },
  { code: 'sms.extensionNotice', channel: 'sms', body: '【12345热线】您的诉求（受理号{caseNo}）办理时限延长至{dueAt}，原因：{reason}', bodyEn: '[12345] Case {caseNo}: deadline extended to {dueAt}: {reason}', description: '延期告知' },
  SURVEY_TEMPLATES['sms.survey'],
  ...SMS_REPLY_TEMPLATES,
  SURVEY_TEMPLATES['voice.survey'],
  SURVEY_TEMPLATES['voice.surveyResolved'],
  ...Object.values(VOICE_PROMPT_TEMPLATES),
];
