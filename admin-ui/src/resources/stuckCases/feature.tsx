// Stuck workflow steps in the shell.
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import type { Feature } from '../../feature';
import { STUCK_CASE_READERS } from './access';
import stuckCases from '.';

export const stuckCasesFeature: Feature = {
  resources: [{ name: 'stuck-cases', ...stuckCases }],
  menu: [{ to: '/stuck-cases', label: 'hotline.stuckCases.title', icon: <ReportProblemIcon />, roles: STUCK_CASE_READERS }],
};
