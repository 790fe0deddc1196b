// The hotline office's (派单审核员) actions on a case: dispatch or answer a registered case,
// decide returns and extensions, review results, run callbacks, close and urge. The dialogs
// live in src/dispatch/.
import { AnswerDirectlyAction, RejectAction } from '../../dispatch/IntakeActions';
import { CloseAction, RecordCallbackAction } from '../../dispatch/CallbackActions';
import { DecideExtensionAction } from '../../dispatch/DecideExtensionAction';
import { DecideReturnAction } from '../../dispatch/DecideReturnAction';
import { DispatchAction } from '../../dispatch/DispatchAction';
import { latestResult, pendingExtension, pendingReturn } from '../../dispatch/pending';
import { ReviewAction } from '../../dispatch/ReviewAction';
import { UrgeAction } from '../../dispatch/UrgeAction';
import type { CaseAction } from './registry';

const DISPATCHER = ['dispatcher'] as const;
/** Open cases with a lead unit: the ones an urge can reach. */
const WITH_LEAD_UNIT = ['dispatched', 'returnRequested', 'arbitration', 'signed', 'subDispatched', 'resultSubmitted', 'unitApproved'];

export const dispatcherActions: CaseAction[] = [
  { key: 'dispatch', roles: DISPATCHER, when: (r) => r.status === 'registered', render: (r) => <DispatchAction record={r} /> },
  { key: 'dispatcher-answerDirectly', roles: DISPATCHER, when: (r) => r.status === 'registered', render: (r) => <AnswerDirectlyAction record={r} /> },
  { key: 'dispatcher-reject', roles: DISPATCHER, when: (r) => r.status === 'registered', render: (r) => <RejectAction record={r} /> },
  {
    key: 'decideReturn',
    roles: DISPATCHER,
    // A return in arbitration (too many returns) is the supervisor's to decide.
    when: (r) => r.status === 'returnRequested' && pendingReturn(r) !== undefined,
    render: (r) => <DecideReturnAction record={r} />,
  },
  {
    key: 'decideExtension',
    roles: DISPATCHER,
    // Beyond the total cap only a supervisor decides.
    when: (r) => pendingExtension(r)?.beyondCap === false,
    render: (r) => <DecideExtensionAction record={r} />,
  },
  { key: 'review', roles: DISPATCHER, when: (r) => r.status === 'unitApproved' && latestResult(r) !== undefined, render: (r) => <ReviewAction record={r} /> },
  { key: 'dispatcher-recordCallback', roles: DISPATCHER, when: (r) => r.status === 'callback', render: (r) => <RecordCallbackAction record={r} /> },
  { key: 'close', roles: DISPATCHER, when: (r) => r.status === 'callback', render: (r) => <CloseAction record={r} /> },
  // Dispatchers and supervisors both urge (催办) the lead unit.
  { key: 'urge', roles: ['dispatcher', 'supervisor'], when: (r) => WITH_LEAD_UNIT.includes(r.status), render: (r) => <UrgeAction record={r} /> },
];
