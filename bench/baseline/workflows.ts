// The bare-Temporal baselines: the least the engine's part of a case costs.
import { condition, defineSignal, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

export const answerUpdate = defineUpdate<string, [string]>('answer');

/** A case's start: one Update answered, then a timer left pending, like a dispatched case waiting on its deadlines. */
export async function bareWorkflow(): Promise<void> {
  let answered = false;
  setHandler(answerUpdate, (text) => {
    answered = true;
    return text;
  });
  await condition(() => answered);
  await sleep('30 days');
}

export const moveDeadlineSignal = defineSignal<[number]>('moveDeadline');

/**
 * A case's deadline: waits (a timer pending) until told its instant (epoch milliseconds), as a
 * supervisor's override tells a case, then sleeps until it and closes: one workflow task at the instant.
 */
export async function bareDeadlineWorkflow(): Promise<void> {
  let instant: number | undefined;
  setHandler(moveDeadlineSignal, (at) => {
    instant = at;
  });
  if (!(await condition(() => instant !== undefined, '30 days'))) return;
  await sleep(Math.max(1, instant! - Date.now()));
}
