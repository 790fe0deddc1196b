import { Alert, Typography } from '@mui/material';
import type { RefusalText } from '../providers/apiRefusal';

/** The API's reason for refusing a change, in place above the form that asked for it. */
export const RefusalAlert = ({ refusal, testId = 'form-refusal' }: { refusal: RefusalText | null; testId?: string }) =>
  refusal === null ? null : (
    <Alert severity="error" role="alert" data-testid={testId} sx={{ mb: 2, width: '100%' }}>
      {refusal.headline}
      {refusal.detail !== null && (
        <Typography variant="body2" data-testid={`${testId}-detail`}>
          {refusal.detail}
        </Typography>
      )}
    </Alert>
  );
