// The API's error handler on the database's refusals: what input caused (too long, out of range,
// malformed for its column, a key taken, a row gone) is a 4xx in the one error shape, in the API
// and in Open311's format alike; only the unanticipated is a 500.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLogger } from '../../config/logger';
import { errorHandler } from '../../api/http/errorHandler';
import { open311ErrorHandler } from '../../api/open311/errors';
import { db } from '../../prisma/client';

const known = (code: string) => new db.Prisma.PrismaClientKnownRequestError(`refused (${code})`, { code, clientVersion: 'test' });

const THROWN: Record<string, () => Error> = {
  tooLong: () => known('P2000'),
  outOfRange: () => known('P2020'),
  malformed: () => known('P2023'),
  taken: () => known('P2002'),
  gone: () => known('P2025'),
  unbuildable: () => new db.Prisma.PrismaClientValidationError('Argument `id`: Invalid value provided.', { clientVersion: 'test' }),
  databaseDown: () => known('P1001'),
  bug: () => new TypeError('undefined is not a function'),
};

describe('error handler on database refusals', () => {
  let url: string;
  let close: () => Promise<void>;

  before(async () => {
    const app = express();
    const log = createLogger('error-handler-test', 'silent');
    for (const [name, thrown] of Object.entries(THROWN)) {
      app.get(`/api/${name}`, () => {
        throw thrown();
      });
      app.get(`/open311/${name}.json`, () => {
        throw thrown();
      });
    }
    app.use('/open311', open311ErrorHandler(log));
    app.use(errorHandler(log));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  after(() => close?.());

  const statusOf = async (path: string) => {
    const response = await fetch(`${url}${path}`);
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('answers what the input caused with a 4xx in the one error shape, and the rest with 500', async () => {
    const expected: Record<string, [number, string]> = {
      tooLong: [400, 'invalid_request'],
      outOfRange: [400, 'invalid_request'],
      malformed: [400, 'invalid_request'],
      taken: [409, 'conflict'],
      gone: [404, 'not_found'],
      unbuildable: [400, 'invalid_request'],
      databaseDown: [500, 'internal'],
      bug: [500, 'internal'],
    };
    for (const [name, [status, code]] of Object.entries(expected)) {
      const answer = await statusOf(`/api/${name}`);
      assert.equal(answer.status, status, name);
      assert.equal((answer.body as { error: { code: string } }).error.code, code, name);
    }
  });

  it('answers the same refusals in Open311’s error list', async () => {
    assert.deepEqual(await statusOf('/open311/tooLong.json'), { status: 400, body: [{ code: 400, description: 'a value is too long for its field' }] });
    assert.deepEqual(await statusOf('/open311/gone.json'), { status: 404, body: [{ code: 404, description: 'no such record' }] });
    // Open311 has no 500: anything else is the spec's general service error.
    assert.equal((await statusOf('/open311/bug.json')).status, 400);
  });
});
