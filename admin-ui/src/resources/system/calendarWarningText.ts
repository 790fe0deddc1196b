// The calendar check's warning in the console's language, translated by its code (the server's
// sentence when the code is unknown).
import type { TranslateFunction } from 'react-admin';
import type { CalendarWarning } from '../../shell/providers/dataProvider';

/** 2007, 2008, 2009, 2012 → "2007–2009、2012" */
const yearRuns = (years: readonly number[], separator: string): string => {
  const runs: string[] = [];
  for (let i = 0; i < years.length; i++) {
    const start = years[i]!;
    while (years[i + 1] === years[i]! + 1) i++;
    runs.push(start === years[i] ? String(start) : `${start}–${years[i]}`);
  }
  return runs.join(separator);
};

export const calendarWarningText = (translate: TranslateFunction, warning: CalendarWarning): string =>
  translate(`hotline.health.warnings.${warning.code}`, {
    year: warning.year,
    years: yearRuns(warning.missingYears ?? [warning.year], translate('hotline.health.yearSeparator')),
    _: warning.message,
  });
