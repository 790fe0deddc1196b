// Ports of the local servers: free or taken, picked, waited for.
import net from 'node:net';

export class PortInUseError extends Error {}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * A free port below the kernel's ephemeral range (32768+), for a server started later. Servers
 * started first (the Temporal dev server's internal services, its metrics, PostgreSQL's
 * clients) take random ports from that range, so a port the kernel handed out there could be
 * gone by the time the later server binds it (the dev server's web UI failed that way).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isPortFree(port)) return port;
  }
}

/** Fails with a message that names the setting to change. */
export async function assertPortFree(port: number, setting: string, what: string): Promise<void> {
  if (!(await isPortFree(port))) {
    throw new PortInUseError(`port ${port} (${what}) is already in use by another program: set ${setting} to a free port`);
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T>, timeoutMs = 30_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await probe();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms: ${(lastError as Error)?.message ?? lastError}`);
}
