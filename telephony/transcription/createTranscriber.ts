// The transcriber the TRANSCRIBER setting names. A streaming STT provider plugs in by
// implementing Transcriber (transcriber.ts) and adding its name here and to config/env.ts.
import type { Env } from '../../config/env';
import type { Logger } from '../../config/logger';
import { funasrTranscriber } from './funasr';
import { noTranscriber } from './none';
import type { Transcriber } from './transcriber';

export function createTranscriber(env: Pick<Env, 'TRANSCRIBER' | 'FUNASR_URL' | 'FUNASR_MODE' | 'FUNASR_HOTWORDS'>, log: Logger): Transcriber {
  switch (env.TRANSCRIBER) {
    case 'none':
      return noTranscriber;
    case 'funasr':
      // loadEnv refuses TRANSCRIBER=funasr without FUNASR_URL.
      return funasrTranscriber({ url: env.FUNASR_URL!, mode: env.FUNASR_MODE, hotwords: env.FUNASR_HOTWORDS, log });
  }
}
