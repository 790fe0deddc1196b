import { Box, Tooltip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { CaseRecord, WarningLevel } from '../types';

const COLORS: Record<WarningLevel, string> = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828' };

/** The case's warning light: a coloured dot with its meaning as tooltip and accessible name. */
export const WarningLight = ({ level }: { level: WarningLevel }) => {
  const translate = useTranslate();
  const label = translate(`hotline.case.warning.${level}`);
  return (
    <Tooltip title={label}>
      <Box
        component="span"
        role="img"
        aria-label={label}
        data-warning={level}
        sx={{ display: 'inline-block', width: 14, height: 14, borderRadius: '50%', bgcolor: COLORS[level], verticalAlign: 'middle' }}
      />
    </Tooltip>
  );
};

export const WarningLightField = (_props: { label?: string; sortBy?: string; source?: string }) => {
  const record = useRecordContext<CaseRecord>();
  return record ? <WarningLight level={record.warningLevel} /> : null;
};
