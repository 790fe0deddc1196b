-- Data only: the survey asks "resolved?" on every channel (the call's second key, the SMS's second
-- digit). The survey SMS, the SMS survey thanks and the SMS help gain it; templates an admin has
-- edited are left alone; the call's new question (voice.surveyResolved) comes from the seed.
UPDATE "MessageTemplate"
SET "body" = '【12345热线】请评价受理号{caseNo}的办理结果，回复两位数字：第一位为满意度（1满意，2基本满意，3不满意），第二位为问题是否解决（1已解决，2未解决），如“11”；或在线评价： {surveyUrl}',
    "bodyEn" = '[12345] Rate case {caseNo} with two digits: first 1 satisfied, 2 basically satisfied, 3 unsatisfied; then 1 resolved, 2 not resolved (e.g. "11"); or answer online: {surveyUrl}',
    "description" = '满意度回访短信（满意度与是否解决，附在线评价链接）',
    "updatedAt" = now()
WHERE "code" = 'sms.survey'
  AND "body" = '【12345热线】请评价受理号{caseNo}的办理结果：回复1满意，2基本满意，3不满意；或在线评价： {surveyUrl}';

UPDATE "MessageTemplate"
SET "body" = '【12345热线】您对受理号{caseNo}的评价（{satisfaction}，{resolved}）已收到，感谢您的反馈。',
    "bodyEn" = '[12345] Your rating of case {caseNo} ({satisfaction}, {resolved}) was received. Thank you.',
    "updatedAt" = now()
WHERE "code" = 'sms.reply.surveyThanks'
  AND "body" = '【12345热线】您对受理号{caseNo}的评价（{satisfaction}）已收到，感谢您的反馈。';

UPDATE "MessageTemplate"
SET "body" = '【12345热线】查询办理进度请回复“查询+受理号”，如：查询2026112300001；回访评价请回复两位数字，如11（第一位：1满意、2基本满意、3不满意；第二位：1已解决、2未解决）；退订请回复TD。如需反映问题，请直接发送诉求内容。',
    "bodyEn" = '[12345] Reply "查询" and the case number for its status; two digits to rate a case, e.g. 11 (1/2/3 satisfied, basically, unsatisfied; then 1 resolved, 2 not); TD to stop. Text your request to file one.',
    "updatedAt" = now()
WHERE "code" = 'sms.reply.help'
  AND "body" = '【12345热线】查询办理进度请回复“查询+受理号”，如：查询2026112300001；回访评价请回复1满意、2基本满意、3不满意；退订请回复TD。如需反映问题，请直接发送诉求内容。';

UPDATE "MessageTemplate"
SET "description" = '回访电话语音（第一问：满意度）', "updatedAt" = now()
WHERE "code" = 'voice.survey' AND "description" = '回访电话语音';
