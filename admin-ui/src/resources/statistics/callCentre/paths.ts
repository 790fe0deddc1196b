// The call-centre endpoint's URL for a period, as JSON or as one downloadable table.
import type { ExportFormat } from '../paths';
import { dateRangeOf, type StatisticsPeriod } from '../period';
import type { CallCentreTableName } from './types';

export const callCentrePath = (period: StatisticsPeriod, format?: ExportFormat, table?: CallCentreTableName): string => {
  const params = new URLSearchParams(dateRangeOf(period));
  if (format) params.set('format', format);
  if (table) params.set('table', table);
  return `/api/statistics/call-centre?${params.toString()}`;
};
