// The auditor's whole-chain verification in the shell (the case page's tabs are in audit/tabs.tsx).
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import type { Feature } from '../../shell/feature';
import { ChainVerificationPage } from './WholeChainVerification';

export const auditFeature: Feature = {
  pages: [{ path: '/audit-chain', component: ChainVerificationPage }],
  menu: [{ to: '/audit-chain', label: 'hotline.audit.chain.menu', icon: <VerifiedUserIcon />, roles: ['auditor', 'admin'] }],
};
