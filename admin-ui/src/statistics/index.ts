export { STATISTICS_ROLES } from './access';
export { StatisticsPage } from './StatisticsPage';
export { StatisticsSummaryCard } from './StatisticsSummaryCard';
