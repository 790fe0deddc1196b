import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { CalendarYearAnswer } from '../../../../../api/calendar/answers';
import type { HotlineDataProvider } from '../../../shell/providers/dataProvider';
import type { Json } from '../../../shell/providers/json';

/** `GET /api/calendar?year=`: the year's days, the years covered and those chinese-days could import. */
export type CalendarYear = Json<CalendarYearAnswer>;
export type CalendarDay = CalendarYear['days'][number];
export type DayKind = CalendarDay['kind'];
/** What an admin may do with the year shown (the server applies its own coverage rule). */
export type YearAction = CalendarYear['actions'][number];

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
