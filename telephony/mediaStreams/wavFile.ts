// The stored recording: a canonical 44-byte RIFF/WAVE header and 16-bit PCM at 8 kHz, one
// channel per track (caller only: mono; both tracks: stereo, caller left). PCM rather than
// µ-law WAV: every browser's <audio> plays it (µ-law WAV is not universally supported) and
// speech tools read it as is; it is twice the size (16 kB/s, under 60 MB an hour), and no
// information is lost because µ-law decodes exactly to 16-bit samples.
// The header is written here rather than by wavefile, which builds a file from samples held in
// memory; the samples of a call stay on disk until they stream into the attachment store.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { SAMPLE_RATE } from './trackRecorder';

const BYTES_PER_SAMPLE = 2;
const HEADER_BYTES = 44;

export function wavHeader(channels: number, samplesPerChannel: number): Buffer {
  const dataBytes = samplesPerChannel * channels * BYTES_PER_SAMPLE;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * channels * BYTES_PER_SAMPLE, 28);
  header.writeUInt16LE(channels * BYTES_PER_SAMPLE, 32);
  header.writeUInt16LE(BYTES_PER_SAMPLE * 8, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

export interface RawTrack {
  /** A file of little-endian 16-bit samples. */
  path: string;
  samples: number;
}

/** The WAV bytes of one or two raw tracks; the shorter of two is padded with silence. */
export function wavStream(tracks: RawTrack[]): Readable {
  if (tracks.length === 0 || tracks.length > 2) throw new Error(`a recording has one or two tracks, not ${tracks.length}`);
  const samples = Math.max(...tracks.map((track) => track.samples));
  if (tracks.length === 1) {
    const [only] = tracks as [RawTrack];
    return Readable.from(
      (async function* () {
        yield wavHeader(1, samples);
        if (samples > 0) yield* createReadStream(only.path, { end: samples * BYTES_PER_SAMPLE - 1 });
      })(),
    );
  }
  return Readable.from(interleaved(tracks as [RawTrack, RawTrack], samples));
}

const BLOCK_SAMPLES = SAMPLE_RATE;

async function* interleaved([left, right]: [RawTrack, RawTrack], samples: number): AsyncGenerator<Buffer> {
  yield wavHeader(2, samples);
  const leftFile = await open(left.path, 'r');
  const rightFile = await open(right.path, 'r');
  try {
    for (let offset = 0; offset < samples; offset += BLOCK_SAMPLES) {
      const count = Math.min(BLOCK_SAMPLES, samples - offset);
      const l = Buffer.alloc(count * BYTES_PER_SAMPLE);
      const r = Buffer.alloc(count * BYTES_PER_SAMPLE);
      // Past a track's end the zero-filled buffer stands for silence.
      await leftFile.read(l, 0, l.length, offset * BYTES_PER_SAMPLE);
      await rightFile.read(r, 0, r.length, offset * BYTES_PER_SAMPLE);
      const out = Buffer.alloc(count * 2 * BYTES_PER_SAMPLE);
      for (let i = 0; i < count; i++) {
        out.writeInt16LE(l.readInt16LE(i * 2), i * 4);
        out.writeInt16LE(r.readInt16LE(i * 2), i * 4 + 2);
      }
      yield out;
    }
  } finally {
    await leftFile.close();
    await rightFile.close();
  }
}
