// The signed links a notice to the citizen carries: the completion notice (办结告知) offers
// re-review (复核) until the window ends. Their template placeholders: {reReviewUrl},
// {reReviewUntil}.
import type { CitizenLinkConfig } from '../lib/citizenAccess/linkUrls';
import { citizenLinkUrl, linkExpiry } from '../lib/citizenAccess/linkUrls';
import { formatShanghaiMinute } from '../rules/shanghaiTime';
import type { NoticeTemplate } from '../rules/templates/placeholders';

export function citizenLinkParams(config: CitizenLinkConfig, template: NoticeTemplate, caseRow: { caseId: string; reReviewUntil: Date | null }, now: Date): Record<string, string> {
  if (template !== 'sms.completion' || caseRow.reReviewUntil === null) return {};
  return {
    reReviewUrl: citizenLinkUrl(config, { purpose: 'reReview', caseId: caseRow.caseId, expiresAt: linkExpiry('reReview', now) }),
    reReviewUntil: formatShanghaiMinute(caseRow.reReviewUntil.getTime()),
  };
}
