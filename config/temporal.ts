// Connection settings shared by the worker, the API and scripts: a local dev server by default,
// or a self-hosted cluster / Temporal Cloud through address, namespace, mTLS or an API key; and
// the payload encryption every client and worker uses.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { payloadDataConverter } from '../lib/payloadCodec';
import type { Env } from './env';

export function temporalConnectionOptions(env: Env): ConnectionOptions {
  const tls =
    env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH
      ? { clientCertPair: { crt: readFileSync(env.TEMPORAL_TLS_CERT_PATH), key: readFileSync(env.TEMPORAL_TLS_KEY_PATH) } }
      : env.TEMPORAL_API_KEY
        ? true
        : undefined;
  return {
    address: env.temporalAddress,
    tls,
    apiKey: env.TEMPORAL_API_KEY,
    metadata: env.TEMPORAL_API_KEY ? { 'temporal-namespace': env.TEMPORAL_NAMESPACE } : undefined,
  };
}

/**
 * The data converter of every Temporal client and worker of the product: payloads encrypted
 * with TEMPORAL_PAYLOAD_KEYS (lib/payloadCodec.ts).
 */
export function temporalDataConverter(env: Pick<Env, 'temporalPayloadKeys'>): DataConverter {
  return payloadDataConverter(env.temporalPayloadKeys);
}
