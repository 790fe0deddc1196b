// Temporal payload encryption: every payload the worker and the product's clients send to
// Temporal (workflow inputs with the citizen's name and phone, update arguments, activity
// results, query answers…) is sealed with AES-256-GCM before it leaves the process, so the
// Temporal server, its database, its web UI and `temporal workflow show` hold only ciphertext.
//
// An encrypted payload: metadata { encoding: "binary/encrypted", encryption-key-id: "<id>",
// encryption-format: "proto" }, data = 12-byte nonce ‖ ciphertext ‖ 16-byte tag of the original
// Payload in protobuf's binary encoding, with the key id and the format as additional
// authenticated data (a payload cannot be relabelled with another key's id or format). Keys come
// from TEMPORAL_PAYLOAD_KEYS: the first encrypts, all of them decrypt, so a key is rotated by
// putting the new one first and keeping the old ones for as long as histories sealed with them
// are kept.
//
// Payloads sealed before 2026-12-06 have no encryption-format: their plaintext is the Payload as
// Temporal's proto JSON (data in base64) and their AAD the key id alone. They still decode; new
// ones are sealed in binary, a quarter smaller and several times cheaper to seal and open.
//
// Payloads without the encryption metadata pass through decode untouched: histories recorded
// before encryption (tests/fixtures/histories, cases already running) still replay.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { JSONToPayload } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const FORMAT_METADATA = 'encryption-format';
/** The plaintext is the Payload in protobuf's binary encoding. */
const PROTO_FORMAT = 'proto';
const ProtoPayload = temporal.api.common.v1.Payload;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface PayloadKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** A payload could not be decrypted: unknown key id, wrong key or tampered data. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A metadata value as an error shows it: quoted, escaped (NUL, lone surrogates) and cut short, since it comes from outside. */
const shown = (value: string): string => JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);

/** The AAD: the key id, and the format when there is one ("|" is not allowed in key ids). */
const additionalData = (keyId: string, format: string | null): Uint8Array => encoder.encode(format === null ? keyId : `${keyId}|${format}`);

/**
 * Parses "k2:<base64 of 32 bytes>,k1:<…>" (the first key encrypts). Throws an Error naming the
 * entry at fault, never echoing key material.
 */
export function parsePayloadKeys(raw: string): PayloadKey[] {
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) throw new Error('no key: expected "<id>:<base64 of 32 bytes>[,<id>:<…>]"');
  const keys: PayloadKey[] = [];
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(id)) throw new Error(`entry ${index + 1}: expected "<id>:<base64 key>" with an id of letters, digits, ".", "_" or "-"`);
    const encoded = entry.slice(colon + 1);
    const key = Buffer.from(encoded, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length !== 32) throw new Error(`key "${id}": must be 32 bytes in base64 (e.g. openssl rand -base64 32), got ${key.length} bytes`);
    if (keys.some((k) => k.id === id)) throw new Error(`key "${id}" is given twice`);
    keys.push({ id, key });
  });
  return keys;
}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly current: PayloadKey;

  constructor(keys: readonly PayloadKey[]) {
    if (keys.length === 0) throw new Error('AesGcmPayloadCodec needs at least one key');
    for (const { id, key } of keys) {
      if (!KEY_ID.test(id)) throw new Error(`invalid key id ${shown(id)}`);
      if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes`);
    }
    this.current = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The id new payloads are sealed with. */
  get encryptingKeyId(): string {
    return this.current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.current;
    const plain = ProtoPayload.encode(payload).finish();
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(additionalData(id, PROTO_FORMAT));
    const sealed = Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return { metadata: { encoding: encoder.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: encoder.encode(id), [FORMAT_METADATA]: encoder.encode(PROTO_FORMAT) }, data: new Uint8Array(sealed) };
  }

  private decrypt(payload: Payload): Payload {
    const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
    const encoding = payload.metadata?.encoding ? decoder.decode(payload.metadata.encoding) : undefined;
    if (!keyIdBytes) {
      // Plaintext from before encryption (recorded histories); a payload that claims encryption
      // without naming its key is refused rather than handed on as ciphertext.
      if (encoding === ENCRYPTED_ENCODING) throw new PayloadDecryptionError(`an encrypted payload without the "${KEY_ID_METADATA}" metadata`);
      return payload;
    }
    const id = decoder.decode(keyIdBytes);
    const key = this.byId.get(id);
    if (!key) throw new PayloadDecryptionError(`payload encrypted with key id ${shown(id)}, which TEMPORAL_PAYLOAD_KEYS does not hold (it holds ${[...this.byId.keys()].map((k) => `"${k}"`).join(', ')})`);
    const formatBytes = payload.metadata?.[FORMAT_METADATA];
    const format = formatBytes ? decoder.decode(formatBytes) : null;
    if (format !== null && format !== PROTO_FORMAT) throw new PayloadDecryptionError(`payload encrypted with key id ${shown(id)} in format ${shown(format)}, which this codec does not read`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < NONCE_BYTES + TAG_BYTES) throw new PayloadDecryptionError(`payload encrypted with key id ${shown(id)} is truncated`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE_BYTES));
      decipher.setAAD(additionalData(id, format));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      const decoded = format === PROTO_FORMAT ? ProtoPayload.decode(plain) : JSONToPayload(JSON.parse(decoder.decode(plain)));
      return { metadata: decoded.metadata ?? {}, data: decoded.data ?? new Uint8Array() };
    } catch {
      throw new PayloadDecryptionError(`payload with key id ${shown(id)} failed authentication (wrong key for this id, or altered data)`);
    }
  }
}

/** lib/failureConverter.ts: failures' messages and stack traces as payloads, encrypted like the rest. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failureConverter');

export function payloadDataConverter(keys: readonly PayloadKey[]): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}

function isPayload(value: object): value is Payload {
  const metadata = (value as { metadata?: unknown }).metadata;
  return metadata !== null && typeof metadata === 'object' && 'data' in value && Object.values(metadata).every((v) => v instanceof Uint8Array);
}

/**
 * Decodes, in place, every payload of a Temporal object as fetched (a History, an event), with
 * the codecs in reverse order as the SDK does: for the readers that must see clear values (the
 * auditors' history export, recorded fixtures).
 */
export async function decodePayloadsInPlace<T>(value: T, codecs: readonly PayloadCodec[]): Promise<T> {
  if (codecs.length === 0) return value;
  const visit = async (node: unknown): Promise<void> => {
    if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (item !== null && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Uint8Array) && isPayload(item)) node[i] = await decodeOne(item);
        else await visit(item);
      }
      return;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (child !== null && typeof child === 'object' && !Array.isArray(child) && !(child instanceof Uint8Array) && isPayload(child)) record[key] = await decodeOne(child);
      else await visit(child);
    }
  };
  const decodeOne = async (payload: Payload): Promise<Payload> => {
    let current = [payload];
    for (const codec of [...codecs].reverse()) current = await codec.decode(current);
    return current[0]!;
  };
  await visit(value);
  return value;
}
