import { Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { CaseRecord, TimeLeft } from '../types';

/** "剩 2 个工作日" / "今日到期" / "超期 3 个工作日" on the case's running clock. */
export const TimeLeftText = ({ timeLeft }: { timeLeft: TimeLeft | null }) => {
  const translate = useTranslate();
  if (timeLeft === null) return <Typography variant="body2" component="span">{translate('hotline.case.timeLeft.none')}</Typography>;
  const { workingDays, clock } = timeLeft;
  const text =
    workingDays < 0 ? translate('hotline.case.timeLeft.overdue', { days: -workingDays })
    : workingDays === 0 ? translate('hotline.case.timeLeft.dueToday')
    : translate('hotline.case.timeLeft.left', { days: workingDays });
  return (
    <Typography
      variant="body2"
      component="span"
      title={`${translate(`hotline.case.clock.${clock}`)} ${new Date(timeLeft.dueAt).toLocaleString()}`}
      color={workingDays < 0 ? 'error' : workingDays === 0 ? 'warning.main' : 'text.primary'}
      sx={{ whiteSpace: 'nowrap' }}
      data-testid="time-left"
    >
      {text}
    </Typography>
  );
};

export const TimeLeftField = (_props: { label?: string; sortBy?: string; source?: string }) => {
  const record = useRecordContext<CaseRecord>();
  return record ? <TimeLeftText timeLeft={record.timeLeft} /> : null;
};
