export { AuditorHome } from './AuditorHome';
export { auditMessages } from './messages';
export { auditTabs } from './caseTabs';
