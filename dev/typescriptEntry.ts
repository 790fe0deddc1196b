// How scripts, tests and benches start one of the app's TypeScript entry points (worker, API,
// local Twilio …) as a process of its own: tsx as a loader, not its CLI (which forks again), so
// the child's pid and signals are the program's; and only on the main thread (tsxOnMainThread.mjs).
import path from 'node:path';
import { PROJECT_ROOT } from '../config/build';

const LOADER = path.join(PROJECT_ROOT, 'dev', 'tsxOnMainThread.mjs');

/** `node` arguments that run `entry` (a path from the project's root), after any of `nodeOptions`. */
export const typescriptEntryArgs = (entry: string, nodeOptions: readonly string[] = []): string[] => [...nodeOptions, '--import', LOADER, entry];
