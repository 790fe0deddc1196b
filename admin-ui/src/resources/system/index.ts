export { SystemStatusCard } from './SystemStatusCard';
export { calendarWarningText } from './calendarWarningText';
export { useHealth } from './useHealth';
