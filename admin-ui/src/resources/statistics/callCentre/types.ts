// The answer of GET /api/statistics/call-centre as the console reads it: the server's own types
// (statistics/callCentre.ts), with dates as the strings JSON carries.
import type { CallCentreResult as ServerCallCentreResult } from '../../../../../statistics/callCentre';
import type { CallCentreTableName } from '../../../../../statistics/export/callCentreTable';
import type { Json } from '../../../shell/providers/json';

export type CallCentreResult = Json<ServerCallCentreResult>;
export type CallFigures = CallCentreResult['totals'];
export type OperatorFigures = CallCentreResult['operators'][number];

/** The tables the export offers (?table=). */
export type { CallCentreTableName };
