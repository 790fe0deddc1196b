// The auditor's desk: the recent cases, the whole-chain verification, and the case page's replay tabs.
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import type { Feature } from '../../feature';
import { AuditorHome } from './AuditorHome';
import { auditTabs } from './caseTabs';
import { ChainVerificationPage } from './WholeChainVerification';

export const auditorDesk: Feature = {
  homes: { auditor: AuditorHome },
  caseTabs: auditTabs,
  pages: [{ path: '/audit-chain', component: ChainVerificationPage }],
  menu: [{ to: '/audit-chain', label: 'hotline.audit.chain.menu', icon: <VerifiedUserIcon />, roles: ['auditor', 'admin'] }],
};
