import { useStore } from 'react-admin';
import { thisMonth, type StatisticsPeriod } from './period';

/** The period chosen on the statistics page, kept while the user moves around the console. */
export const usePeriod = () => useStore<StatisticsPeriod>('hotline.statistics.period', thisMonth());
