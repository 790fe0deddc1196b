import { PieChart } from '@mui/x-charts/PieChart';
import { useTranslate } from 'react-admin';
import type { SummaryResult } from '../types';
import { SATISFACTIONS } from '../../../../../rules/vocabulary';
import { useChartLocaleText } from './chartText';

const COLORS = { satisfied: '#2e7d32', basicallySatisfied: '#9ccc65', unsatisfied: '#d32f2f' } as const;

/** The callback answers behind the satisfaction rate. */
export const SatisfactionChart = ({ summary }: { summary: SummaryResult }) => {
  const translate = useTranslate();
  const localeText = useChartLocaleText();
  const data = SATISFACTIONS.filter((answer) => summary.satisfaction[answer] > 0).map((answer) => ({
    id: answer,
    value: summary.satisfaction[answer],
    label: translate(`hotline.case.satisfaction.${answer}`),
    color: COLORS[answer],
  }));
  return <PieChart height={260} localeText={localeText} series={[{ innerRadius: 40, data }]} />;
};
