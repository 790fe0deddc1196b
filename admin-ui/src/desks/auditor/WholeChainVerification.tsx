// Verification of every audit chain, run on request: the page lists each broken chain's first
// broken link; the home card shows the outcome and links to the page.
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { Alert, Button, Card, CardActions, CardContent, CardHeader, CircularProgress, Stack, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { Title, useTranslate } from 'react-admin';
import { useWholeChainReport } from '../../resources/audit/api';
import { BrokenLinkAlert } from './ChainStatus';

const Outcome = ({ details }: { details: boolean }) => {
  const translate = useTranslate();
  const { data, error, isFetching } = useWholeChainReport();
  if (isFetching) return <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}><CircularProgress size={20} /><Typography variant="body2">{translate('hotline.audit.chain.running')}</Typography></Stack>;
  if (error) return <Alert severity="error">{translate('hotline.audit.failed', { message: error.message })}</Alert>;
  if (!data) return <Typography variant="body2" color="text.secondary">{translate('hotline.audit.chain.neverRun')}</Typography>;
  if (data.ok) return <Alert severity="success" data-testid="chains-verified">{translate('hotline.audit.chain.allVerified', { chains: data.chains, rows: data.rows })}</Alert>;
  return (
    <Stack spacing={1}>
      <Alert severity="error" data-testid="chains-broken">{translate('hotline.audit.chain.someBroken', { brokenChains: data.brokenChains, chains: data.chains, rows: data.rows })}</Alert>
      {details && data.broken.map((link) => <BrokenLinkAlert key={link.chainKey} link={link} />)}
    </Stack>
  );
};

const RunButton = () => {
  const translate = useTranslate();
  const { refetch, isFetching } = useWholeChainReport();
  return (
    <Button variant="contained" startIcon={<VerifiedUserIcon />} disabled={isFetching} onClick={() => void refetch()} data-testid="verify-all-chains">
      {translate('hotline.audit.chain.run')}
    </Button>
  );
};

export const ChainVerificationCard = () => {
  const translate = useTranslate();
  return (
    <Card data-testid="chain-verification-card">
      <CardHeader title={translate('hotline.audit.chain.title')} slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }} sx={{ pb: 0 }} />
      <CardContent><Outcome details={false} /></CardContent>
      <CardActions>
        <RunButton />
        <Button component={Link} to="/audit-chain">{translate('hotline.audit.chain.openPage')}</Button>
      </CardActions>
    </Card>
  );
};

export const ChainVerificationPage = () => {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('hotline.audit.chain.wholeTitle')} />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">{translate('hotline.audit.chain.wholeHint')}</Typography>
          <div><RunButton /></div>
          <Outcome details />
        </Stack>
      </CardContent>
    </Card>
  );
};
