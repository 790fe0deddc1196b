export { SystemStatusCard } from './SystemStatusCard';
export { SystemStatusPage } from './SystemStatusPage';
export { calendarWarningText } from './calendarWarningText';
export { useHealth } from './useHealth';
