// Every setting the system reads, validated once at start-up. The README's configuration table
// mirrors this file; keep them together.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { parsePayloadKeys, type PayloadKey } from '../lib/payloadCodec';
import { PROJECT_ROOT } from './build';

export { PROJECT_ROOT };

/** Values that ship in the repository for demos; refused when NODE_ENV=production. */
export const DEMO_SECRETS = {
  JWT_SECRET: 'demo-only-jwt-secret-change-me-0123456789',
  TWILIO_AUTH_TOKEN: 'demo-only-twilio-auth-token',
  PUBLIC_LINK_SECRET: 'demo-only-public-link-secret-change-me-0123',
  /** Ed25519 private key (PKCS#8 DER, base64) that signs the audit checkpoints. */
  AUDIT_CHECKPOINT_KEY: 'MC4CAQAwBQYDK2VwBCIEIEFhIpfsJGpgh57rv5xbJECdaKFJSLEij7wQhH18+ZT2',
  /** A key derived from a public string: it hides nothing from whoever reads this file. */
  TEMPORAL_PAYLOAD_KEYS: `demo:${createHash('sha256').update('demo-only-temporal-payload-key').digest('base64')}`,
} as const;

/** A demo value; a city sets its own web domain, as the Open311 spec suggests. */
export const DEFAULT_OPEN311_JURISDICTION_ID = '12345.example.gov.cn';
export const DEFAULT_OPEN311_POSTS_PER_MINUTE = 30;
export const DEFAULT_OPEN311_READS_PER_MINUTE = 60;
export const DEFAULT_PUBLIC_LOOKUPS_PER_MINUTE = 20;
export const DEFAULT_PUBLIC_SUBMISSIONS_PER_HOUR = 10;

const port = z.coerce.number().int().min(1).max(65535);

/** An OTLP/HTTP endpoint: the collector's http(s) URL (OTLP over gRPC is not what the exporter speaks). */
const otlpUrl = z
  .string()
  .trim()
  .refine((raw) => URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol), 'must be an http:// or https:// URL, e.g. http://otel-collector:4318');

/** Express's 'trust proxy' as TRUST_PROXY gives it: a hop count, or addresses, CIDR ranges and proxy-addr's names. */
export type TrustProxy = number | string[];

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function validProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: whose X-Forwarded-For names the client (and so what every per-address limit
 * counts). A number of proxy hops in front of the API, or a comma-separated list of the proxies'
 * addresses and CIDR ranges and the names loopback, linklocal, uniquelocal. "true" (believe any
 * peer) is refused: every client could then pick its own address.
 */
export const trustProxySetting = z
  .string()
  .trim()
  .default('loopback')
  .transform((raw, ctx): TrustProxy => {
    if (/^\d+$/.test(raw)) {
      const hops = Number(raw);
      if (hops > 10) ctx.addIssue({ code: 'custom', message: 'at most 10 proxy hops' });
      return hops;
    }
    const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    const invalid = entries.filter((entry) => !validProxyEntry(entry));
    if (entries.length === 0 || invalid.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `a hop count (e.g. 1) or a comma-separated list of proxy addresses, CIDR ranges, loopback, linklocal or uniquelocal${invalid.length > 0 ? `; not understood: ${invalid.join(', ')}` : ''}`,
      });
      return z.NEVER;
    }
    return entries;
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default(path.join(PROJECT_ROOT, '.data')),

  /** The application's role (API, worker): rights on the data only, never on the audit rows' history. */
  DATABASE_URL: z.string().url().optional(),
  /** The role that owns the schema: migrations and seeds run as it (docs/security.md); defaults to DATABASE_URL. */
  DATABASE_OWNER_URL: z.string().url().optional(),
  LOCAL_PG_PORT: port.default(54329),

  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('petitions'),
  /**
   * TLS to the Temporal frontend (config/temporal.ts): on with `true`, a client certificate
   * pair, a CA, a server name or an API key; `false` with any of those is refused.
   */
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  /** The CA that signed the frontend's certificate (a city's private CA); default: the system's CAs. */
  TEMPORAL_TLS_CA_PATH: z.string().min(1).optional(),
  /** The name the frontend's certificate carries, when it differs from TEMPORAL_ADDRESS's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  /**
   * Keys of the Temporal payload encryption (lib/payloadCodec.ts): "<id>:<base64 of 32 bytes>",
   * comma-separated; the first encrypts, every one decrypts (rotation: put the new key first).
   */
  TEMPORAL_PAYLOAD_KEYS: z
    .string()
    .default(DEMO_SECRETS.TEMPORAL_PAYLOAD_KEYS)
    .transform((raw, ctx) => {
      try {
        parsePayloadKeys(raw);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
      return raw;
    }),
  /** Cases a worker keeps in memory (under 1 MiB each); others are replayed when they wake. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(200),
  /** V8 heap limit of the worker's workflow thread, where the cached cases live (worker/workflowHeap.ts). */
  WORKER_WORKFLOW_HEAP_MB: z.coerce.number().int().min(128).default(512),
  /**
   * Threads the worker runs its cached cases in; the cache is shared out among them, and each has
   * the heap limit above. Two by default: while one collects its heap the other goes on (what a
   * second thread buys and costs: docs/performance.md, "Two workflow threads").
   */
  WORKER_WORKFLOW_THREADS: z.coerce.number().int().min(1).max(8).default(2),
  /**
   * `host:port` where the worker serves Prometheus metrics at /metrics (the SDK's own: task
   * latencies, schedule-to-start, slots, sticky cache, polls); unset: none.
   */
  WORKER_METRICS_ADDRESS: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:9464').optional(),
  /** Where the worker also writes its memory report on SIGUSR2 (worker/heapReport.ts). */
  HEAP_REPORT_FILE: z.string().min(1).optional(),
  /**
   * Which Temporal `npm start` runs when TEMPORAL_ADDRESS is unset: `dev`, the single-process dev
   * server on SQLite (with its web UI); `cluster`, Temporal's own server built from source, on
   * the project's local PostgreSQL (scripts/services/temporalCluster.ts).
   */
  TEMPORAL_MODE: z.enum(['dev', 'cluster']).default('dev'),
  LOCAL_TEMPORAL_PORT: port.default(7233),
  LOCAL_TEMPORAL_UI_PORT: port.default(8233),

  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: port.default(3000),
  /**
   * `host:port` where the API serves its Prometheus metrics at /metrics (api/metrics: requests by
   * route, intakes by channel, open cases, stuck steps, SMS and calls), never on API_PORT; unset: none.
   */
  API_METRICS_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:9465')
    .refine((address) => Number(address.slice(address.lastIndexOf(':') + 1)) <= 65535, 'the port must be at most 65535')
    .optional(),
  /** Where citizens reach the API (links sent by SMS, webhooks); required in production. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** HMAC secret of the signed links sent to citizens (survey, re-review), ≥ 32 characters. */
  PUBLIC_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEMO_SECRETS.PUBLIC_LINK_SECRET),
  /** Origins of consoles served elsewhere that may call /api and /auth (comma-separated); none by default. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((raw) => raw.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
    .pipe(z.array(z.url({ message: 'a comma-separated list of origins, e.g. https://console.example.gov.cn' }))),
  /** Origins of the Temporal web UI that may call the codec server (/codec); default: the local dev server's UI (none in production). */
  TEMPORAL_UI_ORIGINS: z
    .string()
    .optional()
    .transform((raw) => raw?.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
    .pipe(z.array(z.url({ message: 'a comma-separated list of origins, e.g. https://temporal-ui.example.gov.cn' })).optional()),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEMO_SECRETS.JWT_SECRET),
  /** Ceiling of an access token's lifetime (≤ 3600); the rule setting session.accessTtlSeconds may only lower it. */
  JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().min(60).max(3600, 'at most 3600 (one hour): sessions must end soon after an account changes').default(900),
  /** The jurisdiction_id Open311 clients name (the city's web domain, by the spec's suggestion). */
  OPEN311_JURISDICTION_ID: z.string().trim().min(1).default(DEFAULT_OPEN311_JURISDICTION_ID),
  /** Service requests one Open311 API key may submit per minute. */
  OPEN311_POSTS_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_OPEN311_POSTS_PER_MINUTE),
  /** Open311 reads (discovery, services, requests) one address may make per minute. */
  OPEN311_READS_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_OPEN311_READS_PER_MINUTE),
  /** Case lookups and link pages one address may open per minute (/public). */
  PUBLIC_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_PUBLIC_LOOKUPS_PER_MINUTE),
  /** Web petitions one address may post per hour (/public/cases). */
  PUBLIC_SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).default(DEFAULT_PUBLIC_SUBMISSIONS_PER_HOUR),
  /** Which peers' X-Forwarded-For is believed (Express 'trust proxy'); see trustProxySetting. */
  TRUST_PROXY: trustProxySetting,

  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/, 'must look like AC followed by 32 hex digits').default('AC00000000000000000000000000000000'),
  TWILIO_AUTH_TOKEN: z.string().default(DEMO_SECRETS.TWILIO_AUTH_TOKEN),
  /** Where the twilio client sends REST calls; unset with the demo token: the local endpoint. */
  TWILIO_API_BASE_URL: z.string().url().optional(),
  /** The hotline's number: sender of SMS and caller ID of callback calls. */
  TWILIO_FROM_NUMBER: z.string().regex(/^\+[1-9]\d{4,14}$/, 'an E.164 number, e.g. +8653112345').default('+8653112345'),
  /** Port of the local Twilio-compatible endpoint `npm start` runs when no Twilio account is configured. */
  LOCAL_TWILIO_PORT: port.default(3010),

  /**
   * Audit checkpoints (docs/security.md, "Anchored audit trail"): the worker signs the chain heads
   * with this Ed25519 key (PKCS#8 DER, base64, or PEM), which the database never sees, and appends
   * them to AUDIT_CHECKPOINT_FILE and the log; `npm run audit:verify` checks the chains against them.
   */
  AUDIT_CHECKPOINT_KEY: z.string().min(1).default(DEMO_SECRETS.AUDIT_CHECKPOINT_KEY),
  /** Public keys (SPKI DER, base64, comma-separated) of earlier signing keys that verification still accepts. */
  AUDIT_CHECKPOINT_PUBLIC_KEYS: z.string().default('').transform((raw) => raw.split(',').map((key) => key.trim()).filter((key) => key !== '')),
  /** Where checkpoints are appended (one JSON line each); defaults to DATA_DIR/audit-checkpoints.jsonl. */
  AUDIT_CHECKPOINT_FILE: z.string().optional(),
  /** Seconds between checkpoints; 0 turns them off. */
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),

  /**
   * Speech-to-text of Media Streams audio: none (the default), or funasr, a self-hosted FunASR
   * runtime's streaming WebSocket service at FUNASR_URL (telephony/transcription/funasr.ts).
   */
  TRANSCRIBER: z.enum(['none', 'funasr']).default('none'),
  /** The FunASR runtime's WebSocket address; wss:// needs a certificate Node trusts (NODE_EXTRA_CA_CERTS for a private CA). */
  FUNASR_URL: z
    .string()
    .refine((raw) => URL.canParse(raw) && /^wss?:$/.test(new URL(raw).protocol), 'must be a ws:// or wss:// URL, e.g. ws://asr.intranet:10095')
    .optional(),
  /** 2pass: live guesses, each sentence corrected when it ends (the runtime's recommended mode); online: live guesses only. */
  FUNASR_MODE: z.enum(['2pass', 'online']).default('2pass'),
  /** Hotwords for the runtime, as it takes them: a JSON object of word → weight, e.g. {"12345":20,"占道经营":30}. */
  FUNASR_HOTWORDS: z
    .string()
    .refine((raw) => {
      try {
        const parsed: unknown = JSON.parse(raw);
        return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((weight) => typeof weight === 'number');
      } catch {
        return false;
      }
    }, 'a JSON object of word → weight, e.g. {"占道经营":30}')
    .optional(),

  /** Where photos, documents and call recordings are kept. */
  ATTACHMENT_STORE: z.enum(['disk', 's3']).default('disk'),
  /** Folder of the disk store; defaults to DATA_DIR/attachments. */
  ATTACHMENT_DIR: z.string().optional(),
  /** Ceiling of one uploaded file; the rule setting attachment.maxBytes may only lower it. */
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1).max(2 ** 31 - 1, 'at most 2147483647 (2 GiB)').default(50 * 1024 * 1024),
  /** An S3-compatible service (MinIO, Ceph, a cloud's object storage); unset means AWS. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style URLs (endpoint/bucket/key), which most self-hosted services need. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),

  /**
   * Traces (config/tracing.ts), OpenTelemetry's own variables: on only when an OTLP/HTTP
   * endpoint is set. The traces URL as given, or the base URL to which /v1/traces is added.
   */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl.optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl.optional(),
  /** service.name of the spans; default hotline-api or hotline-worker. */
  OTEL_SERVICE_NAME: z.string().trim().min(1).optional(),
});

export type Env = z.infer<typeof schema> & {
  databaseUrl: string;
  databaseOwnerUrl: string;
  temporalAddress: string;
  attachmentDir: string;
  auditCheckpointFile: string;
  /** Base URL of the Twilio REST API in use; undefined means Twilio's cloud. */
  twilioApiBaseUrl: string | undefined;
  /** True when no Twilio account is configured: the local endpoint stands in for Twilio's cloud. */
  twilioIsLocal: boolean;
  /** TEMPORAL_UI_ORIGINS, or the local Temporal UI's origins outside production. */
  temporalUiOrigins: string[];
  /** TEMPORAL_PAYLOAD_KEYS parsed: the first encrypts. */
  temporalPayloadKeys: PayloadKey[];
  /** Where spans are sent (OTLP/HTTP); undefined: no tracing at all. */
  otlpTracesUrl: string | undefined;
};

export class ConfigError extends Error {}

/** Roles of the project-local cluster: its superuser (initdb), the schema's owner, the application. */
export const LOCAL_ROLES = { superuser: 'hotline', owner: 'hotline_owner', app: 'hotline_app' } as const;

export function localDatabaseUrl(port: number, database = 'hotline', role: string = LOCAL_ROLES.superuser): string {
  return `postgresql://${role}@127.0.0.1:${port}/${database}`;
}

/** The base of absolute URLs given to citizens: PUBLIC_BASE_URL, or the local API. */
export function publicBaseUrl(env: Pick<Env, 'PUBLIC_BASE_URL' | 'API_HOST' | 'API_PORT'>): string {
  return (env.PUBLIC_BASE_URL ?? `http://${env.API_HOST}:${env.API_PORT}`).replace(/\/+$/, '');
}

/** The demo payload key among the keys, even as a decrypt-only one (it would accept forged payloads). */
function holdsDemoPayloadKey(raw: string): boolean {
  const [demo] = parsePayloadKeys(DEMO_SECRETS.TEMPORAL_PAYLOAD_KEYS);
  return parsePayloadKeys(raw).some(({ key }) => key.equals(demo!.key));
}

/** The demo secrets this configuration still uses (their names). */
export function demoSecretsInUse(env: Pick<Env, keyof typeof DEMO_SECRETS>): (keyof typeof DEMO_SECRETS)[] {
  return (Object.keys(DEMO_SECRETS) as (keyof typeof DEMO_SECRETS)[]).filter((key) => (key === 'TEMPORAL_PAYLOAD_KEYS' ? holdsDemoPayloadKey(env[key]) : env[key] === DEMO_SECRETS[key]));
}

/** Whether a listen address is this machine only: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\./.test(bare)) return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/**
 * The demo secrets ship in the repository, so anyone can sign tokens, forge Twilio webhooks and
 * links with them: outside production they are allowed only while the API listens on loopback
 * (production refuses them in loadEnv). Throws ConfigError naming what to set.
 */
export function refuseDemoSecretsOffLoopback(env: Pick<Env, keyof typeof DEMO_SECRETS | 'API_HOST'>): void {
  if (isLoopbackHost(env.API_HOST)) return;
  const demo = demoSecretsInUse(env);
  if (demo.length > 0) {
    throw new ConfigError(`refusing to listen on ${env.API_HOST} with the demo secrets (they are public): set ${demo.join(', ')}, or listen on 127.0.0.1 (API_HOST)`);
  }
}

/**
 * A combination of the Temporal TLS settings that cannot be what was meant: half a certificate
 * pair (TLS would silently go without the client certificate), or TLS turned off beside
 * settings that only TLS uses.
 */
function temporalTlsProblem(env: z.infer<typeof schema>): string | null {
  if (Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH)) {
    return `${env.TEMPORAL_TLS_CERT_PATH ? 'TEMPORAL_TLS_KEY_PATH' : 'TEMPORAL_TLS_CERT_PATH'}: required with ${env.TEMPORAL_TLS_CERT_PATH ? 'TEMPORAL_TLS_CERT_PATH' : 'TEMPORAL_TLS_KEY_PATH'} (the client certificate and its key go together)`;
  }
  if (env.TEMPORAL_TLS === 'false') {
    const tlsOnly = (['TEMPORAL_TLS_CA_PATH', 'TEMPORAL_TLS_SERVER_NAME', 'TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_API_KEY'] as const).filter((key) => env[key]);
    if (tlsOnly.length > 0) return `TEMPORAL_TLS: false, but ${tlsOnly.join(', ')} ${tlsOnly.length > 1 ? 'are' : 'is'} set, which only TLS uses: remove ${tlsOnly.length > 1 ? 'them' : 'it'} or TEMPORAL_TLS`;
  }
  return null;
}

/** As OpenTelemetry's exporters read the two variables: the traces one as is, the base one plus /v1/traces. */
function otlpTracesUrl(env: Pick<z.infer<typeof schema>, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'OTEL_EXPORTER_OTLP_ENDPOINT'>): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`invalid configuration:\n${problems}`);
  }
  const env = parsed.data;
  if (env.ATTACHMENT_STORE === 's3' && !env.S3_BUCKET) throw new ConfigError('invalid configuration:\n  S3_BUCKET: required when ATTACHMENT_STORE=s3');
  if (env.TRANSCRIBER === 'funasr' && !env.FUNASR_URL) throw new ConfigError('invalid configuration:\n  FUNASR_URL: required when TRANSCRIBER=funasr');
  const tlsProblem = temporalTlsProblem(env);
  if (tlsProblem) throw new ConfigError(`invalid configuration:\n  ${tlsProblem}`);
  // The local cluster keeps its stores on the local PostgreSQL, which DATABASE_URL replaces.
  if (env.TEMPORAL_MODE === 'cluster' && !env.TEMPORAL_ADDRESS && env.DATABASE_URL) {
    throw new ConfigError('invalid configuration:\n  TEMPORAL_MODE: cluster runs Temporal\'s server on the local PostgreSQL, and DATABASE_URL names another: set TEMPORAL_ADDRESS to your own cluster, or unset DATABASE_URL');
  }
  if (env.NODE_ENV === 'production') {
    const demo = demoSecretsInUse(env);
    if (demo.length > 0) {
      throw new ConfigError(`refusing to start in production with demo secrets: set ${demo.join(', ')}`);
    }
    // Links in SMS must point where citizens can reach, not at a loopback default.
    if (!env.PUBLIC_BASE_URL) throw new ConfigError('refusing to start in production without PUBLIC_BASE_URL (links sent to citizens need it)');
  }
  // The demo token can only be the local endpoint's: Twilio's cloud would refuse it.
  const twilioIsLocal = !env.TWILIO_API_BASE_URL && env.TWILIO_AUTH_TOKEN === DEMO_SECRETS.TWILIO_AUTH_TOKEN;
  return {
    ...env,
    databaseUrl: env.DATABASE_URL ?? localDatabaseUrl(env.LOCAL_PG_PORT, 'hotline', LOCAL_ROLES.app),
    databaseOwnerUrl: env.DATABASE_OWNER_URL ?? env.DATABASE_URL ?? localDatabaseUrl(env.LOCAL_PG_PORT, 'hotline', LOCAL_ROLES.owner),
    temporalAddress: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.LOCAL_TEMPORAL_PORT}`,
    attachmentDir: env.ATTACHMENT_DIR ?? path.join(env.DATA_DIR, 'attachments'),
    auditCheckpointFile: env.AUDIT_CHECKPOINT_FILE ?? path.join(env.DATA_DIR, 'audit-checkpoints.jsonl'),
    twilioApiBaseUrl: env.TWILIO_API_BASE_URL ?? (twilioIsLocal ? `http://127.0.0.1:${env.LOCAL_TWILIO_PORT}` : undefined),
    twilioIsLocal,
    temporalPayloadKeys: parsePayloadKeys(env.TEMPORAL_PAYLOAD_KEYS),
    otlpTracesUrl: otlpTracesUrl(env),
    temporalUiOrigins: env.TEMPORAL_UI_ORIGINS ?? (env.NODE_ENV === 'production' ? [] : [`http://127.0.0.1:${env.LOCAL_TEMPORAL_UI_PORT}`, `http://localhost:${env.LOCAL_TEMPORAL_UI_PORT}`]),
  };
}
