// Test audio without committed binaries: Mandarin text spoken by espeak-ng and converted by sox
// to telephone audio (8 kHz mono µ-law WAV) in a temp dir, once per text.
import { mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { speakToWav, wavToCallAudio } from '../../dev/localTwilio/audio';

export interface SpokenAudio {
  /** The WAV file (8 kHz mono µ-law). */
  path: string;
  /** Exact duration: one byte per 1/8000 s. */
  durationMs: number;
  /** The µ-law samples, as a Media Stream must carry them. */
  mulaw: Buffer;
}

const AUDIO_DIR = path.join(os.tmpdir(), 'hotline-test-audio');
const spoken = new Map<string, Promise<SpokenAudio>>();

export function speakChinese(text: string): Promise<SpokenAudio> {
  let audio = spoken.get(text);
  if (!audio) {
    audio = (async () => {
      await mkdir(AUDIO_DIR, { recursive: true });
      const file = await speakToWav(text, AUDIO_DIR);
      if (!file) throw new Error('espeak-ng and sox are needed for test audio (apt-get install espeak-ng sox)');
      const { mulaw, durationMs } = wavToCallAudio(await readFile(file));
      return { path: file, durationMs, mulaw };
    })();
    spoken.set(text, audio);
  }
  return audio;
}
