import assert from 'node:assert/strict';
import { ConfigError, DEMO_SECRETS, loadEnv, publicBaseUrl } from '../../config/env';
import { temporalConnectionOptions } from '../../config/temporal';

const PAYLOAD_KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('configuration', () => {
  it('defaults to the local PostgreSQL cluster and Temporal dev server', () => {
    const env = loadEnv({});
    assert.equal(env.databaseUrl, 'postgresql://hotline_app@127.0.0.1:54329/hotline');
    assert.equal(env.databaseOwnerUrl, 'postgresql://hotline_owner@127.0.0.1:54329/hotline');
    assert.equal(env.temporalAddress, '127.0.0.1:7233');
    assert.equal(env.TEMPORAL_NAMESPACE, 'default');
    assert.equal(env.API_PORT, 3000);
  });

  it('uses external PostgreSQL and Temporal when configured', () => {
    const env = loadEnv({ DATABASE_URL: 'postgresql://app@db.internal:5432/hotline', TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_NAMESPACE: 'hotline-prod' });
    assert.equal(env.databaseUrl, 'postgresql://app@db.internal:5432/hotline');
    assert.equal(env.temporalAddress, 'temporal.internal:7233');
    assert.equal(env.TEMPORAL_NAMESPACE, 'hotline-prod');
  });

  it('runs the local Temporal cluster only on the local PostgreSQL', () => {
    assert.equal(loadEnv({}).TEMPORAL_MODE, 'dev');
    assert.equal(loadEnv({ TEMPORAL_MODE: 'cluster' }).temporalAddress, '127.0.0.1:7233');
    assert.throws(() => loadEnv({ TEMPORAL_MODE: 'cluster', DATABASE_URL: 'postgresql://app@db.internal:5432/hotline' }), (error: Error) => error instanceof ConfigError && /TEMPORAL_MODE: cluster runs Temporal's server on the local PostgreSQL/.test(error.message));
    // With a cluster of its own named, the setting has nothing to start.
    assert.equal(loadEnv({ TEMPORAL_MODE: 'cluster', DATABASE_URL: 'postgresql://app@db.internal:5432/hotline', TEMPORAL_ADDRESS: 'temporal.internal:7233' }).temporalAddress, 'temporal.internal:7233');
    assert.throws(() => loadEnv({ TEMPORAL_MODE: 'swarm' }), /TEMPORAL_MODE/);
    assert.equal(loadEnv({ WORKER_METRICS_ADDRESS: '0.0.0.0:9464' }).WORKER_METRICS_ADDRESS, '0.0.0.0:9464');
    assert.throws(() => loadEnv({ WORKER_METRICS_ADDRESS: '9464' }), /WORKER_METRICS_ADDRESS: must be host:port/);
  });

  it('takes the API\'s metrics address as host:port, and none by default', () => {
    assert.equal(loadEnv({}).API_METRICS_ADDRESS, undefined);
    assert.equal(loadEnv({ API_METRICS_ADDRESS: '10.0.0.5:9465' }).API_METRICS_ADDRESS, '10.0.0.5:9465');
    const refused = (address: string, reason: RegExp) => assert.throws(() => loadEnv({ API_METRICS_ADDRESS: address }), (error: Error) => error instanceof ConfigError && reason.test(error.message));
    refused('9465', /API_METRICS_ADDRESS: must be host:port/);
    refused('http://127.0.0.1:9465/metrics', /API_METRICS_ADDRESS: must be host:port/);
    refused('127.0.0.1:99999', /API_METRICS_ADDRESS: the port must be at most 65535/);
  });

  it('refuses Temporal TLS settings that cannot be what was meant, and reads the files it is given', () => {
    const refused = (settings: Record<string, string>, reason: RegExp) => assert.throws(() => loadEnv(settings), (error: Error) => error instanceof ConfigError && reason.test(error.message));
    refused({ TEMPORAL_TLS_CERT_PATH: '/etc/hotline/temporal.crt' }, /TEMPORAL_TLS_KEY_PATH: required with TEMPORAL_TLS_CERT_PATH/);
    refused({ TEMPORAL_TLS_KEY_PATH: '/etc/hotline/temporal.key' }, /TEMPORAL_TLS_CERT_PATH: required with TEMPORAL_TLS_KEY_PATH/);
    refused({ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA_PATH: '/etc/hotline/ca.pem', TEMPORAL_API_KEY: 'key' }, /TEMPORAL_TLS: false, but TEMPORAL_TLS_CA_PATH, TEMPORAL_API_KEY are set/);
    refused({ TEMPORAL_TLS: 'yes' }, /TEMPORAL_TLS/);
    assert.equal(temporalConnectionOptions(loadEnv({})).tls, undefined);
    assert.deepEqual(temporalConnectionOptions(loadEnv({ TEMPORAL_TLS: 'true' })).tls, {});
    assert.deepEqual(temporalConnectionOptions(loadEnv({ TEMPORAL_API_KEY: 'key' })).tls, {});
    assert.deepEqual(temporalConnectionOptions(loadEnv({ TEMPORAL_TLS_SERVER_NAME: 'temporal.hotline.test' })).tls, { serverNameOverride: 'temporal.hotline.test' });
    // A path that cannot be read stops the start naming its setting, not deep inside the SDK.
    assert.throws(() => temporalConnectionOptions(loadEnv({ TEMPORAL_TLS_CA_PATH: '/nonexistent/ca.pem' })), (error: Error) => error instanceof ConfigError && /TEMPORAL_TLS_CA_PATH: cannot read \/nonexistent\/ca\.pem \(ENOENT\)/.test(error.message));
  });

  it('exports traces only to a configured OTLP/HTTP endpoint', () => {
    assert.equal(loadEnv({}).otlpTracesUrl, undefined);
    assert.equal(loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318/' }).otlpTracesUrl, 'http://otel-collector:4318/v1/traces');
    // The traces variable is the full URL, as OpenTelemetry's exporters read it, and wins over the base one.
    assert.equal(loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://tempo.example.gov.cn/otlp/v1/traces' }).otlpTracesUrl, 'https://tempo.example.gov.cn/otlp/v1/traces');
    assert.throws(() => loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4317' }), (error: Error) => error instanceof ConfigError && /OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/.test(error.message));
    assert.throws(() => loadEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://otel-collector:4317' }), /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/);
    assert.throws(() => loadEnv({ OTEL_SERVICE_NAME: ' ' }), /OTEL_SERVICE_NAME/);
  });

  it('sizes the worker\'s workflow threads within bounds, and refuses what is not a count', () => {
    const env = loadEnv({});
    assert.deepEqual([env.WORKER_WORKFLOW_THREADS, env.WORKER_MAX_CACHED_WORKFLOWS, env.WORKER_WORKFLOW_HEAP_MB], [2, 200, 512]);
    assert.equal(loadEnv({ WORKER_WORKFLOW_THREADS: '1' }).WORKER_WORKFLOW_THREADS, 1);
    for (const threads of ['0', '9', '1.5', 'two', '-1']) {
      assert.throws(() => loadEnv({ WORKER_WORKFLOW_THREADS: threads }), (error: Error) => error instanceof ConfigError && /WORKER_WORKFLOW_THREADS/.test(error.message), `WORKER_WORKFLOW_THREADS=${threads}`);
    }
    assert.throws(() => loadEnv({ WORKER_WORKFLOW_HEAP_MB: '64' }), /WORKER_WORKFLOW_HEAP_MB/);
  });

  it('names every invalid setting and why', () => {
    assert.throws(
      () => loadEnv({ API_PORT: '70000', DATABASE_URL: 'not a url', JWT_SECRET: 'short' }),
      (error: Error) => error instanceof ConfigError && /API_PORT/.test(error.message) && /DATABASE_URL/.test(error.message) && /JWT_SECRET: must be at least 32 characters/.test(error.message),
    );
  });

  it('refuses to start in production with the demo secrets or without a public base URL', () => {
    assert.throws(() => loadEnv({ NODE_ENV: 'production' }), /refusing to start in production with demo secrets: set JWT_SECRET, TWILIO_AUTH_TOKEN, PUBLIC_LINK_SECRET, AUDIT_CHECKPOINT_KEY, TEMPORAL_PAYLOAD_KEYS$/);
    assert.throws(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), TWILIO_AUTH_TOKEN: 'real-token', TEMPORAL_PAYLOAD_KEYS: PAYLOAD_KEYS, AUDIT_CHECKPOINT_KEY: 'MC4CAQAwBQYDK2VwBCIEIPb7lmKsaWc7mTGqI3F8SC6+y8p3W9LbBZ0oGqk9bD0G' }), /set PUBLIC_LINK_SECRET$/);
    const secrets = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), TWILIO_AUTH_TOKEN: 'real-token', PUBLIC_LINK_SECRET: 'y'.repeat(40), TEMPORAL_PAYLOAD_KEYS: PAYLOAD_KEYS, AUDIT_CHECKPOINT_KEY: 'MC4CAQAwBQYDK2VwBCIEIPb7lmKsaWc7mTGqI3F8SC6+y8p3W9LbBZ0oGqk9bD0G' };
    assert.throws(() => loadEnv(secrets), /without PUBLIC_BASE_URL/);
    const env = loadEnv({ ...secrets, PUBLIC_BASE_URL: 'https://12345.example.gov/' });
    assert.notEqual(env.JWT_SECRET, DEMO_SECRETS.JWT_SECRET);
    assert.equal(publicBaseUrl(env), 'https://12345.example.gov');
  });

  it('reads the Temporal payload keys (first encrypts), refuses malformed ones, and the demo key in production even as an old key', () => {
    const k2 = `k2:${Buffer.alloc(32, 9).toString('base64')}`;
    const env = loadEnv({ TEMPORAL_PAYLOAD_KEYS: `${k2},${PAYLOAD_KEYS}` });
    assert.deepEqual(env.temporalPayloadKeys.map((k) => [k.id, k.key.length]), [['k2', 32], ['k1', 32]]);
    // Outside production a key derived from a public string stands in, marked as a demo secret.
    assert.deepEqual(loadEnv({}).temporalPayloadKeys.map((k) => k.id), ['demo']);
    assert.throws(() => loadEnv({ TEMPORAL_PAYLOAD_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` }), /TEMPORAL_PAYLOAD_KEYS: key "k1": must be 32 bytes/);
    assert.throws(() => loadEnv({ TEMPORAL_PAYLOAD_KEYS: `${PAYLOAD_KEYS},${PAYLOAD_KEYS}` }), /key "k1" is given twice/);
    assert.throws(() => loadEnv({ TEMPORAL_PAYLOAD_KEYS: 'no-colon' }), /TEMPORAL_PAYLOAD_KEYS: entry 1/);
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), TWILIO_AUTH_TOKEN: 'real-token', PUBLIC_LINK_SECRET: 'y'.repeat(40), PUBLIC_BASE_URL: 'https://12345.example.gov', AUDIT_CHECKPOINT_KEY: 'MC4CAQAwBQYDK2VwBCIEIPb7lmKsaWc7mTGqI3F8SC6+y8p3W9LbBZ0oGqk9bD0G' };
    assert.throws(() => loadEnv(production), /demo secrets: set TEMPORAL_PAYLOAD_KEYS$/);
    const demoKey = DEMO_SECRETS.TEMPORAL_PAYLOAD_KEYS.split(':')[1];
    assert.throws(() => loadEnv({ ...production, TEMPORAL_PAYLOAD_KEYS: `${PAYLOAD_KEYS},old:${demoKey}` }), /demo secrets: set TEMPORAL_PAYLOAD_KEYS$/);
    assert.equal(loadEnv({ ...production, TEMPORAL_PAYLOAD_KEYS: PAYLOAD_KEYS }).temporalPayloadKeys[0]!.id, 'k1');
  });

  it('talks to the local Twilio-compatible endpoint until a Twilio account is configured', () => {
    const local = loadEnv({ LOCAL_TWILIO_PORT: '3111' });
    assert.equal(local.twilioIsLocal, true);
    assert.equal(local.twilioApiBaseUrl, 'http://127.0.0.1:3111');
    const cloud = loadEnv({ TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32), TWILIO_AUTH_TOKEN: 'real-token' });
    assert.equal(cloud.twilioIsLocal, false);
    assert.equal(cloud.twilioApiBaseUrl, undefined);
    const proxied = loadEnv({ TWILIO_AUTH_TOKEN: 'real-token', TWILIO_API_BASE_URL: 'https://twilio-proxy.internal' });
    assert.deepEqual([proxied.twilioIsLocal, proxied.twilioApiBaseUrl], [false, 'https://twilio-proxy.internal']);
    assert.throws(() => loadEnv({ TWILIO_FROM_NUMBER: '12345' }), /TWILIO_FROM_NUMBER: an E.164 number/);
  });

  it('builds citizens’ links on the local API when no public base URL is set', () => {
    assert.equal(publicBaseUrl(loadEnv({ API_PORT: '3100' })), 'http://127.0.0.1:3100');
  });

  it('keeps attachments on disk under DATA_DIR unless told otherwise, and needs a bucket for S3', () => {
    const env = loadEnv({ DATA_DIR: '/srv/hotline' });
    assert.equal(env.ATTACHMENT_STORE, 'disk');
    assert.equal(env.attachmentDir, '/srv/hotline/attachments');
    assert.equal(env.ATTACHMENT_MAX_BYTES, 50 * 1024 * 1024);
    assert.equal(loadEnv({ ATTACHMENT_DIR: '/mnt/evidence' }).attachmentDir, '/mnt/evidence');
    assert.throws(() => loadEnv({ ATTACHMENT_STORE: 's3' }), /S3_BUCKET: required when ATTACHMENT_STORE=s3/);
    const s3 = loadEnv({ ATTACHMENT_STORE: 's3', S3_BUCKET: 'evidence', S3_ENDPOINT: 'http://minio.internal:9000', S3_FORCE_PATH_STYLE: 'false' });
    assert.deepEqual([s3.S3_BUCKET, s3.S3_ENDPOINT, s3.S3_REGION, s3.S3_FORCE_PATH_STYLE], ['evidence', 'http://minio.internal:9000', 'us-east-1', false]);
    assert.throws(() => loadEnv({ ATTACHMENT_MAX_BYTES: '0' }), /ATTACHMENT_MAX_BYTES/);
    assert.throws(() => loadEnv({ ATTACHMENT_STORE: 'ftp' }), /ATTACHMENT_STORE/);
  });
});
