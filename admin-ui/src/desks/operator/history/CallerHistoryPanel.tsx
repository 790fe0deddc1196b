// Beside the intake form: the caller's earlier cases with their status and light.
import { Card, CardContent, CardHeader, Chip, CircularProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EarlierCaseList } from './EarlierCaseList';
import { useCallerHistory } from './useCallerHistory';

export const CallerHistoryPanel = ({ phone }: { phone: string | null | undefined }) => {
  const translate = useTranslate();
  const history = useCallerHistory(phone);
  return (
    <Card variant="outlined" data-testid="caller-history">
      <CardHeader
        title={translate('hotline.operator.history.title')}
        slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }}
        action={history.isFetching ? <CircularProgress size={18} /> : history.phone !== null && <Chip size="small" label={translate('hotline.operator.history.count', { count: history.total })} />}
        sx={{ pb: 0 }}
      />
      <CardContent sx={{ pt: 1 }}>
        {history.phone === null ? (
          <Typography variant="body2" color="text.secondary">{translate('hotline.operator.history.hint')}</Typography>
        ) : history.cases.length === 0 && !history.isFetching ? (
          <Typography variant="body2" color="text.secondary">{translate('hotline.operator.history.none')}</Typography>
        ) : (
          <EarlierCaseList cases={history.cases} testId="caller-history-list" />
        )}
      </CardContent>
    </Card>
  );
};
