// Numbers and stamps decided events, and folds them into the state.
import { evolve } from './evolve';
import type { Actor, PetitionEvent, PetitionEventData, PetitionState } from './types';

export function stampEvents(state: PetitionState, data: PetitionEventData[], actor: Actor, at: number, reason: string | null): PetitionEvent[] {
  return data.map((event, index) => ({ ...event, seq: state.seq + index + 1, at, actor, reason }) as PetitionEvent);
}

export function applyEvents(state: PetitionState, events: PetitionEvent[]): PetitionState {
  return events.reduce(evolve, state);
}
