// The listener Prometheus scrapes (API_METRICS_ADDRESS): /metrics only, on an address of its own,
// so that the figures are never served on the public API port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { ConfigError } from '../../config/env';
import type { Logger } from '../../config/logger';

export interface MetricsListener {
  /** Where it listens, e.g. http://127.0.0.1:9465/metrics. */
  url: string;
  close(): Promise<void>;
}

/** `host:port` as API_METRICS_ADDRESS gives it. */
export function splitListenAddress(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
}

function metricsServer(registry: Registry, log: Logger): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: metrics are at GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(req.method === 'HEAD' ? undefined : text),
      (error: unknown) => {
        log.error({ err: error }, 'metrics could not be collected');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n');
      },
    );
  });
}

/** Listens at `address` (host:port, API_METRICS_ADDRESS); a ConfigError when it cannot (the port is taken, the host is not this machine's). */
export async function startMetricsServer(registry: Registry, address: string, log: Logger): Promise<MetricsListener> {
  const { host, port } = splitListenAddress(address);
  const server = metricsServer(registry, log);
  await new Promise<void>((resolve, reject) => {
    const refused = (error: Error) => reject(new ConfigError(`API_METRICS_ADDRESS: cannot listen at ${address}: ${error.message}`));
    server.once('error', refused);
    server.listen(port, host, () => {
      server.off('error', refused);
      server.on('error', (error) => log.error({ err: error }, 'metrics listener failed'));
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const shownHost = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    url: `http://${shownHost}:${bound.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
