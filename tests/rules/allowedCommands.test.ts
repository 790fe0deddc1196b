// allowedCommands: what each kind of user may do to a case now, across the lifecycle's states.
// Checked by hand for each role in several states, and against `decide` itself: a listed command
// with a valid input is not refused for the state or the user's part; an unlisted one is refused.
import assert from 'node:assert/strict';
import { allowedCommands, probeInputs } from '../../rules/lifecycle/allowedCommands';
import { applyEvents, stampEvents } from '../../rules/lifecycle/apply';
import { DEFAULT_SETTINGS, type RuleContext } from '../../rules/lifecycle/clocks';
import { COMMAND_NAMES, commandInputs, type CommandName } from '../../rules/lifecycle/commands';
import { decide } from '../../rules/lifecycle/decide';
import { CommandRefusal } from '../../rules/lifecycle/refusal';
import { withReplyClocks } from '../../rules/lifecycle/supervision';
import type { Actor, PetitionState } from '../../rules/lifecycle/types';
import { shanghai } from '../support/calendar';
import { actors, CaseRun, contextAt, registeredCase, SAMPLE_DISPATCH, SAMPLE_RESULT, sampleCommandInputs } from '../support/lifecycle';

type ActorName = keyof typeof actors;
const RESULT = SAMPLE_RESULT;
const DISPATCH = SAMPLE_DISPATCH;
/** assignHandler's: the user naming themselves (naming another is a leader's, which the table tests). */
const sampleInput = (command: CommandName, state: PetitionState, now: number, actor: Actor): unknown =>
  command === 'assignHandler' ? { handlerId: actor.id } : sampleCommandInputs(now, state)[command];

/** A case run whose context (settings) can differ from the seeded one. */
class Run extends CaseRun {
  constructor(public settings = DEFAULT_SETTINGS) {
    super(registeredCase(), shanghai('2026-11-23 09:00'));
  }
  ctx(): RuleContext {
    return { ...contextAt(this.now), settings: this.settings };
  }
  override do(command: CommandName, input: unknown, actor: Actor): this {
    const decision = decide(this.state, command, input, actor, this.ctx());
    this.state = applyEvents(this.state, stampEvents(this.state, withReplyClocks(decision.events, this.ctx()), actor, this.now, decision.reason));
    return this;
  }
  allowed(actor: ActorName): CommandName[] {
    return allowedCommands(this.state, actors[actor], this.ctx());
  }
}

const registered = () => new Run();
const dispatched = () => registered().do('dispatch', DISPATCH, actors.dispatcher);
const signed = () => dispatched().do('signFor', {}, actors.leadHandler).do('signFor', {}, actors.assistHandler);
const subDispatched = () => signed().do('subDispatch', { subUnitId: 'chengguan-donghu' }, actors.leadHandler);
const subResultUp = () => subDispatched().do('signFor', {}, actors.subUnitHandler).do('submitResult', RESULT, actors.subUnitHandler);
const extensionPending = () => signed().do('requestExtension', { workingDays: 2, reason: '需勘验' }, actors.leadHandler);
const extensionBeyondCap = () => signed().do('requestExtension', { workingDays: 12, reason: '需检测' }, actors.leadHandler);
const returnRequested = () => dispatched().do('requestReturn', { reason: '不属本单位' }, actors.leadHandler);
const arbitration = () => {
  const run = new Run({ ...DEFAULT_SETTINGS, returnMaxCount: 0 });
  return run.do('dispatch', DISPATCH, actors.dispatcher).do('requestReturn', { reason: '不属本单位' }, actors.leadHandler);
};
const resultSubmitted = () => signed().do('submitResult', RESULT, actors.leadHandler);
const unitApproved = () => resultSubmitted().do('unitApprove', {}, actors.leadLeader);
const callback = () => unitApproved().do('review', { accept: true }, actors.dispatcher);
const closed = () => callback().do('recordCallback', { outcome: 'reached', satisfaction: 'satisfied' }, actors.operator);
const awaitingDecision = () => callback().do('recordCallback', { outcome: 'reached', satisfaction: 'unsatisfied', resolved: false }, actors.operator);
const reReview = () => closed().do('requestReReview', { reason: '问题未解决' }, actors.operator);
const supervised = () => signed().do('supervise', { content: '请于两日内报告处置进展' }, actors.supervisor);
const supervisionAnswered = () => {
  const run = supervised();
  return run.do('answerSupervision', { noticeId: run.state.supervisionNotices![0]!.id, reply: '已约谈摊主，限期整改' }, actors.leadLeader);
};
const rejected = () => registered().do('reject', { reasonCode: 'outOfScope', reason: '不属热线受理范围' }, actors.dispatcher);
const suspended = () => signed().do('suspend', { reasonKind: 'citizenMaterials', reason: '等待市民补充材料', workingDays: 3 }, actors.dispatcher);
/** Six working days suspended (Tue 11-24 … Tue 12-01), more than a dispatcher may grant in total, then resumed at the planned end. */
const afterLongSuspension = () => {
  const run = signed().do('suspend', { reasonKind: 'litigation', reason: '等待法院判决', workingDays: 6 }, actors.supervisor);
  run.advanceTo(shanghai('2026-12-02 09:00'));
  return run;
};
const windowClosed = () => {
  const run = signed();
  run.advanceTo(shanghai('2026-11-26 09:00'));
  return run;
};

const STATES: Record<string, () => Run> = {
  registered, dispatched, signed, subDispatched, subResultUp, extensionPending, extensionBeyondCap, returnRequested, arbitration,
  resultSubmitted, unitApproved, callback, awaitingDecision, closed, reReview, rejected, windowClosed, suspended, afterLongSuspension, supervised, supervisionAnswered,
};

describe('allowedCommands', () => {
  it('offers the office its commands by state: intake, urging, decisions, review, callback', () => {
    assert.deepEqual(registered().allowed('operator'), ['answerDirectly', 'reject', 'merge']);
    assert.deepEqual(registered().allowed('dispatcher'), ['answerDirectly', 'reject', 'merge', 'dispatch', 'reclassify', 'forwardForInformation']);
    assert.deepEqual(registered().allowed('supervisor'), ['reclassify', 'forwardForInformation', 'attachLeaderInstruction']);
    assert.deepEqual(signed().allowed('dispatcher'), ['reclassify', 'suspend', 'forwardForInformation', 'urge']);
    assert.deepEqual(signed().allowed('supervisor'), ['reclassify', 'suspend', 'forwardForInformation', 'attachLeaderInstruction', 'urge', 'supervise', 'overrideDeadline']);
    assert.deepEqual(signed().allowed('operator'), []);
    assert.deepEqual(returnRequested().allowed('dispatcher'), ['decideReturn', 'reclassify', 'forwardForInformation', 'urge']);
    assert.deepEqual(arbitration().allowed('dispatcher'), ['reclassify', 'forwardForInformation', 'urge'], 'arbitration is the supervisor’s');
    assert.ok(arbitration().allowed('supervisor').includes('decideReturn'));
    assert.deepEqual(extensionPending().allowed('dispatcher'), ['decideExtension', 'reclassify', 'forwardForInformation', 'urge']);
    assert.deepEqual(extensionBeyondCap().allowed('dispatcher'), ['reclassify', 'forwardForInformation', 'urge'], 'beyond the cap only a supervisor decides');
    assert.ok(extensionBeyondCap().allowed('supervisor').includes('decideExtension'));
    assert.deepEqual(subResultUp().allowed('supervisor'), ['reclassify', 'suspend', 'forwardForInformation', 'attachLeaderInstruction', 'urge', 'supervise', 'overrideDeadline'], 'a sub-unit’s result is not the case’s');
    assert.deepEqual(extensionPending().allowed('supervisor').includes('suspend'), false, 'not while an extension waits');
    assert.deepEqual(resultSubmitted().allowed('dispatcher'), ['forwardForInformation', 'urge'], 'no reclassification once the result is up');
    assert.deepEqual(unitApproved().allowed('dispatcher'), ['review', 'forwardForInformation', 'urge']);
    assert.deepEqual(callback().allowed('dispatcher'), ['forwardForInformation', 'recordCallback', 'close']);
    assert.deepEqual(callback().allowed('operator'), ['recordCallback']);
    assert.deepEqual(awaitingDecision().allowed('dispatcher'), ['forwardForInformation', 'decideUnsatisfied']);
    assert.deepEqual(awaitingDecision().allowed('supervisor'), ['forwardForInformation', 'attachLeaderInstruction', 'overrideDeadline', 'decideUnsatisfied'], 'the decision clock is a clock too');
    assert.deepEqual(awaitingDecision().allowed('operator'), []);
    assert.deepEqual(closed().allowed('operator'), ['requestReReview']);
    assert.deepEqual(closed().allowed('citizen'), ['requestReReview']);
    assert.deepEqual(closed().allowed('dispatcher'), []);
    assert.deepEqual(reReview().allowed('supervisor'), ['forwardForInformation', 'attachLeaderInstruction', 'overrideDeadline', 'decideReReview'], 'the re-review window is a clock too');
  });

  it('offers only resume (and what moves no clock, naming a handler included) while suspended, and suspension beyond the approval threshold to supervisors only', () => {
    assert.deepEqual(suspended().allowed('dispatcher'), ['resume', 'forwardForInformation']);
    assert.deepEqual(suspended().allowed('supervisor'), ['resume', 'forwardForInformation', 'attachLeaderInstruction']);
    assert.deepEqual(suspended().allowed('leadLeader'), ['submitResult', 'recordContact', 'assignHandler', 'resume']);
    assert.deepEqual(suspended().allowed('leadHandler'), ['submitResult', 'recordContact', 'assignHandler']);
    assert.deepEqual(suspended().allowed('assistHandler'), ['submitAssistOpinion', 'assignHandler']);
    assert.deepEqual(signed().allowed('leadLeader'), ['subDispatch', 'requestReturn', 'requestExtension', 'submitResult', 'recordContact', 'assignHandler', 'suspend']);
    assert.equal(afterLongSuspension().state.suspendedWorkingDays, 6);
    assert.deepEqual(afterLongSuspension().allowed('dispatcher'), ['reclassify', 'forwardForInformation', 'urge'], 'six working days used: beyond five only a supervisor suspends');
    assert.deepEqual(afterLongSuspension().allowed('leadLeader').includes('suspend'), false);
    assert.ok(afterLongSuspension().allowed('supervisor').includes('suspend'));
  });

  it('offers each unit its own part: sign for, then handle; the assisting unit its opinion; the sub-unit its result', () => {
    assert.deepEqual(dispatched().allowed('leadHandler'), ['signFor', 'requestReturn', 'recordContact', 'assignHandler']);
    assert.deepEqual(dispatched().allowed('assistHandler'), ['signFor', 'assignHandler']);
    assert.deepEqual(dispatched().allowed('otherUnitHandler'), []);
    assert.deepEqual(signed().allowed('leadHandler'), ['subDispatch', 'requestReturn', 'requestExtension', 'submitResult', 'recordContact', 'assignHandler']);
    assert.deepEqual(signed().allowed('assistHandler'), ['submitAssistOpinion', 'assignHandler']);
    assert.deepEqual(extensionPending().allowed('leadHandler'), ['subDispatch', 'requestReturn', 'recordContact', 'assignHandler'], 'no result and no second request while an extension waits');
    assert.deepEqual(windowClosed().allowed('leadHandler'), ['subDispatch', 'requestExtension', 'submitResult', 'recordContact', 'assignHandler'], 'no return after the window');
    assert.deepEqual(subDispatched().allowed('subUnitHandler'), ['signFor', 'assignHandler']);
    assert.deepEqual(subDispatched().allowed('leadHandler'), ['subDispatch', 'requestExtension', 'recordContact', 'assignHandler'], 'the lead may add sub-units');
    assert.deepEqual(subResultUp().allowed('leadHandler'), ['subDispatch', 'reviewSubResult', 'requestExtension', 'recordContact', 'assignHandler']);
    assert.deepEqual(resultSubmitted().allowed('leadHandler'), ['recordContact', 'assignHandler']);
    assert.deepEqual(resultSubmitted().allowed('leadLeader'), ['unitApprove', 'recordContact', 'assignHandler']);
    assert.deepEqual(returnRequested().allowed('leadHandler'), ['recordContact', 'assignHandler'], 'the lead signs again only once the return is decided');
    assert.deepEqual(subResultUp().allowed('subUnitHandler'), ['assignHandler'], 'a sub-unit’s part goes on until the lead unit accepts its result');
    assert.deepEqual(callback().allowed('leadLeader'), [], 'a completed assignment takes no handler');
  });

  it('offers a supervision notice’s reply to its unit, and the reply’s evaluation to the office', () => {
    assert.ok(supervised().allowed('leadHandler').includes('answerSupervision'));
    assert.ok(supervised().allowed('leadLeader').includes('answerSupervision'));
    assert.deepEqual(supervised().allowed('assistHandler'), ['submitAssistOpinion', 'assignHandler'], 'the notice went to the lead unit');
    assert.ok(!supervised().allowed('dispatcher').includes('evaluateSupervisionAnswer'), 'nothing to evaluate before the reply');
    assert.ok(!supervisionAnswered().allowed('leadHandler').includes('answerSupervision'), 'answered once');
    assert.deepEqual(supervisionAnswered().allowed('dispatcher'), ['reclassify', 'suspend', 'forwardForInformation', 'urge', 'evaluateSupervisionAnswer']);
    assert.deepEqual(supervisionAnswered().allowed('supervisor'), ['reclassify', 'suspend', 'forwardForInformation', 'attachLeaderInstruction', 'urge', 'supervise', 'evaluateSupervisionAnswer', 'overrideDeadline']);
  });

  it('answers nothing for a finished case, and nothing to those who only read', () => {
    for (const actor of Object.keys(actors) as ActorName[]) assert.deepEqual(rejected().allowed(actor), [], actor);
    for (const [name, prepare] of Object.entries(STATES)) {
      const run = prepare();
      assert.deepEqual([run.allowed('auditor'), run.allowed('admin')], [[], []], name);
    }
  });

  it("tries inputs that are their schema's output, since it decides them without parsing", () => {
    let tried = 0;
    for (const [name, prepare] of Object.entries(STATES)) {
      const run = prepare();
      for (const actorName of Object.keys(actors) as ActorName[]) {
        for (const command of COMMAND_NAMES) {
          for (const input of probeInputs(command, run.state, actors[actorName], run.ctx())) {
            assert.deepEqual(commandInputs[command].parse(input), input, `${name} × ${command} × ${actorName}`);
            tried++;
          }
        }
      }
    }
    assert.ok(tried > COMMAND_NAMES.length, `only ${tried} inputs tried`);
  });

  it('agrees with decide in every state, for every user and command', () => {
    let listed = 0;
    for (const [name, prepare] of Object.entries(STATES)) {
      const run = prepare();
      for (const actorName of Object.keys(actors) as ActorName[]) {
        const allowed = run.allowed(actorName);
        for (const command of COMMAND_NAMES) {
          const cell = `${name} × ${command} × ${actorName}`;
          let refusal: CommandRefusal | null = null;
          try {
            decide(run.state, command, sampleInput(command, run.state, run.now, actors[actorName]), actors[actorName], run.ctx());
          } catch (error) {
            if (!(error instanceof CommandRefusal)) throw error;
            refusal = error;
          }
          if (allowed.includes(command)) {
            listed++;
            assert.ok(refusal === null || refusal.code === 'invalidInput', `${cell} is listed but decide refuses it: ${refusal?.message}`);
          } else {
            assert.ok(refusal !== null && refusal.code !== 'invalidInput', `${cell} is not listed but decide ${refusal ? `refuses it only for its input: ${refusal.message}` : 'accepts it'}`);
          }
        }
      }
    }
    assert.ok(listed > 60, `only ${listed} cells listed`);
  });
});
