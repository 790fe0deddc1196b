// Everything the worker bundles as workflow code: deterministic only (no I/O, no clock).
export { petitionWorkflow } from './petition/workflow';
