// The answer of GET /api/statistics/call-centre (statistics/callCentre.ts).

export interface CallFigures {
  received: number;
  offered: number;
  answered: number;
  abandoned: number;
  toVoicemail: number;
  answerRate: number | null;
  abandonRate: number | null;
  avgWaitSec: number | null;
  avgTalkSec: number | null;
}

export interface OperatorFigures {
  userId: string;
  username: string;
  displayName: string;
  callsTaken: number;
  casesRegistered: number;
  callsWithCase: number;
  avgTalkSec: number | null;
  avgHandlingSec: number | null;
}

export interface CallCentreResult {
  from: string;
  to: string;
  totals: CallFigures;
  byHour: (CallFigures & { hour: number })[];
  byDay: (CallFigures & { date: string })[];
  operators: OperatorFigures[];
}

export type CallCentreTableName = 'days' | 'hours' | 'operators';
