import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjustedWorkday';

export interface CalendarDay {
  date: string;
  isWorkingDay: boolean;
  kind: DayKind;
  name: string | null;
  source: 'chineseDays' | 'admin';
}

/** What an admin may do with the year shown (the server applies its own coverage rule). */
export type YearAction = 'import' | 'open' | 'remove';

/** `GET /api/calendar?year=`: the year's days, the years covered and those chinese-days could import. */
export interface CalendarYear {
  year: number;
  coveredYears: number[];
  /** Years missing between the first and the last covered one (a gap an older version left). */
  missingYears: number[];
  importable: number[];
  actions: YearAction[];
  days: CalendarDay[];
}

const keyOf = (year: number) => ['hotline', 'calendar', year];

export const useCalendarYear = (year: number) => {
  const dataProvider = useDataProvider<HotlineDataProvider>();
  return useQuery({ queryKey: keyOf(year), queryFn: ({ signal }) => dataProvider.getJson<CalendarYear>(`/api/calendar?year=${year}`, { signal }) });
};

/** After a change: the year's grid and the health check's coverage read afresh. */
export const useCalendarChanged = () => {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['hotline', 'calendar'] });
    void queryClient.invalidateQueries({ queryKey: ['hotline', 'health'] });
  };
};
