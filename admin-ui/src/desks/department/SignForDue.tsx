// How long the user's unit has left to sign for a case: the case's working-time countdown while
// it runs on this unit's sign-for clock, and the unit's own due time in any case.
import { Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { TimeLeftText } from '../../resources/cases/fields/TimeLeftField';
import type { CaseAssignment, CaseRecord } from '../../resources/cases/types';

export interface SignForDueProps {
  record: CaseRecord;
  assignment: CaseAssignment;
  /** One line beside the button, without the unit's part. */
  compact?: boolean;
}

export const SignForDue = ({ record, assignment, compact = false }: SignForDueProps) => {
  const translate = useTranslate();
  const countdown = assignment.role === 'lead' && record.timeLeft?.clock === 'signFor' ? record.timeLeft : null;
  return (
    <Stack spacing={0.5} data-testid={compact ? 'sign-for-countdown' : 'sign-for-due'}>
      {!compact && (
        <Typography variant="body2">
          {translate('hotline.department.hints.role')}: {translate(`hotline.case.assignmentRole.${assignment.role}`)}
        </Typography>
      )}
      {assignment.signForDueAt !== null && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
          <Typography variant="body2" color="text.secondary">
            {translate('hotline.department.hints.signForDue')}: {new Date(assignment.signForDueAt).toLocaleString()}
          </Typography>
          {countdown && <TimeLeftText timeLeft={countdown} />}
        </Stack>
      )}
    </Stack>
  );
};
