// The whole (state × command × actor) table: each command with a valid input, in each
// prepared state, by each kind of user. Exactly the cells listed in ALLOWED are accepted (the
// table in docs/lifecycle.md); every other one is refused with a reason and changes nothing.
import assert from 'node:assert/strict';
import { COMMAND_NAMES, type CommandName } from '../../rules/lifecycle/commands';
import { decide } from '../../rules/lifecycle/decide';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import { shanghai } from '../support/calendar';
import { actors, CaseRun, contextAt, registeredCase, SAMPLE_RESULT, sampleCommandInputs } from '../support/lifecycle';

type ActorName = keyof typeof actors;
const RESULT = SAMPLE_RESULT;
/** Each command's input, at the cases' start (09:00 on 2026-11-23, Shanghai), the deadline moved to the end of the year. */
const INPUTS: Record<CommandName, unknown> = {
  ...sampleCommandInputs(shanghai('2026-11-23 09:00')),
  overrideDeadline: { clockKey: 'handle', dueAt: '2026-12-31T18:00:00+08:00', reason: '领导交办' },
  // The notice the supervisor issues in `supervised` (the case's fifth event).
  answerSupervision: { noticeId: '2026021300001-V5', reply: '已约谈摊主，限期整改' },
  evaluateSupervisionAnswer: { noticeId: '2026021300001-V5', accepted: false, comment: '未说明整改时限' },
};

const start = () => new CaseRun(registeredCase(), shanghai('2026-11-23 09:00'));
const STATES: Record<string, () => CaseRun> = {
  registered: start,
  dispatched: () => start().do('dispatch', INPUTS.dispatch, actors.dispatcher),
  signed: () => STATES.dispatched!().do('signFor', {}, actors.leadHandler).do('signFor', {}, actors.assistHandler),
  suspended: () => STATES.signed!().do('suspend', INPUTS.suspend, actors.dispatcher),
  resultSubmitted: () => STATES.signed!().do('submitResult', RESULT, actors.leadHandler),
  unitApproved: () => STATES.resultSubmitted!().do('unitApprove', {}, actors.leadLeader),
  callback: () => STATES.unitApproved!().do('review', { accept: true }, actors.dispatcher),
  closed: () => STATES.callback!().do('recordCallback', INPUTS.recordCallback, actors.operator),
  supervised: () => STATES.signed!().do('supervise', INPUTS.supervise, actors.supervisor),
  supervisionAnswered: () => STATES.supervised!().do('answerSupervision', INPUTS.answerSupervision, actors.leadHandler),
  awaitingUnsatisfiedDecision: () => STATES.callback!().do('recordCallback', { outcome: 'reached', satisfaction: 'unsatisfied', resolved: false }, actors.operator),
};

const LEAD: ActorName[] = ['leadHandler', 'leadLeader'];
/** The hotline office's deciders: reclassify until the lead unit's result goes up. */
const OFFICE: ActorName[] = ['dispatcher', 'supervisor'];
/** Who stops the clock (挂起) and starts it again: the office, or the lead unit's leader. */
const SUSPENDERS: ActorName[] = ['leadLeader', 'dispatcher', 'supervisor'];
// assignHandler's sample names the lead unit's handler: they take it, their leader names them;
// another unit's handler may not name them (tests/rules/assignHandler.test.ts has the rest).
/** 转阅 and 领导批示: the office's, until the case is finished for the citizen. */
const MODES = { forwardForInformation: OFFICE, attachLeaderInstruction: ['supervisor'] } satisfies Partial<Record<CommandName, ActorName[]>>;
const ALLOWED: Record<string, Partial<Record<CommandName, ActorName[]>>> = {
  registered: { ...MODES, answerDirectly: ['operator', 'dispatcher'], reject: ['operator', 'dispatcher'], merge: ['operator', 'dispatcher'], dispatch: ['dispatcher'], reclassify: OFFICE },
  dispatched: { ...MODES, signFor: [...LEAD, 'assistHandler'], requestReturn: LEAD, recordContact: LEAD, assignHandler: LEAD, reclassify: OFFICE, suspend: SUSPENDERS, urge: ['dispatcher', 'supervisor'], supervise: ['supervisor'], overrideDeadline: ['supervisor'] },
  signed: {
    ...MODES,
    subDispatch: LEAD, requestReturn: LEAD, requestExtension: LEAD, submitAssistOpinion: ['assistHandler'], submitResult: LEAD, recordContact: LEAD, assignHandler: LEAD, reclassify: OFFICE, suspend: SUSPENDERS,
    urge: ['dispatcher', 'supervisor'], supervise: ['supervisor'], overrideDeadline: ['supervisor'],
  },
  // The clocks stopped: what moves none of them (the lead's result resumes the case first).
  suspended: { ...MODES, resume: SUSPENDERS, submitResult: LEAD, submitAssistOpinion: ['assistHandler'], recordContact: LEAD, assignHandler: LEAD },
  resultSubmitted: { ...MODES, unitApprove: ['leadLeader'], recordContact: LEAD, assignHandler: LEAD, submitAssistOpinion: ['assistHandler'], urge: ['dispatcher', 'supervisor'], supervise: ['supervisor'], overrideDeadline: ['supervisor'] },
  unitApproved: { ...MODES, review: ['dispatcher'], recordContact: LEAD, assignHandler: LEAD, submitAssistOpinion: ['assistHandler'], urge: ['dispatcher', 'supervisor'], supervise: ['supervisor'] },
  callback: { ...MODES, recordCallback: ['operator', 'dispatcher'], close: ['dispatcher'] },
  closed: { requestReReview: ['citizen', 'operator'] },
  // The sample decision is a rehandle (both deciders; 核减 is the supervisor's: tests/rules/decideUnsatisfied.test.ts).
  awaitingUnsatisfiedDecision: { ...MODES, decideUnsatisfied: OFFICE },
};
// A supervision notice to the lead unit: its handlers and leaders answer it, then the office evaluates the reply.
ALLOWED.supervised = { ...ALLOWED.signed, answerSupervision: LEAD };
ALLOWED.supervisionAnswered = { ...ALLOWED.signed, evaluateSupervisionAnswer: OFFICE };

describe('the (state × command × actor) table', () => {
  for (const [stateName, prepare] of Object.entries(STATES)) {
    it(`in ${stateName}: only the listed commands and actors are accepted; everything else is refused and changes nothing`, () => {
      const run = prepare();
      const before = JSON.stringify(run.state);
      let refused = 0;
      for (const command of COMMAND_NAMES) {
        for (const actorName of Object.keys(actors) as ActorName[]) {
          const allowed = ALLOWED[stateName]![command]?.includes(actorName) ?? false;
          const cell = `${stateName} × ${command} × ${actorName}`;
          try {
            decide(run.state, command, INPUTS[command], actors[actorName], contextAt(run.now));
            assert.ok(allowed, `${cell} was accepted but is not in the table`);
          } catch (error) {
            if (!(error instanceof CommandRefusal)) throw error;
            assert.ok(!allowed, `${cell} was refused (${error.code}: ${error.message}) but the table allows it`);
            assert.ok(error.message.length > 10, `${cell} has a reason`);
            refused++;
          }
        }
      }
      assert.equal(JSON.stringify(run.state), before);
      assert.ok(refused > 150);
    });
  }
});
