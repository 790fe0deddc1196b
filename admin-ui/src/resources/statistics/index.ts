export { STATISTICS_ROLES } from './access';
export { StatisticsSummaryCard } from './StatisticsSummaryCard';
