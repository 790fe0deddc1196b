// `npm run bench:codec`: what sealing and opening a case's Temporal payloads costs
// (lib/payloadCodec.ts). Every payload of a recorded lifecycle (tests/fixtures/histories: the
// registration, rules, commands, their answers, the local steps' results) is sealed and opened
// the two ways, alternating, in this process:
//   - product: the codec as it seals now (the payload in protobuf's binary encoding);
//   - baseline: the earlier form (the payload as proto JSON, its data in base64), sealed here as
//     the codec sealed it before 2026-12-06 and opened by the codec's own path for such payloads.
// Per lifecycle: this process's CPU and the sealed bytes Temporal stores.
//   BENCH_CODEC_HISTORY=happy-path-patch-baseline BENCH_CODEC_ROUNDS=3 npm run bench:codec
import { createCipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Payload } from '@temporalio/common';
import { JSONToPayload, payloadToJSON } from '@temporalio/common/lib/proto-utils';
import { PROJECT_ROOT } from '../config/env';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../lib/payloadCodec';
import { log } from './stack';

const HISTORY = process.env.BENCH_CODEC_HISTORY ?? 'happy-path-patch-baseline';
const ROUNDS = Number(process.env.BENCH_CODEC_ROUNDS ?? 3);
const REPEATS = 50;
const KEY = { id: 'bench', key: randomBytes(32) };
const codec = new AesGcmPayloadCodec([KEY]);
const encoder = new TextEncoder();

/** Every payload of a recorded history (proto JSON: an object with metadata and data). */
function payloadsOf(value: unknown, found: Payload[] = []): Payload[] {
  if (Array.isArray(value)) value.forEach((item) => payloadsOf(item, found));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.metadata && typeof record.metadata === 'object' && 'data' in record) found.push(JSONToPayload(record));
    else Object.values(record).forEach((child) => payloadsOf(child, found));
  }
  return found;
}

/** The earlier sealing: proto JSON inside, the key id alone as AAD. */
function sealAsBefore(payload: Payload): Payload {
  const plain = encoder.encode(JSON.stringify(payloadToJSON(payload)));
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', KEY.key, nonce);
  cipher.setAAD(encoder.encode(KEY.id));
  const sealed = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return { metadata: { encoding: encoder.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: encoder.encode(KEY.id) }, data: new Uint8Array(sealed) };
}

const payloads = payloadsOf(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/histories', `${HISTORY}.json`), 'utf8')));
const ways = {
  product: async () => codec.encode(payloads),
  baseline: async () => payloads.map(sealAsBefore),
};
const clearBytes = payloads.reduce((sum, p) => sum + (p.data?.length ?? 0), 0);
log(`${HISTORY}: ${payloads.length} payloads, ${clearBytes} bytes of data in clear`);

/** CPU milliseconds to seal and then open every payload once, and the sealed bytes. */
async function cpuPerLifecycle(seal: () => Promise<Payload[]>): Promise<{ sealMs: number; openMs: number; bytes: number }> {
  let sealed: Payload[] = [];
  let start = process.cpuUsage();
  for (let n = 0; n < REPEATS; n++) sealed = await seal();
  const sealUsed = process.cpuUsage(start);
  start = process.cpuUsage();
  for (let n = 0; n < REPEATS; n++) await codec.decode(sealed);
  const openUsed = process.cpuUsage(start);
  const ms = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1000 / REPEATS;
  return { sealMs: ms(sealUsed), openMs: ms(openUsed), bytes: sealed.reduce((sum, p) => sum + (p.data?.length ?? 0), 0) };
}

async function main(): Promise<void> {
  const best = { product: { sealMs: Infinity, openMs: Infinity, bytes: 0 }, baseline: { sealMs: Infinity, openMs: Infinity, bytes: 0 } };
  for (const seal of Object.values(ways)) await cpuPerLifecycle(seal); // warm up
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, seal] of Object.entries(ways) as Array<[keyof typeof ways, () => Promise<Payload[]>]>) {
      const figures = await cpuPerLifecycle(seal);
      best[name] = { sealMs: Math.min(best[name].sealMs, figures.sealMs), openMs: Math.min(best[name].openMs, figures.openMs), bytes: figures.bytes };
      log(`round ${round}: ${name.padEnd(8)} seal ${(figures.sealMs * 1000).toFixed(0).padStart(5)} µs, open ${(figures.openMs * 1000).toFixed(0).padStart(5)} µs CPU a lifecycle; ${figures.bytes} bytes sealed`);
    }
  }
  const line = (f: (typeof best)['product']) => `seal ${(f.sealMs * 1000).toFixed(0)} µs, open ${(f.openMs * 1000).toFixed(0)} µs, ${f.bytes} bytes`;
  console.log(`payload codec per lifecycle (${payloads.length} payloads): ${line(best.product)}; baseline (proto JSON): ${line(best.baseline)}`);
}

void main();
