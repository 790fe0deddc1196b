// The demo secrets and the demo accounts' password ship in the repository: outside production
// the API may use them only while it listens on loopback. Unit checks of the rule, and the real
// api/main.ts refusing to start (or starting) on the test database.
import assert from 'node:assert/strict';
import { hash } from '@node-rs/argon2';
import { ConfigError, DEMO_SECRETS, isLoopbackHost, refuseDemoSecretsOffLoopback } from '../../config/env';
import { DEMO_USERS } from '../../prisma/seed/users';
import { testPrisma, useOwnDatabase } from '../support/db';
import { apiProcessExit, startApiProcess } from '../support/apiProcess';

const OWN_SECRETS = {
  JWT_SECRET: 'j'.repeat(40),
  TWILIO_AUTH_TOKEN: 'own-twilio-token',
  PUBLIC_LINK_SECRET: 'l'.repeat(40),
  AUDIT_CHECKPOINT_KEY: 'MC4CAQAwBQYDK2VwBCIEIPb7lmKsaWc7mTGqI3F8SC6+y8p3W9LbBZ0oGqk9bD0G',
  TEMPORAL_PAYLOAD_KEYS: `own:${Buffer.alloc(32, 5).toString('base64')}`,
};

describe('demo secrets only on loopback', function () {
  this.timeout(120_000);

  it('tells loopback listen addresses from the others', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.5', 'api.example.gov.cn', '', '128.0.0.1']) assert.ok(!isLoopbackHost(host), host);
  });

  it('refuses the demo secrets on any other address, naming what to set', () => {
    assert.doesNotThrow(() => refuseDemoSecretsOffLoopback({ ...DEMO_SECRETS, API_HOST: '127.0.0.1' }));
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) {
      assert.throws(
        () => refuseDemoSecretsOffLoopback({ ...DEMO_SECRETS, API_HOST: host }),
        (error: Error) => error instanceof ConfigError && error.message === `refusing to listen on ${host} with the demo secrets (they are public): set JWT_SECRET, TWILIO_AUTH_TOKEN, PUBLIC_LINK_SECRET, AUDIT_CHECKPOINT_KEY, TEMPORAL_PAYLOAD_KEYS, or listen on 127.0.0.1 (API_HOST)`,
      );
    }
    assert.throws(() => refuseDemoSecretsOffLoopback({ ...DEMO_SECRETS, ...OWN_SECRETS, TWILIO_AUTH_TOKEN: DEMO_SECRETS.TWILIO_AUTH_TOKEN, API_HOST: '0.0.0.0' }), /set TWILIO_AUTH_TOKEN, or/);
    assert.doesNotThrow(() => refuseDemoSecretsOffLoopback({ ...OWN_SECRETS, API_HOST: '0.0.0.0' }));
  });

  it('api/main.ts on 0.0.0.0 with the demo secrets exits with the reason and never listens', async () => {
    const run = await apiProcessExit({ API_HOST: '0.0.0.0' });
    assert.equal(run.listened, false, run.output);
    assert.equal(run.code, 1);
    assert.match(run.output, /refusing to listen on 0\.0\.0\.0 with the demo secrets \(they are public\): set JWT_SECRET, TWILIO_AUTH_TOKEN, PUBLIC_LINK_SECRET/);
  });

  it('api/main.ts on 0.0.0.0 with its own secrets but demo accounts still on the demo password exits with the reason', async () => {
    const run = await apiProcessExit({ API_HOST: '0.0.0.0', ...OWN_SECRETS });
    assert.equal(run.listened, false, run.output);
    assert.equal(run.code, 1);
    assert.match(run.output, /refusing to listen on 0\.0\.0\.0 while demo accounts have the demo password \(it is public\): change or deactivate admin, auditor, /);
  });

  it('api/main.ts with the demo secrets serves on loopback', async () => {
    const api = await startApiProcess({ API_HOST: '127.0.0.1' });
    try {
      assert.equal((await fetch(`${api.url}/public/form-options`)).status, 200);
    } finally {
      await api.stop();
    }
  });

  describe('once the demo accounts have passwords of their own', () => {
    useOwnDatabase('demosecrets');
    before(async () => {
      const passwordHash = await hash('an own password 0123');
      await testPrisma().user.updateMany({ where: { id: { in: DEMO_USERS.map((user) => user.id) } }, data: { passwordHash } });
    });

    it('api/main.ts with its own secrets serves on 0.0.0.0', async () => {
      const api = await startApiProcess({ API_HOST: '0.0.0.0', ...OWN_SECRETS });
      try {
        assert.equal((await fetch(`${api.url}/public/form-options`)).status, 200);
      } finally {
        await api.stop();
      }
    });
  });
});
