// The case as the API answers it (GET /api/cases and /api/cases/:id): the server's own answer
// types (api/cases/answers.ts), with dates as the ISO strings JSON carries.
import type { CaseDetail, CaseListItem } from '../../../../api/cases/answers';
import type { Json } from '../../shell/providers/json';

type Detail = Json<CaseDetail>;

export type WarningLevel = CaseListItem['warningLevel'];
export type TimeLeft = NonNullable<Json<CaseListItem['timeLeft']>>;
export type CaseAssignment = Detail['assignments'][number];
export type CaseResult = Detail['results'][number];
/** A unit's request to return the case (退回), and the office's decision. */
export type CaseReturnRequest = Detail['returnRequests'][number];
/** A unit's request for more time (延期), and the office's decision. */
export type CaseExtensionRequest = Detail['extensionRequests'][number];
export type RequestDecision = CaseReturnRequest['decision'];
export type CaseCallback = Detail['callbacks'][number];
/** 督办: a supervision notice to a unit, its reply, the reply's deadline and the office's evaluation. */
export type CaseSupervisionNotice = Detail['supervisions'][number];
/** 响应: the lead unit's contact with the citizen, as it recorded it. */
export type CaseContact = Detail['contacts'][number];

/** A case as a list holds it; the case's own read adds the rest (its history and allowed commands). */
export type CaseRecord = Json<CaseListItem> & Partial<Omit<Detail, keyof CaseListItem>>;
