// Opinion polls (民意调查, issue 20) in the shell: one page, for supervisors and admins.
import PollIcon from '@mui/icons-material/Poll';
import type { Feature } from '../../feature';
import { PollsPage } from './PollsPage';
import { POLL_ROLES } from './types';

export const pollsFeature: Feature = {
  pages: [{ path: '/polls', component: PollsPage }],
  menu: [{ to: '/polls', label: 'hotline.polls.title', icon: <PollIcon />, roles: POLL_ROLES }],
};
