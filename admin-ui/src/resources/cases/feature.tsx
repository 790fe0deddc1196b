// Cases in the shell: the list and the case page, for every role.
import AssignmentIcon from '@mui/icons-material/Assignment';
import { ROLES } from '../../shell/access/roles';
import type { Feature } from '../../feature';
import cases from '.';

export const casesFeature: Feature = {
  resources: [{ name: 'cases', ...cases }],
  menu: [{ to: '/cases', label: 'hotline.case.list', icon: <AssignmentIcon />, roles: ROLES }],
};
