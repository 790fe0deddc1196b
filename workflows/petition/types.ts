// Plain data shared by the petition workflow, its activities and the API.
import type { LifecycleSettings, ModePolicies } from '../../rules/lifecycle/clocks';
import type { Actor, Channel, PetitionState, Urgency } from '../../rules/lifecycle/types';
import type { ClockPolicies } from '../../rules/policies';
import type { WorkingCalendar } from '../../rules/workingCalendar';

export type { Actor, Channel, PetitionState, Urgency };

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
  /** WGS-84 position of the place concerned, when the channel gives one (web map, Open311). */
  latitude?: number | null;
  longitude?: number | null;
  /** When the hotline received the request (ISO 8601). */
  receivedAt: string;
  /** The citizen agreed that the result may be published, redacted (absent on older cases: no). */
  publishConsent?: boolean;
  /** 保密: identity withheld from units, out of every public list (absent on older cases: no). */
  confidential?: boolean;
  /** 回避: the unit complained about, which does not receive the citizen's words (absent: none). */
  complainedUnitId?: string | null;
  registeredBy: Actor;
  /** argon2 hash of the query password given to the citizen (never the password itself). */
  queryPasswordHash?: string | null;
  /** The query password sealed for the receipt SMS (lib/citizenAccess/sealedSecrets.ts): the
   * history never holds it in clear. Absent on cases registered before receipts were sent. */
  sealedQueryPassword?: string | null;
}

/** Everything the rules need that lives in the database, loaded by an activity. */
export interface CaseRules {
  categoryLineage: string[];
  policies: ClockPolicies;
  /** The policies of a dispatch by phone or in writing (absent from rules loaded before modes existed). */
  modePolicies?: ModePolicies;
  settings: LifecycleSettings;
  calendar: WorkingCalendar;
}

export interface PetitionInput {
  registration: Registration;
  /** Set when the workflow continues as new: the state and rules it had. */
  carried?: { state: PetitionState; rules: CaseRules; delegateAssists: boolean; delegateCallbacks: boolean; subDispatchTree?: boolean };
}

/** A command's answer: the new state, marked when its projection is still pending (a stuck write). */
export type CommandAnswer = PetitionState & { projectionPending?: true };

/** What a command (Update) sends: the validated body and the authenticated actor. */
export interface CommandRequest {
  input: unknown;
  actor: Actor;
}
