// TLS to Temporal's frontend signed by a city's private CA: the settings a deployment gives
// (TEMPORAL_TLS_CA_PATH, TEMPORAL_TLS_SERVER_NAME) reach the API's client and the worker's native
// connection, and without them the connection is refused. A cluster of its own with its
// frontend on TLS, certificates made here by openssl. Run by `npm run test:cluster`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadEnv } from '../../config/env';
import { temporalConnectionOptions } from '../../config/temporal';
import { startScratchCluster, type ScratchCluster } from '../../scripts/services/temporalCluster';
import { testSuperuserDatabaseUrl } from '../support/db';

const SERVER_NAME = 'temporal.hotline.test';

/** A CA, and a certificate it signed for SERVER_NAME (P-256 keys, two days). */
function makeCertificates(dir: string): { caFile: string; certFile: string; keyFile: string } {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Hotline Test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${SERVER_NAME}`);
  writeFileSync(file('server.ext'), `subjectAltName=DNS:${SERVER_NAME}\nextendedKeyUsage=serverAuth\n`);
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
  return { caFile: file('ca.pem'), certFile: file('server.pem'), keyFile: file('server.key') };
}

describe('TLS to Temporal\'s frontend with a private CA', () => {
  let dir: string;
  let certificates: ReturnType<typeof makeCertificates>;
  let cluster: ScratchCluster;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'temporal-tls-'));
    certificates = makeCertificates(dir);
    cluster = await startScratchCluster({ serverUrl: testSuperuserDatabaseUrl(), namespace: 'default', frontendTls: { ...certificates, serverName: SERVER_NAME }, log: () => {} });
  });

  after(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = (extra: Record<string, string>) => temporalConnectionOptions(loadEnv({ TEMPORAL_ADDRESS: cluster.address, ...extra }));

  it('connects the API\'s client and the worker\'s native connection with the CA and server name from the settings', async () => {
    const options = settings({ TEMPORAL_TLS_CA_PATH: certificates.caFile, TEMPORAL_TLS_SERVER_NAME: SERVER_NAME });
    const client = await Connection.connect(options);
    const { namespaceInfo } = await client.workflowService.describeNamespace({ namespace: 'default' });
    assert.equal(namespaceInfo?.name, 'default');
    await client.close();
    const native = await NativeConnection.connect({ address: options.address, tls: options.tls });
    await native.close();
  });

  it('is refused in plain text, with only the system\'s CAs, and under another server name', async () => {
    const refused = async (options: ReturnType<typeof settings>, what: string) => {
      await assert.rejects(async () => {
        const connection = await Connection.connect({ ...options, connectTimeout: 3_000 });
        try {
          await connection.workflowService.describeNamespace({ namespace: 'default' });
        } finally {
          await connection.close();
        }
      }, `${what} must not connect`);
    };
    await refused(settings({}), 'plain text');
    await refused(settings({ TEMPORAL_TLS: 'true' }), 'TLS with the system CAs');
    await refused(settings({ TEMPORAL_TLS_CA_PATH: certificates.caFile, TEMPORAL_TLS_SERVER_NAME: 'other.hotline.test' }), 'another server name');
  });
});
