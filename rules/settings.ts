// Every rule setting a city tunes, once: its key, the schema its value must pass, the default
// the seed writes and the description admins read. The settings API validates edits with these
// schemas, the seed writes these defaults, and every reader falls back to the default when a
// row is missing or does not pass (lib/ruleSettings.ts reads them).
import { z } from 'zod';
import { assessmentSchemeSchema, DEFAULT_ASSESSMENT_SCHEME } from './assessment/scheme';
import { DEFAULT_TARGETS, targetsSchema } from './assessment/targets';
import { clockTime, endClockTime, identifier, requiredLine, requiredText } from './text';
import { CHANNELS } from './vocabulary';
import { lazy } from './lazyRecord';

/** The longest an access token may live, whatever the setting says (docs/security.md, sessions). */
export const MAX_ACCESS_TTL_SECONDS = 3600;

const wholeNumber = (min: number, max: number) => z.number().int('a whole number').min(min, `at least ${min}`).max(max, `at most ${max}`);
/** Whole-object checks only make sense once every field is valid. */
const validSoFar = (payload: { issues: unknown[] }) => payload.issues.length === 0;
const caseTypeCode = () => identifier(50).regex(/^[a-zA-Z][\w-]{0,49}$/, 'a case type code, e.g. complaint');

export interface RuleSettingDefinition<S extends z.ZodType = z.ZodType> {
  /** Built on first read (lazyRecord.ts says why). */
  readonly schema: S;
  default: z.output<S>;
  /** What admins read next to the value (Chinese). */
  description: string;
}

function setting<S extends z.ZodType>(buildSchema: () => S, defaultValue: z.output<S>, description: string): RuleSettingDefinition<S> {
  const schema = lazy(buildSchema);
  return {
    get schema() {
      return schema();
    },
    default: defaultValue,
    description,
  };
}

export const RULE_SETTINGS = {
  'extension.maxTotalWorkingDays': setting(
    () => wholeNumber(0, 60),
    10,
    '一件工单累计延期不超过的工作日数；超出须督办员批准',
  ),
  // Issue 19 (挂起): a suspension stops every clock of the case; these bound it per case.
  'suspension.approvalAboveWorkingDays': setting(
    () => wholeNumber(0, 120),
    5,
    '一件工单累计挂起超过此工作日数的，须督办员挂起（派单员、承办单位分管领导只能在此以内挂起）',
  ),
  'suspension.maxTotalWorkingDays': setting(
    () => wholeNumber(1, 120),
    30,
    '一件工单累计挂起不得超过的工作日数（任何人）',
  ),
  'return.maxCount': setting(
    () => wholeNumber(1, 10),
    2,
    '退回次数达到此数后交督办员仲裁',
  ),
  // Survey calls before the SMS; 0 sends the survey by SMS at once.
  'callback.maxAttempts': setting(
    () => wholeNumber(0, 10),
    3,
    '回访电话最多拨打次数（均未接通后改发短信；0：直接发短信）',
  ),
  'callback.attemptWaitMinutes': setting(
    () => wholeNumber(1, 7 * 24 * 60),
    240,
    '回访短信等待市民答复的分钟数（也是一通回访电话最长的等待）',
  ),
  'callback.callRetryMinutes': setting(
    () => wholeNumber(1, 24 * 60),
    30,
    '回访电话未接通（无人接听、占线、失败）后，再次拨打前等待的分钟数',
  ),
  // Seed 003: urged this many times and still not done → 通报批评; 0 turns the rule off.
  'urge.criticismThreshold': setting(
    () => wholeNumber(0, 20),
    2,
    '同一工单催办达到此次数仍未办结的，向承办单位及其分管领导发出通报批评（seed 003：催办两次仍未办结的予以通报批评）；0：不通报',
  ),
  // 督办回复: each supervision notice's own reply limit; unanswered by then, the notice escalates.
  'supervision.replyWorkingDays': setting(
    () => wholeNumber(1, 30),
    2,
    '督办通知的答复时限（工作日，次日起算）：逾期未答复的，一级督办升为二级督办，二级督办报领导',
  ),
  // Seed 001: an unsatisfied callback goes to the office, which asks whether to handle again (请示是否重新办理).
  'unsatisfied.decisionWorkingDays': setting(
    () => wholeNumber(1, 10),
    1,
    '回访不满意后，热线办公室决定重新办理、解释办结或核减的期限（工作日）；到期前预警',
  ),
  'unsatisfied.maxRehandles': setting(
    () => wholeNumber(0, 10),
    2,
    '一件工单因回访不满意最多重新办理的次数；达到后只能解释办结或核减',
  ),
  // Issue 19: a sub-unit's handling deadline falls this many working days before its parent's,
  // leaving the parent time to review the sub-unit's result.
  'subDispatch.deadlineOffsetWorkingDays': setting(
    () => wholeNumber(0, 10),
    2,
    '下派时限：下级单位的办理时限比上级单位的办理时限提前的工作日数（留出审核时间；0：与上级同时到期；下派时已不足则与上级同时到期）',
  ),
  // Seed 003 第二十条: a major emergency is reported to the office's leadership and the government's duty room at once.
  'emergency.notifyPhones': setting(
    () => z
      .object({
        leadership: z.array(identifier(20).regex(/^\+?\d{5,15}$/, 'a phone number (digits, optional +)')).max(20),
        dutyRoom: z.array(identifier(20).regex(/^\+?\d{5,15}$/, 'a phone number (digits, optional +)')).max(20),
      })
      .strict(),
    { leadership: [], dutyRoom: [] },
    '重大紧急事项（特急件）登记或改为特急时，立即短信报告的号码：办公室领导（leadership）与市政府总值班室（dutyRoom）（seed 003 第二十条）',
  ),
  'duplicate.windowDays': setting(
    () => wholeNumber(1, 365),
    30,
    '判重窗口：同一来电号码或同一地点同一分类的天数',
  ),
  'warning.defaultRatio': setting(
    () => z.number().gt(0, 'between 0 and 1').lt(1, 'between 0 and 1'),
    0.8,
    '未配置预警点时，时限用去此比例即黄灯',
  ),
  'assessment.weights': setting(
    () => z
      .object({ workPerformance: z.number().min(0).max(1), citizenEvaluation: z.number().min(0).max(1) })
      .strict()
      .refine((w) => Math.abs(w.workPerformance + w.citizenEvaluation - 1) < 1e-9, { message: 'the weights add up to 1', when: validSoFar }),
    { workPerformance: 0.3, citizenEvaluation: 0.7 },
    '考核综合得分权重：工作绩效30%＋群众评价70%',
  ),
  'assessment.scheme': setting(
    () => assessmentSchemeSchema,
    DEFAULT_ASSESSMENT_SCHEME,
    '考核得分构成：工作绩效与群众评价各由哪些指标按何权重组成，督办、超期每件扣分（见docs/statistics.md）',
  ),
  'assessment.targets': setting(
    () => targetsSchema,
    DEFAULT_TARGETS,
    '考核目标线：各指标的达标值（问题解决率不低于80%，seed 003）；未达标的单位在统计与月报中标出',
  ),
  // 响应率's window, in calendar hours after dispatch (docs/statistics.md).
  'response.withinHours': setting(
    () => wholeNumber(1, 30 * 24),
    24,
    '响应率：承办单位在交办后此小时数内（自然小时，昼夜连续计算）首次联系诉求人即为及时响应',
  ),
  // docs/statistics-hotspots.md: the baseline, the threshold and the grid of the hot spots.
  'hotspots.detection': setting(
    () => z
      .object({
        /** How many months before the current one make its baseline (N). */
        baselineMonths: wholeNumber(2, 24),
        /** Flag when the count exceeds mean + sigmaFactor · sd (k)… */
        sigmaFactor: z.number().min(0.5, 'at least 0.5').max(10, 'at most 10'),
        /** …and is at least this many cases. */
        minCount: wholeNumber(1, 100_000),
        /** Side of a lat/long grid cell, in degrees. */
        gridDegrees: z.number().min(0.001, 'at least 0.001').max(1, 'at most 1'),
      })
      .strict(),
    { baselineMonths: 6, sigmaFactor: 2, minCount: 5, gridDegrees: 0.01 },
    '热点发现：本月件数超过前N个月均值＋k倍标准差且不少于最小件数即为热点；经纬度按此度数划网格',
  ),
  'repeatComplaints.detection': setting(
    // minCases cases or more within windowDays days.
    () => z.object({ minCases: wholeNumber(2, 100), windowDays: wholeNumber(1, 365) }).strict(),
    { minCases: 3, windowDays: 30 },
    '重复投诉：同一市民（来电号码）或同一地点同一分类在窗口天数内达到此件数',
  ),
  // docs/security.md (sessions): the access token's lifetime; JWT_ACCESS_TTL_SECONDS is its ceiling.
  'session.accessTtlSeconds': setting(
    () => wholeNumber(60, MAX_ACCESS_TTL_SECONDS),
    900,
    '登录令牌（访问令牌）有效秒数，60至3600；不超过配置项 JWT_ACCESS_TTL_SECONDS。停用账号、变更角色或单位后，已签发的令牌数秒内失效',
  ),
  // docs/security.md (login): attempts counted per address, per username and per both, in a fixed window.
  'login.throttle': setting(
    () => z
      .object({
        perAddress: wholeNumber(1, 100_000),
        perUsername: wholeNumber(1, 1_000),
        perUsernameAndAddress: wholeNumber(1, 100),
        windowMinutes: wholeNumber(1, 24 * 60),
      })
      .strict(),
    { perAddress: 50, perUsername: 10, perUsernameAndAddress: 3, windowMinutes: 15 },
    '登录限流：同一地址在窗口分钟内最多尝试perAddress次；同一用户名失败超过perUsername次后，每个地址对该用户名只能再试perUsernameAndAddress次（他人的失败不会把账号本人锁在门外）',
  ),
  'ivr.seatHours': setting(
    () => z
      .object({ start: clockTime(), end: endClockTime(), timeZone: z.literal('Asia/Shanghai') })
      .strict()
      .refine((h) => h.start < h.end, { message: 'start before end', when: validSoFar }),
    { start: '08:00', end: '22:00', timeZone: 'Asia/Shanghai' },
    '人工座席时间（结束可填24:00，即到午夜；00:00至24:00为全天有人工）；其余时间自动语音照常受理反映与查询，人工改为留言回电',
  ),
  'ivr.maxQueueLength': setting(
    () => wholeNumber(0, 1000),
    10,
    '排队人数超过此数时转留言',
  ),
  // Issue 20: a harassing number's block lasts a bounded time once a supervisor approves it.
  'ivr.blockMaxDays': setting(
    () => wholeNumber(1, 365),
    30,
    '骚扰来电拉黑的最长天数（督办员批准后生效，到期自动解除）',
  ),
  'ivr.blockDefaultDays': setting(
    () => wholeNumber(1, 365),
    7,
    '申请拉黑时未填天数的默认拉黑天数（不超过最长天数）',
  ),
  'ivr.knowledgePlaybackCount': setting(
    () => wholeNumber(0, 9),
    3,
    '电话自助收听知识库：转人工排队前及政策咨询（按4）播报最近发布的前几条知识库问答（按1至9选听）；0为不播报',
  ),
  'ivr.voiceCaseTypeCode': setting(
    () => caseTypeCode(),
    'complaint',
    '电话语音留言（IVR按2）登记为此诉求类型',
  ),
  'ivr.transferRingSeconds': setting(
    () => wholeNumber(5, 120),
    30,
    '话务员转接承办单位值班电话时的振铃秒数；无人接听则转留言',
  ),
  // Issue 20: a unit's handler calls the citizen through the hotline (api/cases/bridgeCalls.ts).
  'bridgeCall.hours': setting(
    () => z
      .object({ start: clockTime(), end: endClockTime(), timeZone: z.literal('Asia/Shanghai') })
      .strict()
      .refine((h) => h.start < h.end, { message: 'start before end', when: validSoFar }),
    { start: '08:00', end: '21:00', timeZone: 'Asia/Shanghai' },
    '承办单位经热线联系市民（双向回拨）的时间段；其余时间不予拨打，以免打扰市民',
  ),
  'bridgeCall.maxMinutes': setting(
    () => wholeNumber(1, 120),
    15,
    '承办单位经热线联系市民的单次通话最长分钟数（到时自动挂断）',
  ),
  'bridgeCall.ringSeconds': setting(
    () => wholeNumber(5, 120),
    30,
    '承办单位经热线联系市民时，承办人电话与市民电话各自的振铃秒数',
  ),
  // Issue 20 (民意调查): opinion poll campaigns' outbound calls (workflows/poll).
  'poll.maxConcurrentCalls': setting(
    () => wholeNumber(1, 100),
    5,
    '民意调查同时进行的外呼电话数（每个调查活动）',
  ),
  'poll.callingHours': setting(
    () => z
      .object({ start: clockTime(), end: endClockTime(), timeZone: z.literal('Asia/Shanghai') })
      .strict()
      .refine((h) => h.start < h.end, { message: 'start before end', when: validSoFar }),
    { start: '09:00', end: '20:00', timeZone: 'Asia/Shanghai' },
    '民意调查外呼时段（调查活动未自定时段时）；时段外不拨打新电话',
  ),
  'poll.maxAttempts': setting(
    () => wholeNumber(1, 10),
    3,
    '民意调查对同一号码最多拨打次数（新建调查时的默认值；无人接听、占线、失败的号码稍后重拨）',
  ),
  // Seconds, so that a city (and a test) can set a short pause; the default is half an hour.
  'poll.callRetrySeconds': setting(
    () => wholeNumber(1, 24 * 3600),
    1800,
    '民意调查电话未接通后，再次拨打同一号码前等待的秒数',
  ),
  'open311.caseTypeCode': setting(
    () => caseTypeCode(),
    'complaint',
    'Open311（GeoReport v2）接口提交的诉求登记为此诉求类型',
  ),
  'open311.discovery': setting(
    () => z.object({ contact: requiredLine(200), keyService: requiredText(500) }).strict(),
    { contact: '12345热线办公室 (12345 hotline office)', keyService: '向12345热线办公室申请API密钥 (Ask the 12345 hotline office for an API key)' },
    'Open311服务发现文件中的联系方式与API密钥申请说明',
  ),
  // What the anonymous Open311 list shows: cases of these types that came in through these channels (举报 never).
  'open311.publicListing': setting(
    () => z
      .object({
        caseTypeCodes: z.array(caseTypeCode()).max(50).refine((codes) => !codes.includes('report'), { message: '举报 (report) cases are never listed publicly' }),
        channels: z.array(z.enum(CHANNELS)).max(20),
      })
      .strict(),
    { caseTypeCodes: ['consultation', 'complaint', 'help', 'suggestion'], channels: ['web', 'open311'] },
    'Open311匿名查询列表公开的诉求：仅列出这些诉求类型且经这些渠道受理的工单（举报类永不公开）',
  ),
  // Whose results the citizen pages may publish, with the citizen's consent, once closed (api/public/publishedResults.ts).
  // 举报 never: a report names wrongdoing, and its reporter is protected (seed 003, 不得泄露).
  'publication.caseTypeCodes': setting(
    () => z.array(caseTypeCode()).max(50).refine((codes) => !codes.includes('report'), { message: '举报 (report) cases are never published' }),
    ['consultation', 'complaint', 'help', 'suggestion', 'opinion'],
    '市民同意公开的工单办结后，这些诉求类型的办理结果在市民网页公开（隐去个人信息；举报类永不公开）',
  ),
  // The web form's caps against SMS bombing and duplicates (api/public/formCaps.ts).
  'publicForm.limits': setting(
    () => z
      .object({ phonesPerAddressPerDay: wholeNumber(1, 1000), receiptsPerPhonePerDay: wholeNumber(1, 100), duplicateWindowMinutes: wholeNumber(0, 7 * 24 * 60) })
      .strict(),
    { phonesPerAddressPerDay: 5, receiptsPerPhonePerDay: 3, duplicateWindowMinutes: 1440 },
    '网上诉求防短信轰炸：同一IP地址24小时内可为多少个不同手机号提交、同一手机号24小时内最多收到几条受理回执；同一手机号重复提交相同内容在此分钟数内答复已有受理号（0：不判重）',
  ),
  // Failed checks of one case's secret a day, all channels together (api/public/caseChecks.ts).
  'caseLookup.failedChecksPerDay': setting(
    () => wholeNumber(1, 1000),
    10,
    '同一工单的查询密码（或手机号后4位）一天内最多可错几次（网上查询与电话查询合计）；用尽后当天该工单的查询均不成功',
  ),
  // sizeBytes is an Int column: a file cannot be larger than 2 GiB − 1.
  'attachment.maxBytes': setting(
    () => wholeNumber(1, 2 ** 31 - 1),
    50 * 1024 * 1024,
    '单个附件（照片、文件、录音）的最大字节数；不超过配置项 ATTACHMENT_MAX_BYTES',
  ),
};

export type RuleSettingKey = keyof typeof RULE_SETTINGS;
export type RuleSettingValue<K extends RuleSettingKey> = (typeof RULE_SETTINGS)[K]['default'];

export const RULE_SETTING_KEYS = Object.keys(RULE_SETTINGS) as RuleSettingKey[];

export function isRuleSettingKey(key: string): key is RuleSettingKey {
  return Object.hasOwn(RULE_SETTINGS, key);
}

/** A stored value as the rules use it: the value when it passes the key's schema, else the default. */
export function settingValue<K extends RuleSettingKey>(key: K, stored: unknown): RuleSettingValue<K> {
  const parsed = RULE_SETTINGS[key].schema.safeParse(stored);
  return (parsed.success ? parsed.data : RULE_SETTINGS[key].default) as RuleSettingValue<K>;
}
