import { Alert } from '@mui/material';

/** The API's reason for refusing a change, in place above the form that asked for it. */
export const RefusalAlert = ({ refusal }: { refusal: string | null }) =>
  refusal === null ? null : (
    <Alert severity="error" role="alert" data-testid="form-refusal" sx={{ mb: 2, width: '100%' }}>
      {refusal}
    </Alert>
  );
