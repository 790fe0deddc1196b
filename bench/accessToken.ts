// `npm run bench:token`: what checking an access token costs, the step every API request takes
// first (api/auth/middleware.ts). Two ways, alternating, in this process:
//   - product: `verifyAccessToken` (the secret made into a key object once);
//   - baseline: jsonwebtoken given the secret as a string, as the API did before: it tries to
//     parse the string as a PEM public key on every call, throws, then makes the secret key.
// Per verify: this process's CPU.   BENCH_TOKEN_VERIFIES=5000 npm run bench:token
import jwt from 'jsonwebtoken';
import { signAccessToken, verifyAccessToken } from '../api/auth/tokens';
import { log } from './stack';

const VERIFIES = Number(process.env.BENCH_TOKEN_VERIFIES ?? 5_000);
const ROUNDS = 3;
const SECRET = 'bench-secret-0123456789-0123456789-0123456789';
const OPTIONS = { algorithms: ['HS256' as const], issuer: 'hotline12345', audience: 'hotline12345-api' };

const token = signAccessToken({ sub: 'user-operator', username: 'operator', roles: ['operator'], unitId: 'hotline', sv: 0 }, SECRET, 3600);
const ways = {
  product: () => verifyAccessToken(token, SECRET),
  baseline: () => jwt.verify(token, SECRET, OPTIONS),
};

/** CPU milliseconds per call of `verify`, over VERIFIES calls. */
function cpuPerVerify(verify: () => unknown): number {
  const start = process.cpuUsage();
  for (let n = 0; n < VERIFIES; n++) verify();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / VERIFIES;
}

const best: Record<keyof typeof ways, number> = { product: Infinity, baseline: Infinity };
for (const verify of Object.values(ways)) for (let n = 0; n < 500; n++) verify(); // warm up
for (let round = 1; round <= ROUNDS; round++) {
  for (const [name, verify] of Object.entries(ways) as Array<[keyof typeof ways, () => unknown]>) {
    const ms = cpuPerVerify(verify);
    best[name] = Math.min(best[name], ms);
    log(`round ${round}: ${name.padEnd(8)} ${(ms * 1000).toFixed(0).padStart(4)} µs CPU a verify`);
  }
}
console.log(`access token verify: ${(best.product * 1000).toFixed(0)} µs CPU; baseline (string secret): ${(best.baseline * 1000).toFixed(0)} µs CPU`);
