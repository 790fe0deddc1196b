// The requests of a case still waiting for the office's decision.
import type { CaseExtensionRequest, CaseRecord, CaseReturnRequest } from '../../resources/cases/types';

export const pendingReturn = (record: CaseRecord): CaseReturnRequest | undefined =>
  record.returnRequests?.find((request) => request.decision === 'pending');

export const pendingExtension = (record: CaseRecord): CaseExtensionRequest | undefined =>
  record.extensionRequests?.find((request) => request.decision === 'pending');

/** The result up for review: the latest one. */
export const latestResult = (record: CaseRecord) => record.results?.at(-1);
