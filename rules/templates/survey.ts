// The survey's texts (回访): the call's two keypad questions and the survey SMS, as admin-editable
// message templates. Plain data with no imports: the seed writes these rows and the survey call
// falls back to them when a database predates a row.

export interface SurveyTemplate {
  code: 'voice.survey' | 'voice.surveyResolved' | 'sms.survey';
  channel: 'voice' | 'sms';
  body: string;
  bodyEn: string;
  description: string;
}

export const SURVEY_TEMPLATES: Record<SurveyTemplate['code'], SurveyTemplate> = {
  'voice.survey': {
    code: 'voice.survey',
    channel: 'voice',
    body: '您好，这里是12345热线。关于您反映的受理号{caseNo}的问题，满意请按1，基本满意请按2，不满意请按3。',
    bodyEn: 'This is the 12345 hotline about case {caseNo}. Press 1 if satisfied, 2 if basically satisfied, 3 if unsatisfied.',
    description: '回访电话语音（第一问：满意度）',
  },
  'voice.surveyResolved': {
    code: 'voice.surveyResolved',
    channel: 'voice',
    body: '请问您反映的问题是否已经解决？已解决请按1，未解决请按2。',
    bodyEn: 'Has your problem been resolved? Press 1 if resolved, 2 if not.',
    description: '回访电话语音（第二问：问题是否解决）',
  },
  'sms.survey': {
    code: 'sms.survey',
    channel: 'sms',
    body: '【12345热线】请评价受理号{caseNo}的办理结果，回复两位数字：第一位为满意度（1满意，2基本满意，3不满意），第二位为问题是否解决（1已解决，2未解决），如“11”；或在线评价： {surveyUrl}',
    bodyEn: '[12345] Rate case {caseNo} with two digits: first 1 satisfied, 2 basically satisfied, 3 unsatisfied; then 1 resolved, 2 not resolved (e.g. "11"); or answer online: {surveyUrl}',
    description: '满意度回访短信（满意度与是否解决，附在线评价链接）',
  },
};
