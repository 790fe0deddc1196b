// The bare-Temporal baseline: the least a case's start costs the engine. One Update answered,
// then a timer left pending, like a dispatched case waiting on its deadlines.
import { condition, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

export const answerUpdate = defineUpdate<string, [string]>('answer');

export async function bareWorkflow(): Promise<void> {
  let answered = false;
  setHandler(answerUpdate, (text) => {
    answered = true;
    return text;
  });
  await condition(() => answered);
  await sleep('30 days');
}
