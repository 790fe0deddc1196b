// The operator's desk: intake, missed calls, SMS drafts, the incoming-call banner and the home page.
export { IntakePage } from './intake/IntakePage';
export { MissedCallsPage } from './calls/MissedCallsPage';
export { SmsDraftsPage } from './sms/SmsDraftsPage';
export { IncomingCallBanner } from './live/IncomingCallBanner';
export { OperatorHome } from './home/OperatorHome';
export { operatorMessages } from './messages';
