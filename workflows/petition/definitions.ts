// Messages of the petition workflow, defined once for the workflow, the API and the tests.
import { defineQuery } from '@temporalio/workflow';
import type { PetitionState } from './types';

export const getStateQuery = defineQuery<PetitionState>('getState');
