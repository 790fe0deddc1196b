// The one way the API (and the telephony routes it mounts) makes a Temporal client: on the
// shared connection, with the payload encryption (deps.dataConverter), so that nothing the API
// sends to Temporal is in clear and everything it reads back is decoded.
import { Client, type ClientOptions } from '@temporalio/client';
import type { AppDeps } from './deps';

/** `workflow`: workflow client options, e.g. a query that a closed workflow rejects at once. */
export function temporalClient(deps: Pick<AppDeps, 'temporal' | 'namespace' | 'dataConverter'>, workflow?: ClientOptions['workflow']): Client {
  return new Client({ connection: deps.temporal, namespace: deps.namespace, dataConverter: deps.dataConverter, ...(workflow ? { workflow } : {}) });
}
