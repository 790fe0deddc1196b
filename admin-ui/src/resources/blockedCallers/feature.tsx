// The caller blocklist (issue 20) in the shell: one page, for the office.
import PhoneDisabledIcon from '@mui/icons-material/PhoneDisabled';
import type { Feature } from '../../feature';
import { BlockedCallersPage } from './BlockedCallersPage';
import { BLOCK_READERS } from './types';

export const blockedCallersFeature: Feature = {
  pages: [{ path: '/blocked-callers', component: BlockedCallersPage }],
  menu: [{ to: '/blocked-callers', label: 'hotline.blockedCallers.title', icon: <PhoneDisabledIcon />, roles: BLOCK_READERS }],
};
