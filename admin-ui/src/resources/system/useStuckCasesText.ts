// The stuckCases check of /healthz in the console's language: its code with the count and the
// oldest stuck step (its case or poll, step, since), for the status card and the home pages' banner.
import { useLocaleState, useTranslate } from 'react-admin';
import type { HealthCheck } from '../../shell/providers/dataProvider';

/** Returns a function giving the check's sentence, or undefined when the check could not run (its `error` says why). */
export const useStuckCasesText = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (check: HealthCheck): string | undefined => {
    if (check.ok) return translate('hotline.health.noneStuck');
    if (check.code === undefined) return undefined;
    const oldest = check.oldest ?? undefined;
    return translate(`hotline.health.warnings.${check.code}`, {
      count: check.count ?? '?',
      subject: oldest === undefined ? '—' : oldest.pollCampaignId ? translate('hotline.stuckCases.subject.poll', { id: oldest.pollCampaignId }) : translate('hotline.stuckCases.subject.case', { id: oldest.caseId ?? '—' }),
      step: oldest === undefined ? '—' : translate(`hotline.stuckCases.step.${oldest.step}`, { _: oldest.step }),
      since: oldest === undefined ? '—' : new Date(oldest.since).toLocaleString(locale),
      _: check.message ?? check.code,
    });
  };
};
