export { SystemStatusCard } from './SystemStatusCard';
export { SystemStatusPage } from './SystemStatusPage';
export { useHealth } from './useHealth';
