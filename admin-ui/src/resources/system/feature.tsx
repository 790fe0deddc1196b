// The system's health in the shell.
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import type { Feature } from '../../feature';
import { SystemStatusPage } from './SystemStatusPage';

export const systemFeature: Feature = {
  pages: [{ path: '/system-status', component: SystemStatusPage }],
  menu: [{ to: '/system-status', label: 'hotline.health.title', icon: <MonitorHeartIcon />, roles: ['admin', 'supervisor', 'auditor'] }],
};
