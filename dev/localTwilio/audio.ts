// The caller's voice as a phone network carries it: 8 kHz mono µ-law, the format of Media Streams.
// Any WAV is converted once and cached; recordings are served as Twilio serves them by default
// (WAV, 16-bit linear PCM, 8 kHz mono).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { mulaw } from 'alawmulaw';
import { WaveFile } from 'wavefile';

const run = promisify(execFile);

export const SAMPLE_RATE = 8000;
/** One Media Streams frame: 20 ms of 8 kHz µ-law. */
export const FRAME_BYTES = 160;
export const FRAME_MS = 20;
/** µ-law encodes silence (linear 0) as 0xFF. */
export const MULAW_SILENCE = 0xff;

export interface CallAudio {
  /** 8 kHz mono µ-law samples, one byte each. */
  mulaw: Buffer;
  durationMs: number;
}

const cache = new Map<string, Promise<CallAudio>>();

/** Reads a WAV file as the phone network would carry it; rejects what is not a readable WAV. */
export function loadCallAudio(file: string): Promise<CallAudio> {
  const key = path.resolve(file);
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = readFile(key).then((bytes) => wavToCallAudio(bytes));
    loaded.catch(() => cache.delete(key));
    cache.set(key, loaded);
  }
  return loaded;
}

export function wavToCallAudio(bytes: Uint8Array): CallAudio {
  let wav: WaveFile;
  try {
    wav = new WaveFile(bytes);
  } catch (error) {
    throw new Error(`not a readable WAV file: ${(error as Error).message}`);
  }
  const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number };
  let samples: Buffer;
  if (fmt.audioFormat === 7 && fmt.numChannels === 1 && fmt.sampleRate === SAMPLE_RATE) {
    // Already telephone audio: kept byte for byte.
    samples = Buffer.from((wav.data as { samples: Uint8Array }).samples);
  } else {
    if (fmt.audioFormat === 7) wav.fromMuLaw();
    else if (fmt.audioFormat === 6) wav.fromALaw();
    if (wav.bitDepth !== '16') wav.toBitDepth('16');
    if (fmt.sampleRate !== SAMPLE_RATE) wav.toSampleRate(SAMPLE_RATE);
    samples = Buffer.from(mulaw.encode(monoPcm(wav)));
  }
  return { mulaw: samples, durationMs: (samples.length / SAMPLE_RATE) * 1000 };
}

function monoPcm(wav: WaveFile): Int16Array {
  const channels = wav.getSamples(false, Int16Array) as unknown as Int16Array | Int16Array[];
  if (!Array.isArray(channels)) return channels;
  const first = channels[0] ?? new Int16Array(0);
  const mixed = new Int16Array(first.length);
  for (let i = 0; i < first.length; i++) {
    let sum = 0;
    for (const channel of channels) sum += channel[i] ?? 0;
    mixed[i] = Math.round(sum / channels.length);
  }
  return mixed;
}

/** A recording as Twilio serves it: WAV, 16-bit PCM, 8 kHz mono. */
export function recordingWav(samples: Buffer): Buffer {
  const wav = new WaveFile();
  wav.fromScratch(1, SAMPLE_RATE, '16', mulaw.decode(samples));
  return Buffer.from(wav.toBuffer());
}

/**
 * A <Dial record> recording: the parent leg's and the child leg's audio over `sampleCount`
 * samples (each cut or padded with silence), mixed into one channel or, dual, the parent in the
 * first channel and the child in the second, as Twilio's dual-channel Dial recordings are.
 */
export function dialRecordingWav(parent: Buffer | null, child: Buffer | null, sampleCount: number, dual: boolean): Buffer {
  const legPcm = (samples: Buffer | null): Int16Array => {
    const pcm = new Int16Array(sampleCount);
    if (samples) pcm.set(mulaw.decode(samples.subarray(0, sampleCount)));
    return pcm;
  };
  const [first, second] = [legPcm(parent), legPcm(child)];
  const wav = new WaveFile();
  if (dual) {
    wav.fromScratch(2, SAMPLE_RATE, '16', [first, second]);
  } else {
    const mixed = new Int16Array(sampleCount);
    for (let i = 0; i < sampleCount; i++) mixed[i] = Math.max(-32768, Math.min(32767, first[i]! + second[i]!));
    wav.fromScratch(1, SAMPLE_RATE, '16', mixed);
  }
  return Buffer.from(wav.toBuffer());
}

/** 8 kHz µ-law WAV of a sine tone: the caller's voice when nothing better is at hand. */
export function toneWav(durationMs: number, hz = 440): Buffer {
  const count = Math.round((durationMs / 1000) * SAMPLE_RATE);
  const pcm = new Int16Array(count);
  for (let i = 0; i < count; i++) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE));
  const wav = new WaveFile();
  wav.fromScratch(1, SAMPLE_RATE, '8m', mulaw.encode(pcm));
  return Buffer.from(wav.toBuffer());
}

/**
 * Speaks Mandarin text with espeak-ng and converts it with sox to 8 kHz mono µ-law; null when
 * either tool is missing. The file is named after the text, so a repeated text is not respoken.
 */
export async function speakToWav(text: string, dir: string): Promise<string | null> {
  const name = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const raw = path.join(dir, `${name}.espeak.wav`);
  const target = path.join(dir, `${name}.wav`);
  try {
    await run('espeak-ng', ['-v', 'cmn', text, '-w', raw]);
    await run('sox', [raw, '-r', String(SAMPLE_RATE), '-c', '1', '-e', 'u-law', target]);
    return target;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function writeToneFile(file: string, durationMs: number): Promise<string> {
  await writeFile(file, toneWav(durationMs));
  return file;
}
