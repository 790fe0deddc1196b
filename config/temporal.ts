// Connection settings shared by the worker, the API and scripts: a local dev server by default,
// or a self-hosted cluster / Temporal Cloud through address, namespace, TLS (a private CA, a
// server name, a client certificate pair) or an API key; and
// the payload encryption every client and worker uses.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions, TLSConfig } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { payloadDataConverter } from '../lib/payloadCodec';
import { ConfigError, type Env } from './env';

export function temporalConnectionOptions(env: Env): ConnectionOptions {
  return {
    address: env.temporalAddress,
    tls: temporalTls(env),
    apiKey: env.TEMPORAL_API_KEY,
    metadata: env.TEMPORAL_API_KEY ? { 'temporal-namespace': env.TEMPORAL_NAMESPACE } : undefined,
  };
}

/** The TLS settings (loadEnv refused the contradictory ones); files read now, so a wrong path stops the start naming its setting. */
export function temporalTls(env: Env): TLSConfig | undefined {
  const wanted = env.TEMPORAL_TLS === 'true' || Boolean(env.TEMPORAL_TLS_CERT_PATH || env.TEMPORAL_TLS_CA_PATH || env.TEMPORAL_TLS_SERVER_NAME || env.TEMPORAL_API_KEY);
  if (!wanted) return undefined;
  const read = (setting: 'TEMPORAL_TLS_CA_PATH' | 'TEMPORAL_TLS_CERT_PATH' | 'TEMPORAL_TLS_KEY_PATH') => {
    try {
      return readFileSync(env[setting]!);
    } catch (error) {
      throw new ConfigError(`invalid configuration:\n  ${setting}: cannot read ${env[setting]} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  };
  return {
    ...(env.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: read('TEMPORAL_TLS_CA_PATH') } : {}),
    ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
    ...(env.TEMPORAL_TLS_CERT_PATH ? { clientCertPair: { crt: read('TEMPORAL_TLS_CERT_PATH'), key: read('TEMPORAL_TLS_KEY_PATH') } } : {}),
  };
}

/**
 * The data converter of every Temporal client and worker of the product: payloads encrypted
 * with TEMPORAL_PAYLOAD_KEYS (lib/payloadCodec.ts).
 */
export function temporalDataConverter(env: Pick<Env, 'temporalPayloadKeys'>): DataConverter {
  return payloadDataConverter(env.temporalPayloadKeys);
}
