import assert from 'node:assert/strict';
import net from 'node:net';
import { assertPortFree, isPortFree } from '../../scripts/lib/ports';

describe('port checks of npm start', () => {
  it('name the setting to change when a port is taken', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      assert.equal(await isPortFree(port), false);
      await assert.rejects(assertPortFree(port, 'API_PORT', 'API'), new RegExp(`port ${port} \\(API\\) is already in use by another program: set API_PORT to a free port`));
    } finally {
      server.close();
    }
    assert.equal(await isPortFree(port), true);
  });
});
