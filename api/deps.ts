// What the API is made of: the services and settings createApp assembles its routers from.
// A file of its own so that routers can name it without importing the app that imports them.
import type { Tracer } from '@opentelemetry/api';
import type { Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { TrustProxy } from '../config/env';
import type { Logger } from '../config/logger';
import type { PrismaClient } from '../prisma/client';
import type { AttachmentStore } from '../storage/attachmentStore';
import type { TelephonyDeps } from '../telephony/deps';
import type { ReportSources } from '../statistics/report/reportData';
import type { PublicFormLimits } from './public/formCaps';
import type { ApiMetrics } from './metrics/apiMetrics';

export interface AppDeps {
  prisma: PrismaClient;
  temporal: Connection;
  namespace: string;
  /** Payload encryption of every Temporal client the API makes (config/temporal.ts temporalDataConverter). */
  dataConverter: DataConverter;
  /** Task queue the petition workflows run on. */
  taskQueue: string;
  log: Logger;
  jwtSecret: string;
  accessTtlSeconds: number;
  version: string;
  /** Where attachments' bytes are kept (storage/createAttachmentStore.ts). */
  attachmentStore: AttachmentStore;
  /** Ceiling of one uploaded file (ATTACHMENT_MAX_BYTES); a rule setting may lower it. */
  attachmentMaxBytes: number;
  /** The jurisdiction_id Open311 serves (default: config/env's). */
  open311JurisdictionId?: string;
  /** Open311 service requests allowed per API key and minute (default 30). */
  open311PostsPerMinute?: number;
  /** Public URL of the API for links in documents (Open311 discovery); else taken from the request. */
  publicBaseUrl?: string;
  /** PostgreSQL URL for LISTEN connections (the operators' live call feed); without it the feed answers 503. */
  databaseUrl?: string;
  /** Twilio: the account's auth token (checks webhook signatures) and the REST client. */
  twilio: TelephonyDeps;
  /** PUBLIC_LINK_SECRET: verifies the links sent to citizens, seals the receipt's password. */
  publicLinkSecret: string;
  /** Public case lookups (and link pages) allowed per address and minute (default 20). */
  publicLookupsPerMinute?: number;
  /** Web petitions allowed per address and hour (default 10). */
  publicSubmissionsPerHour?: number;
  /** Open311 reads (discovery, services, requests) allowed per address and minute (default 60). */
  open311ReadsPerMinute?: number;
  /** Overrides the rule setting publicForm.limits (the web form's caps), e.g. for benches. */
  publicFormLimits?: Partial<PublicFormLimits>;
  /**
   * Prefix of the shared rate-limit counters' keys and of the web form's caps (default ''): API
   * processes with the same scope count together. Tests give each API started its own.
   */
  rateLimitScope?: string;
  /** Express's 'trust proxy' (TRUST_PROXY): which peers' X-Forwarded-For names the client; default loopback. */
  trustProxy?: TrustProxy;
  /** Origins allowed to call /api and /auth from a browser (CORS); the console served here needs none. */
  corsOrigins?: string[];
  /** Origins of the Temporal web UI allowed to call the codec server (/codec) from a browser. */
  temporalUiOrigins?: string[];
  /** Built admin console; served at / when present. */
  adminUiDir?: string;
  /** The citizen pages (plain HTML and JS); served at /citizen/. */
  citizenUiDir?: string;
  /** Where the monthly report reads indicators and assessment (default: statistics/report/reportSources.ts). */
  reportSources?: ReportSources;
  /** How long intake waits for a new case's row before answering 202 instead of 201 (default 10 s). */
  intakeVisibleWithinMs?: number;
  /** How long a case command waits for its workflow's answer before answering 503 (default 15 s; api/cases/routes.ts). */
  commandAnswerWithinMs?: number;
  /** Prometheus metrics (api/metrics): requests and intakes are counted in them; none without. */
  metrics?: ApiMetrics;
  now?: () => Date;
  /** Set when traces are exported (config/tracing.ts): a span per request, trace context carried into Temporal. */
  tracer?: Tracer;
}
