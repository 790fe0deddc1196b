// The handling marks of a case row: 保密 (confidential: units never see the citizen), 批示 (a leader's instruction: the case has priority), 转阅
// (forwarded to the user's unit for information: nothing is due from it, 已阅 once marked read)
// and the dispatch mode when not the system's (电话交办 / 书面交办).
import { Chip, Stack } from '@mui/material';
import { useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import type { CaseRecord } from '../types';

export const HandlingMarksField = (_props: { label?: string; sortBy?: string }) => {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  if (!record) return null;
  const unitId = (identity as { unitId?: string | null } | undefined)?.unitId ?? null;
  const forwardedToMe = unitId !== null && record.readerUnitIds.includes(unitId);
  return (
    <Stack direction="row" spacing={0.5}>
      {record.confidential && <Chip size="small" color="error" label={translate('hotline.case.confidentiality.badge')} data-mark="confidential" />}
      {record.leaderInstructedAt !== null && <Chip size="small" color="warning" label={translate('hotline.case.marks.leaderInstructed')} data-mark="leaderInstructed" />}
      {forwardedToMe && (
        <Chip size="small" variant="outlined" color="info" data-mark="forwarded"
          label={translate(record.readByUnitIds.includes(unitId!) ? 'hotline.case.marks.forwardedRead' : 'hotline.case.marks.forwarded')} />
      )}
      {record.dispatchMode !== null && record.dispatchMode !== 'system' && (
        <Chip size="small" variant="outlined" label={translate(`hotline.case.marks.mode.${record.dispatchMode}`)} data-mark={`mode-${record.dispatchMode}`} />
      )}
    </Stack>
  );
};
