// Which commands a user may give a case now: the ones `decide` would not refuse for the case's
// state or the user's part in it. The console shows a case's buttons from this answer.
//
// Why probes through `decide` rather than a second table of roles and statuses: `decide` is the
// one copy of the rules, and any list written here would drift from it. Each command is tried
// with sample inputs written as its schema's output (decided without parsing them, so a query
// builds no schema; tests/rules/allowedCommands.test.ts checks each parses to itself); an answer or an input refusal means the command is
// possible (every handler checks the role, the unit and the state before the input's content,
// so an input refusal is only reached once those passed); a state or permission refusal means
// it is not. Where the outcome depends on which thing the input names (an assignment, a clock),
// each candidate is tried, so the command is allowed when some input could be accepted.
// Pure like `decide`: the time, the calendar and the policies come in through the context.
import type { RuleContext } from './clocks';
import { COMMAND_NAMES, type CommandInput, type CommandName } from './commands';
import { decideParsed } from './decide';
import { CommandRefusal } from './refusal';
import type { Actor, PetitionState } from './types';

const PROBE_TEXT = 'probe';
/** Any schema-valid unit id: `decide` leaves checking that units exist to the workflow. */
const PROBE_UNIT = 'probe-unit';

/** Schema-valid inputs worth trying for a command in this state, by this actor. */
type Probes = { [C in CommandName]: (state: PetitionState, actor: Actor, ctx: RuleContext) => CommandInput<C>[] };

/** The assignment ids the actor's unit could act through, and no id (the handler's own pick). */
const ownAssignmentIds = (state: PetitionState, actor: Actor): { assignmentId?: string }[] => [
  {},
  ...state.assignments.filter((a) => a.unitId === actor.unitId).map((a) => ({ assignmentId: a.id })),
];

const probes: Probes = {
  answerDirectly: () => [{ answer: PROBE_TEXT, articleId: null }],
  reject: () => [{ reasonCode: 'outOfScope', reason: PROBE_TEXT }],
  merge: () => [{ intoCaseId: '00000000' }],
  dispatch: () => [{ leadUnitId: PROBE_UNIT, assistUnitIds: [], mode: 'system' }],
  signFor: ownAssignmentIds,
  subDispatch: () => [{ subUnitIds: [PROBE_UNIT] }],
  reviewSubResult: () => [{ accept: true }],
  requestReturn: () => [{ reason: PROBE_TEXT }],
  decideReturn: () => [{ approve: false, reason: PROBE_TEXT, wrongReturn: false }],
  requestExtension: () => [{ workingDays: 1, reason: PROBE_TEXT }],
  decideExtension: () => [{ approve: false, reason: PROBE_TEXT }],
  submitAssistOpinion: (state, actor) => ownAssignmentIds(state, actor).map((ids) => ({ ...ids, opinion: PROBE_TEXT })),
  submitResult: () => [{
    actionsTaken: PROBE_TEXT, replyToCitizen: PROBE_TEXT, legalBasis: null, handlerName: PROBE_TEXT, reviewerName: null,
    citizenContacted: true, resolved: null, attachmentIds: [],
  }],
  unitApprove: () => [{}],
  review: () => [{ accept: true }],
  recordContact: (_state, _actor, ctx) => [{ means: 'phone', contactedAt: new Date(ctx.now).toISOString(), note: null }],
  // The actor naming themselves, for each assignment of their unit: a leader may name anyone, so
  // only the assignment's state and unit decide; a handler only while nobody else handles it.
  assignHandler: (state, actor) => state.assignments.filter((a) => a.unitId === actor.unitId).map((a) => ({ assignmentId: a.id, handlerId: actor.id, note: null })),
  // The case's own profile: refused only for its content (nothing changes), so possible.
  reclassify: (state) => [{ caseTypeCode: state.profile.caseTypeCode, categoryId: state.profile.categoryId, urgency: state.profile.urgency, reason: PROBE_TEXT }],
  // A day within any threshold: a user who could suspend for no length at all is refused for the state or the role.
  suspend: () => [{ reasonKind: 'citizenMaterials', reason: PROBE_TEXT, workingDays: 1 }],
  resume: () => [{ reason: null }],
  forwardForInformation: () => [{ unitIds: [PROBE_UNIT], note: null }],
  markForwardRead: () => [{}],
  attachLeaderInstruction: () => [{ leaderName: PROBE_TEXT, leaderTitle: null, instruction: PROBE_TEXT }],
  urge: () => [{ reason: PROBE_TEXT }],
  supervise: () => [{ content: PROBE_TEXT, level: 1 }],
  // Each notice of the case: possible when one of them could be answered or evaluated by this actor.
  answerSupervision: (state) => (state.supervisionNotices ?? []).map((n) => ({ noticeId: n.id, reply: PROBE_TEXT })),
  evaluateSupervisionAnswer: (state) => (state.supervisionNotices ?? []).map((n) => ({ noticeId: n.id, accepted: true, comment: null })),
  overrideDeadline: (state, _actor, ctx) => state.clocks.map((c) => ({ clockKey: c.key, dueAt: new Date(ctx.now + 86_400_000).toISOString(), reason: PROBE_TEXT })),
  recordCallback: () => [{ outcome: 'unreachable', satisfaction: null, resolved: null, method: 'operator', comment: null }],
  close: () => [{ explanation: PROBE_TEXT }],
  // Closing is open to both deciders whatever the rehandle cap; 核减 is the supervisor's alone.
  decideUnsatisfied: () => [{ decision: 'close', reason: PROBE_TEXT }],
  requestReReview: () => [{ reason: PROBE_TEXT, channel: 'phone' }],
  decideReReview: () => [{ reopen: false, reason: PROBE_TEXT }],
};

/** The inputs tried for `command` (exported for the test that they are their schema's output). */
export function probeInputs<C extends CommandName>(command: C, state: PetitionState, actor: Actor, ctx: RuleContext): CommandInput<C>[] {
  return (probes[command] as (s: PetitionState, a: Actor, c: RuleContext) => CommandInput<C>[])(state, actor, ctx);
}

/** Whether `decide` takes this input, or refuses it only for its content. */
function possible(state: PetitionState, command: CommandName, input: CommandInput<CommandName>, actor: Actor, ctx: RuleContext): boolean {
  try {
    decideParsed(state, command, input, actor, ctx);
    return true;
  } catch (error) {
    if (!(error instanceof CommandRefusal)) throw error;
    return error.code === 'invalidInput';
  }
}

/** The commands `decide` would not refuse for the case's state or the actor's part in it, in COMMAND_NAMES order. */
export function allowedCommands(state: PetitionState, actor: Actor, ctx: RuleContext): CommandName[] {
  if (state.finished) return [];
  return COMMAND_NAMES.filter((command) =>
    probeInputs(command, state, actor, ctx).some((input) => possible(state, command, input, actor, ctx)),
  );
}
