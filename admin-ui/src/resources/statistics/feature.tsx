// Statistics in the shell: the dashboard of indicators, assessment, hot spots and the call centre.
import InsightsIcon from '@mui/icons-material/Insights';
import type { Feature } from '../../feature';
import { STATISTICS_ROLES } from './access';
import { StatisticsPage } from './StatisticsPage';

export const statisticsFeature: Feature = {
  pages: [{ path: '/statistics', component: StatisticsPage }],
  menu: [{ to: '/statistics', label: 'hotline.statistics.menu', icon: <InsightsIcon />, roles: STATISTICS_ROLES }],
};
