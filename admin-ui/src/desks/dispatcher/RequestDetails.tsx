// What the office decides on, shown at the top of its decision dialogs: the unit's return or
// extension request (who, why, when, the due dates) and the result up for review.
import { Alert, AlertTitle, Box, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useGetOne, useLocaleState, useTranslate } from 'react-admin';
import { useLocalizedName } from '../../shell/common/LocalizedName';
import type { CaseExtensionRequest, CaseResult, CaseReturnRequest } from '../../resources/cases/types';
import type { UnitRecord } from './unitTree';

export const useUnitName = (unitId: string | null | undefined): string => {
  const localized = useLocalizedName();
  const { data } = useGetOne<UnitRecord>('units', { id: unitId ?? '' }, { enabled: Boolean(unitId) });
  return data ? localized(data) : (unitId ?? '');
};

const useDateTime = () => {
  const [locale] = useLocaleState();
  return (iso: string) => new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
};

const Line = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => {
  const translate = useTranslate();
  return (
    <Box data-testid={testId}>
      <Typography component="span" variant="body2" color="text.secondary" sx={{ mr: 1 }}>{translate(label)}</Typography>
      <Typography component="span" variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>{children}</Typography>
    </Box>
  );
};

export const ReturnRequestDetails = ({ request }: { request: CaseReturnRequest }) => {
  const translate = useTranslate();
  const dateTime = useDateTime();
  const unit = useUnitName(request.unitId);
  return (
    <Alert severity="warning" icon={false} sx={{ mb: 2 }} data-testid="return-request">
      <AlertTitle>{translate('hotline.dispatch.request.returnBy', { unit })}</AlertTitle>
      <Line label="hotline.dispatch.request.reason" testId="return-reason">{request.reason}</Line>
      <Line label="hotline.dispatch.request.requestedAt">{dateTime(request.requestedAt)}</Line>
    </Alert>
  );
};

export const ExtensionRequestDetails = ({ request }: { request: CaseExtensionRequest }) => {
  const translate = useTranslate();
  const dateTime = useDateTime();
  const unit = useUnitName(request.unitId);
  return (
    <Alert severity="info" icon={false} sx={{ mb: 2 }} data-testid="extension-request">
      <AlertTitle>{translate('hotline.dispatch.request.extensionBy', { unit, days: request.workingDays })}</AlertTitle>
      <Line label="hotline.dispatch.request.reason" testId="extension-reason">{request.reason}</Line>
      <Line label="hotline.dispatch.request.requestedAt">{dateTime(request.requestedAt)}</Line>
      <Line label="hotline.dispatch.request.currentDue" testId="extension-current-due">{dateTime(request.previousDueAt)}</Line>
      <Line label="hotline.dispatch.request.newDue">
        {/* The new due date is computed by the workflow on the working-day calendar when approved. */}
        {request.newDueAt ? dateTime(request.newDueAt) : translate('hotline.dispatch.request.newDueUnknown', { days: request.workingDays })}
      </Line>
    </Alert>
  );
};

export const ResultDetails = ({ result }: { result: CaseResult }) => {
  const dateTime = useDateTime();
  const unit = useUnitName(result.unitId);
  return (
    <Stack spacing={0.5} sx={{ mb: 2, p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }} data-testid="result-details">
      <Line label="hotline.dispatch.result.unit">{unit} · {dateTime(result.submittedAt)}</Line>
      <Line label="hotline.dispatch.result.actionsTaken">{result.actionsTaken}</Line>
      <Line label="hotline.dispatch.result.replyToCitizen">{result.replyToCitizen}</Line>
      <Line label="hotline.dispatch.result.legalBasis">{result.legalBasis ?? '—'}</Line>
      <Line label="hotline.dispatch.result.handlerName">{result.handlerName}</Line>
      <Line label="hotline.dispatch.result.reviewerName">{result.reviewerName ?? '—'}</Line>
    </Stack>
  );
};
