// Messages of the petition workflow, defined once for the workflow, the API and the tests.
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { COMMAND_NAMES, type CommandName } from '../../rules/lifecycle/commands';
import type { Actor, CommandAnswer, CommandRequest, PetitionState } from './types';

export const getStateQuery = defineQuery<PetitionState>('getState');

/** The commands this user could give the case now (rules/lifecycle/allowedCommands.ts), as of the workflow's time. */
export const allowedCommandsQuery = defineQuery<CommandName[], [Actor]>('allowedCommands');

/** An admin changed the working-day calendar or the policies: reload and recompute. */
export const rulesChangedSignal = defineSignal('rulesChanged');

/** One Update per human command; each answers with the case's new state. */
export const commandUpdates = Object.fromEntries(COMMAND_NAMES.map((name) => [name, defineUpdate<CommandAnswer, [CommandRequest]>(name)])) as {
  [C in CommandName]: UpdateDefinition<CommandAnswer, [CommandRequest]>;
};
