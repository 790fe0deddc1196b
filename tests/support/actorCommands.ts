// Commands over HTTP as the prepared actors of tests/support/lifecycle.ts, against one API:
// the bearer header for an actor, a command's raw response, and a command that must be taken.
import assert from 'node:assert/strict';
import type { PetitionState } from '../../rules/lifecycle/types';
import { postJson } from './http';
import { actors } from './lifecycle';
import { actorToken } from './sessions';

export type Actor = keyof typeof actors;

/** `apiUrl` is read at each call: a stack's URL is known only once its `before` hook ran. */
export function actorCommands(apiUrl: () => string) {
  const as = (person: Actor) => ({ authorization: `Bearer ${actorToken(actors[person], 300)}` });
  const post = (caseId: string, name: string, body: unknown, person: Actor) => postJson(`${apiUrl()}/api/cases/${caseId}/commands/${name}`, body, as(person));
  /** Runs one command; fails the test unless it is taken (200), and answers the case's new state. */
  const command = async (caseId: string, name: string, body: unknown, person: Actor): Promise<PetitionState> => {
    const response = await post(caseId, name, body, person);
    assert.equal(response.status, 200, `${name} by ${person}: ${JSON.stringify(response.body)}`);
    return response.body as PetitionState;
  };
  return { as, post, command };
}
