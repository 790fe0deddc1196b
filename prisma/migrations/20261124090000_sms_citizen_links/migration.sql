-- Data only: the survey and completion SMS templates gain the signed citizen links
-- ({surveyUrl}, {reReviewUrl}, {reReviewUntil}). Templates an admin has edited are left alone;
-- a fresh database gets the new texts from the seed.

UPDATE "MessageTemplate"
SET "body" = '【12345热线】请评价受理号{caseNo}的办理结果：回复1满意，2基本满意，3不满意；或在线评价： {surveyUrl}',
    "bodyEn" = '[12345] Rate case {caseNo}: reply 1 satisfied, 2 basically satisfied, 3 unsatisfied; or answer online: {surveyUrl}',
    "description" = '满意度回访短信（附在线评价链接）',
    "updatedAt" = now()
WHERE "code" = 'sms.survey'
  AND "body" = '【12345热线】请评价受理号{caseNo}的办理结果：回复1满意，2基本满意，3不满意。';

UPDATE "MessageTemplate"
SET "body" = '【12345热线】您的诉求（受理号{caseNo}）已办结：{reply} 如有异议，可于{reReviewUntil}前申请复核： {reReviewUrl}',
    "bodyEn" = '[12345] Your case {caseNo} is complete: {reply} To contest it before {reReviewUntil}: {reReviewUrl}',
    "description" = '办结告知（附复核申请链接）',
    "updatedAt" = now()
WHERE "code" = 'sms.completion'
  AND "body" = '【12345热线】您的诉求（受理号{caseNo}）已办结：{reply}';
