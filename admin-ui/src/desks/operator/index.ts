// The operator's desk: the incoming-call banner, the home page and the messages (its pages and menu: feature.tsx).
export { IncomingCallBanner } from './live/IncomingCallBanner';
export { OperatorHome } from './home/OperatorHome';
export { operatorMessages } from './messages';
