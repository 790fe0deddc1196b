/** A request the control API (or the programmatic API) refuses: HTTP status, field and reason. */
export class LocalTwilioError extends Error {
  constructor(readonly status: number, readonly field: string | null, message: string) {
    super(message);
  }
}
