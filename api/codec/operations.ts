// The OpenAPI description of the codec server (api/openapi/operations.ts spreads it in).
import type { Operation } from '../openapi/operation';
import { CODEC_ROLES, codecBody, codecNamespaceParams, codecQuery } from './routes';

export function codecOperations(): Operation[] {
  const base = { tag: 'audit', auth: 'bearer' as const, roles: CODEC_ROLES, body: codecBody, query: codecQuery };
  const decode = 'Temporal codec server: decrypts Temporal payloads (proto JSON, base64 fields) for the Temporal UI/CLI; auditors only, every call recorded as an identity read (X-Workflow-Id or ?workflowId= names the workflow); X-Namespace must be the configured namespace';
  const encode = 'Temporal codec server: encrypts payloads with the current key (TEMPORAL_PAYLOAD_KEYS) for the Temporal UI/CLI; auditors only';
  return [
    { ...base, method: 'POST', path: '/codec/decode', summary: decode, success: { status: 200, description: '{ payloads }' } },
    { ...base, method: 'POST', path: '/codec/encode', summary: encode, success: { status: 200, description: '{ payloads }' } },
    { ...base, method: 'POST', path: '/codec/:namespace/decode', params: codecNamespaceParams, summary: `${decode} (namespace in the path, for --codec-endpoint templating)`, success: { status: 200, description: '{ payloads }' } },
    { ...base, method: 'POST', path: '/codec/:namespace/encode', params: codecNamespaceParams, summary: `${encode} (namespace in the path)`, success: { status: 200, description: '{ payloads }' } },
  ];
}
