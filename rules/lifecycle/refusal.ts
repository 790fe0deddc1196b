// Why a command was refused. The API maps the code to its HTTP status: invalidInput → 400,
// forbidden → 403, invalidState → 409. A refused command changes nothing.

export type RefusalCode = 'invalidInput' | 'forbidden' | 'invalidState';

export class CommandRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'CommandRefusal';
  }
}

export const refuse = {
  input: (message: string, fields?: Record<string, string>) => new CommandRefusal('invalidInput', message, fields),
  forbidden: (message: string) => new CommandRefusal('forbidden', message),
  state: (message: string) => new CommandRefusal('invalidState', message),
};
