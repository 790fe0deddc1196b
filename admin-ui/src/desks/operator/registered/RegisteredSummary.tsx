// After registration: what to read to the caller (case number, query password), the possible
// duplicates to merge before dispatch, and a link to the new case.
import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCreatePath, useTranslate } from 'react-admin';
import type { RegisteredCase } from '../types';
import { DuplicateCandidates } from './DuplicateCandidates';

/** What became of the new case at once: nothing yet, answered directly, or the direct answer failed. */
export type FirstOutcome = { kind: 'registered' } | { kind: 'answered' } | { kind: 'answerFailed'; message: string };

export interface RegisteredSummaryProps {
  registered: RegisteredCase;
  outcome?: FirstOutcome;
  onNext?: () => void;
}

const Readout = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary">{label}</Typography>
    <Typography variant="h4" component="p" sx={{ fontFamily: 'monospace', letterSpacing: 2 }} data-testid={testId}>{value}</Typography>
  </Box>
);

export const RegisteredSummary = ({ registered, outcome = { kind: 'registered' }, onNext }: RegisteredSummaryProps) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const [mergedInto, setMergedInto] = useState<string | null>(null);
  return (
    <Card data-testid="registered-summary">
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6" component="h2">{translate('hotline.operator.registered.title')}</Typography>
          <Typography variant="body2">{translate('hotline.operator.registered.readToCaller')}</Typography>
          <Stack direction="row" spacing={6}>
            <Readout label={translate('hotline.operator.registered.caseId')} value={registered.caseId} testId="registered-case-id" />
            <Readout label={translate('hotline.operator.registered.queryPassword')} value={registered.queryPassword} testId="registered-query-password" />
          </Stack>
          {outcome.kind === 'answered' && <Alert severity="success" data-testid="answered-directly">{translate('hotline.operator.registered.answered')}</Alert>}
          {outcome.kind === 'answerFailed' && <Alert severity="error" role="alert">{translate('hotline.operator.registered.answerFailed', { message: outcome.message })}</Alert>}
          {mergedInto !== null && <Alert severity="success" data-testid="merged-into">{translate('hotline.operator.registered.merged', { id: mergedInto })}</Alert>}
          <DuplicateCandidates caseId={registered.caseId} candidates={registered.duplicateCandidates} onMerged={setMergedInto} disabled={mergedInto !== null || outcome.kind === 'answered'} />
          <Stack direction="row" spacing={1}>
            <Button component={Link} to={createPath({ resource: 'cases', id: registered.caseId, type: 'show' })} variant="outlined" data-testid="open-registered-case">
              {translate('hotline.operator.registered.openCase')}
            </Button>
            {onNext !== undefined && (
              <Button variant="contained" onClick={onNext} autoFocus data-testid="register-next">
                {translate('hotline.operator.registered.next')}
              </Button>
            )}
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};
