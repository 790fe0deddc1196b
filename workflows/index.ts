// Everything the worker bundles as workflow code: deterministic only (no I/O, no clock).
export { assistWorkflow } from './assist/workflow';
export { callbackWorkflow } from './callback/workflow';
export { petitionWorkflow } from './petition/workflow';
export { rulesBroadcastWorkflow } from './rulesBroadcast/workflow';
export { smsDeliveryWorkflow } from './sms/workflow';
export { pollCampaignWorkflow } from './poll/workflow';
