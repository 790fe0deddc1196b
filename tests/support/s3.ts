// An S3-compatible server on this machine for the S3 store's tests: moto's server (PyPI
// moto[server], installed into .tools/ by scripts/bootstrap.mjs), in memory, on a free port.
import { spawn } from 'node:child_process';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { freePort, waitFor } from '../../scripts/lib/ports';
import { MOTO_SERVER } from '../../scripts/lib/tools';
import { createS3Client } from '../../storage/s3Store';

export interface RunningS3 {
  endpoint: string;
  client: ReturnType<typeof createS3Client>;
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startS3Server(): Promise<RunningS3> {
  const port = await freePort();
  const server = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  server.stderr.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitFor('moto_server', async () => {
      if (server.exitCode !== null) throw new Error(`moto_server exited: ${output}`);
      const response = await fetch(`${endpoint}/moto-api/`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    });
  } catch (error) {
    server.kill('SIGTERM');
    throw error;
  }
  const client = createS3Client({ endpoint, region: 'us-east-1', accessKeyId: 'test', secretAccessKey: 'test', forcePathStyle: true });
  return {
    endpoint,
    client,
    createBucket: async (name) => {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    stop: async () => {
      client.destroy();
      server.kill('SIGTERM');
      await exited;
    },
  };
}
