// The closed vocabularies of a case, as the API (Prisma enums) names them.
export const CASE_STATUSES = [
  'registered', 'answeredDirectly', 'rejected', 'merged', 'dispatched', 'returnRequested', 'arbitration', 'signed',
  'subDispatched', 'resultSubmitted', 'unitApproved', 'callback', 'closed', 'reReview', 'archived',
] as const;

export const CHANNELS = ['phone', 'sms', 'web', 'email', 'letter', 'wechat', 'open311', 'walkIn'] as const;

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
