// Structured logs: one JSON line per event. Pass `{ caseId }` in the bindings or the first
// argument wherever a case is concerned so that a case's lines can be grepped together.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['password', '*.password', 'authorization', 'req.headers.authorization', 'citizenPhone', '*.citizenPhone'], censor: '[redacted]' },
  });
}
