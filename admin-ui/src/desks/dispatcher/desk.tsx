// The dispatcher's desk: the home queues and the case actions of the hotline office (dispatch,
// decide returns and extensions, review, callbacks, urges). Intake pages are the operator's desk's.
import type { Feature } from '../../feature';
import { dispatcherActions } from './caseActions';
import { DispatcherHome } from './DispatcherHome';

export const dispatcherDesk: Feature = {
  homes: { dispatcher: DispatcherHome },
  caseActions: dispatcherActions,
};
