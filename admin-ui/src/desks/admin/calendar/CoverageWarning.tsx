// The calendar check of /healthz, loud: deadlines past the last covered year, or through a gap
// between covered years, are only provisional.
import { Alert, AlertTitle, Button } from '@mui/material';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { calendarWarningText, useHealth } from '../../../resources/system';

export const CoverageWarning = ({ withLink = false }: { withLink?: boolean }) => {
  const translate = useTranslate();
  const { data } = useHealth();
  const warning = data?.checks.calendar?.warning;
  if (warning === undefined) return null;
  return (
    <Alert
      severity="warning"
      variant="filled"
      data-testid="calendar-coverage-warning"
      action={
        withLink ? (
          <Button color="inherit" component={Link} to="/calendar">
            {translate('hotline.admin.calendar.open')}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{translate('hotline.health.calendarWarning')}</AlertTitle>
      {calendarWarningText(translate, warning)}
    </Alert>
  );
};
