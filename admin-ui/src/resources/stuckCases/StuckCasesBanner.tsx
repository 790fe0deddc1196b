// The stuckCases check of /healthz, loud on the admin's and the supervisor's home: a case
// whose write failed waits for someone to fix the cause and retry.
import { Alert, AlertTitle, Button } from '@mui/material';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { useHealth } from '../system';
import { useStuckCasesText } from '../system/useStuckCasesText';

export const StuckCasesBanner = () => {
  const translate = useTranslate();
  const describe = useStuckCasesText();
  const { data } = useHealth();
  const check = data?.checks.stuckCases;
  if (check === undefined || check.ok) return null;
  const text = describe(check);
  if (text === undefined) return null;
  return (
    <Alert
      severity="warning"
      variant="filled"
      data-testid="stuck-cases-warning"
      action={
        <Button color="inherit" component={Link} to="/stuck-cases">
          {translate('hotline.stuckCases.open')}
        </Button>
      }
    >
      <AlertTitle>{translate('hotline.stuckCases.banner')}</AlertTitle>
      {text}
    </Alert>
  );
};
