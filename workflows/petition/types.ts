// Plain data shared by the petition workflow, its activities and the API.

export type Channel = 'phone' | 'sms' | 'web' | 'email' | 'letter' | 'wechat' | 'open311' | 'walkIn';
export type Urgency = 'normal' | 'urgent' | 'emergency';
export type CaseStatus = 'registered';

/** Who did something: every transition is recorded with this. */
export interface Actor {
  id: string;
  role: string;
  unitId: string | null;
}

export interface Registration {
  caseId: string;
  channel: Channel;
  caseTypeCode: string;
  categoryId: string | null;
  urgency: Urgency;
  title: string;
  content: string;
  citizenName: string | null;
  citizenPhone: string | null;
  address: string | null;
  /** When the hotline received the request (ISO 8601); clocks count from here. */
  receivedAt: string;
  registeredBy: Actor;
}

export interface PetitionState {
  caseId: string;
  status: CaseStatus;
  registeredAt: string;
  /** Sequence of the last transition; the projection keeps the newest only. */
  version: number;
}
