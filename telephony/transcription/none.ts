// TRANSCRIBER=none, the default: a government intranet usually has no cloud speech service, so
// calls are recorded and nothing is transcribed.
import type { Transcriber, TranscriptionSession } from './transcriber';

const idle: TranscriptionSession = {
  write: () => undefined,
  end: async () => undefined,
};

export const noTranscriber: Transcriber = {
  name: 'none',
  startSession: () => idle,
};
