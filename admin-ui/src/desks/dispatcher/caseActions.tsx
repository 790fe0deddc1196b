// The hotline office's (派单审核员) actions on a case: dispatch or answer a registered case,
// decide returns and extensions, review results, run callbacks, decide on unsatisfied ones, close, reclassify, suspend, resume, urge and forward for information (转阅). The dialogs
// live in src/dispatch/; which of them the user may take now is the API's answer.
import { AnswerDirectlyAction, RejectAction } from './IntakeActions';
import { CloseAction, RecordCallbackAction } from './CallbackActions';
import { DecideExtensionAction } from './DecideExtensionAction';
import { DecideReturnAction } from './DecideReturnAction';
import { DecideUnsatisfiedAction } from './DecideUnsatisfiedAction';
import { DispatchAction } from './DispatchAction';
import { ForwardForInformationAction } from './ForwardForInformationAction';
import { ReclassifyAction } from './ReclassifyAction';
import { ReviewAction } from './ReviewAction';
import { ResumeAction, SuspendAction } from '../../resources/cases/actions/SuspensionActions';
import { UrgeAction } from './UrgeAction';
import type { CaseAction } from '../../resources/cases/actions/registry';

const DISPATCHER = ['dispatcher'] as const;

export const dispatcherActions: CaseAction[] = [
  { key: 'dispatch', command: 'dispatch', roles: DISPATCHER, render: (r) => <DispatchAction record={r} /> },
  { key: 'dispatcher-answerDirectly', command: 'answerDirectly', roles: DISPATCHER, render: (r) => <AnswerDirectlyAction record={r} /> },
  { key: 'dispatcher-reject', command: 'reject', roles: DISPATCHER, render: (r) => <RejectAction record={r} /> },
  { key: 'decideReturn', command: 'decideReturn', roles: DISPATCHER, render: (r) => <DecideReturnAction record={r} /> },
  { key: 'decideExtension', command: 'decideExtension', roles: DISPATCHER, render: (r) => <DecideExtensionAction record={r} /> },
  { key: 'review', command: 'review', roles: DISPATCHER, render: (r) => <ReviewAction record={r} /> },
  { key: 'dispatcher-recordCallback', command: 'recordCallback', roles: DISPATCHER, render: (r) => <RecordCallbackAction record={r} /> },
  { key: 'close', command: 'close', roles: DISPATCHER, render: (r) => <CloseAction record={r} /> },
  // Dispatchers and supervisors both decide on an unsatisfied callback (核减 is the supervisor's alone).
  { key: 'decideUnsatisfied', command: 'decideUnsatisfied', roles: ['dispatcher', 'supervisor'], render: (r) => <DecideUnsatisfiedAction record={r} /> },
  // Dispatchers and supervisors both reclassify a case (重新分类) and urge (催办) its lead unit, from the same dialogs.
  { key: 'reclassify', command: 'reclassify', roles: ['dispatcher', 'supervisor'], render: (r) => <ReclassifyAction record={r} /> },
  // …and suspend (挂起) and resume it; a suspension beyond the approval threshold is the supervisor's alone (the workflow says so).
  { key: 'suspend', command: 'suspend', roles: ['dispatcher', 'supervisor'], render: (r) => <SuspendAction record={r} /> },
  { key: 'resume', command: 'resume', roles: ['dispatcher', 'supervisor'], render: (r) => <ResumeAction record={r} /> },
  { key: 'urge', command: 'urge', roles: ['dispatcher', 'supervisor'], render: (r) => <UrgeAction record={r} /> },
  // 转阅: both forward a case to units for information.
  { key: 'forwardForInformation', command: 'forwardForInformation', roles: ['dispatcher', 'supervisor'], render: (r) => <ForwardForInformationAction record={r} /> },
];
