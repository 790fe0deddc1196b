// The password policy for accounts an admin creates or resets: long enough, mixed, and not
// built from the username. Plain function; the schemas and the reset route both use it.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const CLASSES: [string, RegExp][] = [
  ['lower-case letters', /[a-z]/],
  ['upper-case letters', /[A-Z]/],
  ['digits', /\d/],
  ['symbols', /[^A-Za-z0-9]/],
];

/** Why the password is not acceptable, or null when it is. */
export function passwordProblem(password: string, username: string | undefined): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `at most ${PASSWORD_MAX_LENGTH} characters`;
  const kinds = CLASSES.filter(([, pattern]) => pattern.test(password)).length;
  if (kinds < 3) return `at least three of: ${CLASSES.map(([label]) => label).join(', ')}`;
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the username';
  return null;
}
