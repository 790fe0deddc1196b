export { supervisionMessages } from './messages';
export { SupervisorHome } from './SupervisorHome';
