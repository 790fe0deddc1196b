// The auditor's home: the audit chains' verification and the cases most recently changed.
import { Stack } from '@mui/material';
import { CaseQueue } from '../../resources/cases/CaseQueue';
import { ChainVerificationCard } from './WholeChainVerification';

export const AuditorHome = () => (
  <Stack spacing={2}>
    <ChainVerificationCard />
    <CaseQueue name="recent" title="hotline.home.queues.recentCases" filter={{}} sort={{ field: 'updatedAt', order: 'DESC' }} />
  </Stack>
);
