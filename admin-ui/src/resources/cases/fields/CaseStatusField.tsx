import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { CaseRecord } from '../types';

export const CaseStatusChip = ({ status }: { status: string }) => {
  const translate = useTranslate();
  return <Chip size="small" variant="outlined" label={translate(`hotline.case.status.${status}`, { _: status })} data-status={status} />;
};

export const CaseStatusField = (_props: { label?: string; sortBy?: string; source?: string }) => {
  const record = useRecordContext<CaseRecord>();
  return record ? <CaseStatusChip status={record.status} /> : null;
};
