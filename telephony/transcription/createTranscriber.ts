// The transcriber the TRANSCRIBER setting names. A streaming STT provider plugs in by
// implementing Transcriber (transcriber.ts) and adding its name here and to config/env.ts.
import type { Env } from '../../config/env';
import { noTranscriber } from './none';
import type { Transcriber } from './transcriber';

export function createTranscriber(name: Env['TRANSCRIBER']): Transcriber {
  switch (name) {
    case 'none':
      return noTranscriber;
  }
}
